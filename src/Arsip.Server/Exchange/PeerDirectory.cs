using Arsip.Correspondence;
using Marten.Services;

namespace Arsip.Exchange;

/// <summary>The directory as dispatch and intake ask it: a handful of rows, kept for a second (every envelope sent or received asks it),
/// dropped at once when this node changes an entry; another node of the installation sees the change within the second.</summary>
public sealed class PeerDirectory(IServiceProvider services) : IAgencyHosts
{
    // looked up at first use: Correspondence's dispatch handler takes IAgencyHosts, and the store is built after the handlers
    private IDocumentStore Store => services.GetRequiredService<IDocumentStore>();
    private const long LifetimeMs = 1000;
    private volatile Snapshot? snapshot;

    private sealed record Snapshot(IReadOnlyList<PeerInstallation> All, long Until);

    public async Task<IReadOnlyList<PeerInstallation>> AllAsync(CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (snapshot is { } cached && cached.Until > now) return cached.All;
        await using var session = Store.QuerySession(Installation.Tenant);
        var fresh = new Snapshot(await session.Query<PeerInstallation>().Where(p => !p.Removed).ToListAsync(ct), now + LifetimeMs);
        snapshot = fresh;
        return fresh.All;
    }

    public void Clear() => snapshot = null;

    public async Task<PeerInstallation?> HostOfAsync(string agency, CancellationToken ct) =>
        (await AllAsync(ct)).FirstOrDefault(p => p.Agencies.Contains(agency));

    public async Task<PeerInstallation?> ByKeyIdAsync(string? keyId, CancellationToken ct) =>
        string.IsNullOrEmpty(keyId) ? null : (await AllAsync(ct)).FirstOrDefault(p => p.KeyId == keyId);

    public async Task<bool> IsElsewhereAsync(string agency, CancellationToken ct) => await HostOfAsync(agency, ct) is not null;
}

/// <summary>An entry written or removed on this node counts from the next envelope.</summary>
public sealed class PeerChangeListener(PeerDirectory directory) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.GetEvents().Any(e => e.Data is PeerInstallationSet or PeerInstallationRemoved)) directory.Clear();
        return Task.CompletedTask;
    }
}
