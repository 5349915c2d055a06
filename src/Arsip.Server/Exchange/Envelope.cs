using System.Text.Json;
using Arsip.Infrastructure;
using Arsip.Correspondence;

namespace Arsip.Exchange;

/// <summary>What travels between installations: the letter with its files' names, types, lengths and SHA-256 (the bytes follow in
/// the same request). Signed as sent; SignedAt is renewed at each attempt, so a copy replayed later than the allowed skew is refused,
/// while the same envelope id always answers the same receipt.</summary>
public sealed record LetterEnvelope(Guid EnvelopeId, string FromKeyId, string FromAgency, string ToAgency, DateTimeOffset SignedAt, DeliverLetter Letter);

/// <summary>The receiver's signed answer: the letter is registered there under this agenda number.</summary>
public sealed record EnvelopeReceipt(Guid EnvelopeId, string ToAgency, Guid IncomingLetterId, int AgendaNumber, DateTimeOffset ReceivedAt, string ReceiverKeyId);

public static class EnvelopeFormat
{
    public const string KeyIdHeader = "Arsip-Key-Id";
    public const string SignatureHeader = "Arsip-Signature";
    public const string EnvelopePart = "envelope";
    public const string FilePart = "file";
    public const int MaxEnvelopeJson = 256 * 1024;

    public static readonly JsonSerializerOptions Json = EnumNames.Options(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}

/// <summary><c>Arsip:Exchange:*</c>: how large an envelope may be, how far its signing time may be from the receiver's clock, how sending backs off.</summary>
public sealed class ExchangeOptions
{
    public long MaxEnvelopeBytes { get; set; } = 100L * 1024 * 1024;
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Refused envelopes and receipts recorded per node and minute (a token bucket); more are only counted, so a flood of forged
    /// requests cannot fill the database.</summary>
    public int RefusalsPerMinute { get; set; } = 60;
    /// <summary>The newest refusals kept (installation-wide); each new one deletes those beyond.</summary>
    public int RefusalsKept { get; set; } = 1000;
    /// <summary>Waits between attempts (<c>Arsip:Exchange:Backoff:0</c>, <c>:1</c>, ...); the last repeats for as long as the peer is down (days).</summary>
    public TimeSpan[]? Backoff { get; set; }

    public static readonly TimeSpan[] DefaultBackoff =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)];

    public TimeSpan BackoffAfter(int failures)
    {
        var waits = Backoff is { Length: > 0 } configured ? configured : DefaultBackoff;
        return waits[Math.Clamp(failures - 1, 0, waits.Length - 1)];
    }
}
