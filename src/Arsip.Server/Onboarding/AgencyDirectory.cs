using Arsip.Access;
using Marten.Services;

namespace Arsip.Onboarding;

/// <summary>The registry as every request asks it (is this agency suspended?): read at most once a second, cleared at once by a local change.</summary>
public sealed class AgencyDirectory(IServiceProvider services) : ISuspendedAgencies
{
    // looked up at first use: the store's own configuration builds this directory's change listener, so the store cannot be a constructor argument
    private IDocumentStore Store => services.GetRequiredService<IDocumentStore>();
    private const long LifetimeMs = 1000;
    private volatile Snapshot? snapshot;

    private sealed record Snapshot(IReadOnlyList<RegisteredAgency> All, Dictionary<string, RegisteredAgency> ById, long Until);

    public async Task<IReadOnlyList<RegisteredAgency>> AllAsync(CancellationToken ct) => (await LoadAsync(ct)).All;

    public async Task<RegisteredAgency?> FindAsync(string agencyId, CancellationToken ct) =>
        (await LoadAsync(ct)).ById.GetValueOrDefault(agencyId.Trim());

    /// <summary>Agencies outside the registry (none today: the demo agencies are registered by the sample loader) are not suspended.</summary>
    public async Task<bool> IsSuspendedAsync(string agencyId, CancellationToken ct) =>
        agencyId != Installation.Tenant && await FindAsync(agencyId, ct) is { Suspended: true };

    /// <summary>Active agencies whose name or id contains every word typed, best matches (name starting with the text) first.</summary>
    public async Task<IReadOnlyList<RegisteredAgency>> SearchAsync(string? text, int limit, CancellationToken ct)
    {
        var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var all = await AllAsync(ct);
        return all.Where(a => !a.Suspended && words.All(w => a.Name.Contains(w, StringComparison.OrdinalIgnoreCase) || a.AgencyId.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(a => a.AgencyId.Equals(text?.Trim(), StringComparison.OrdinalIgnoreCase) ? 0 : a.Name.StartsWith(text?.Trim() ?? "", StringComparison.OrdinalIgnoreCase) ? 1 : 2)
            .ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .Take(limit).ToList();
    }

    public void Clear() => snapshot = null;

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (snapshot is { } cached && cached.Until > now) return cached;
        await using var session = Store.QuerySession(Installation.Tenant);
        var all = (await session.Query<RegisteredAgency>().ToListAsync(ct)).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var fresh = new Snapshot(all, all.ToDictionary(a => a.AgencyId), now + LifetimeMs);
        snapshot = fresh;
        return fresh;
    }
}

/// <summary>A suspension or reactivation counts from the next request: the registry and every cached principal are dropped after its commit.</summary>
public sealed class AgencyChangeListener(AgencyDirectory directory, PrincipalCache principals) : DocumentSessionListenerBase
{
    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.GetEvents().Any(e => e.Data is AgencyCreated or AgencySuspended or AgencyReactivated))
        {
            directory.Clear();
            principals.Clear();
        }
        return Task.CompletedTask;
    }
}
