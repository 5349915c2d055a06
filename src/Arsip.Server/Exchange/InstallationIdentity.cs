using Arsip.Onboarding;

namespace Arsip.Exchange;

/// <summary>What a peer's operator copies into their directory: the key id read out to confirm the key, the key, the agencies hosted here.</summary>
public sealed record InstallationIdentity(string KeyId, string PublicKey, IReadOnlyList<string> Agencies, string IntakePath);

public sealed record PeerList(InstallationIdentity Self, IReadOnlyList<PeerInstallation> Peers);

public static class InstallationIdentityEndpoints
{
    public const string WellKnownPath = "/.well-known/arsip-installation";

    public static async Task<InstallationIdentity> IdentityAsync(ExchangeKey key, AgencyDirectory agencies, CancellationToken ct) =>
        new(key.KeyId, key.PublicKeyPem, (await agencies.AllAsync(ct)).Where(a => !a.Suspended).Select(a => a.AgencyId).Order(StringComparer.Ordinal).ToList(),
            EnvelopePaths.Intake);

    /// <summary>Public on purpose: the key is public, and a peer's operator compares its id with the one read out by this operator.</summary>
    [WolverineGet(WellKnownPath)]
    [AllowAnonymous]
    [Tags("Instalasi")]
    [EndpointSummary("This installation's public key for envelopes and the agencies it hosts")]
    public static Task<InstallationIdentity> Get(ExchangeKey key, AgencyDirectory agencies, CancellationToken ct) => IdentityAsync(key, agencies, ct);

    [WolverineGet("/api/peers")]
    [Tags("Instalasi")]
    [EndpointSummary("This installation's identity and the directory of peer installations (installation operator)")]
    [Authorize(Policy = Policies.Operator)]
    public static async Task<PeerList> List(ExchangeKey key, AgencyDirectory agencies, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(Installation.Tenant);
        var peers = await session.Query<PeerInstallation>().Where(p => !p.Removed).OrderBy(p => p.PeerId).ToListAsync(ct);
        return new PeerList(await IdentityAsync(key, agencies, ct), peers);
    }
}

public static class EnvelopePaths
{
    public const string Intake = "/api/exchange/envelopes";
    public const string Receipts = "/api/exchange/receipts";
}
