using Arsip.Correspondence;

namespace Arsip.Exchange;

/// <summary>The directory as dispatch and intake ask it; a handful of rows, read from the installation tenant each time.</summary>
public sealed class PeerDirectory(IServiceProvider services) : IAgencyHosts
{
    // looked up at first use: Correspondence's dispatch handler takes IAgencyHosts, and the store is built after the handlers
    private IDocumentStore Store => services.GetRequiredService<IDocumentStore>();

    public async Task<IReadOnlyList<PeerInstallation>> AllAsync(CancellationToken ct)
    {
        await using var session = Store.QuerySession(Installation.Tenant);
        return await session.Query<PeerInstallation>().Where(p => !p.Removed).ToListAsync(ct);
    }

    public async Task<PeerInstallation?> HostOfAsync(string agency, CancellationToken ct) =>
        (await AllAsync(ct)).FirstOrDefault(p => p.Agencies.Contains(agency));

    public async Task<PeerInstallation?> ByKeyIdAsync(string? keyId, CancellationToken ct) =>
        string.IsNullOrEmpty(keyId) ? null : (await AllAsync(ct)).FirstOrDefault(p => p.KeyId == keyId);

    public async Task<bool> IsElsewhereAsync(string agency, CancellationToken ct) => await HostOfAsync(agency, ct) is not null;
}
