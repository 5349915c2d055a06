using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Arsip.Exchange;

/// <summary>The operator wrote (or rewrote) a peer's directory entry: where it answers, the key it signs with, the agencies it hosts.</summary>
public sealed record PeerInstallationSet(string PeerId, string Name, string BaseUrl, string PublicKey, string KeyId, string[] Agencies, string By, DateTimeOffset At);

public sealed record PeerInstallationRemoved(string PeerId, string By, DateTimeOffset At);

/// <summary>Another Arsip installation this one exchanges letters with, in the installation tenant; kept by its operator.</summary>
public sealed class PeerInstallation
{
    public Guid Id { get; set; }
    public string PeerId { get; set; } = "";
    public string Name { get; set; } = "";
    public string BaseUrl { get; set; } = "";
    public string PublicKey { get; set; } = "";
    public string KeyId { get; set; } = "";
    public List<string> Agencies { get; set; } = [];
    public DateTimeOffset ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
    public bool Removed { get; set; }

    // Parsed keys kept for the next check, each with the text it was parsed from: parsing the PEM and checking its curve cost more than
    // the check itself, and every envelope and receipt is checked. One check per key at a time (an ECDsa is not documented as safe to share).
    private readonly ConcurrentBag<(string Pem, ECDsa Key)> parsed = [];

    /// <summary>Whether <paramref name="body"/> carries this peer's signature (the key in this installation's directory).</summary>
    public bool Signed(byte[] body, string? signature)
    {
        var pem = PublicKey;
        ECDsa? key = null;
        while (key is null && parsed.TryTake(out var kept))
        {
            if (string.Equals(kept.Pem, pem, StringComparison.Ordinal)) key = kept.Key;
            else kept.Key.Dispose(); // parsed before the entry changed
        }
        if ((key ?? ExchangeKey.ParsePublicKey(pem)) is not { } usable) return false;
        try
        {
            return SigningKeys.Verify(usable, body, signature);
        }
        finally
        {
            parsed.Add((pem, usable));
        }
    }

    public static PeerInstallation Create(PeerInstallationSet e) => new PeerInstallation { Id = PeerStreams.For(e.PeerId) }.With(e);

    public void Apply(PeerInstallationSet e) => With(e);

    public void Apply(PeerInstallationRemoved e) => (Removed, Agencies, ChangedAt, ChangedBy) = (true, [], e.At, e.By);

    private PeerInstallation With(PeerInstallationSet e)
    {
        (PeerId, Name, BaseUrl, PublicKey, KeyId, Agencies, ChangedAt, ChangedBy, Removed) =
            (e.PeerId, e.Name, e.BaseUrl, e.PublicKey, e.KeyId, [.. e.Agencies], e.At, e.By, false);
        return this;
    }
}

public static class PeerStreams
{
    /// <summary>One stream per peer id, so two operators writing the same entry meet on one stream.</summary>
    public static Guid For(string peerId)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"peer:{peerId}"))[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
