using System.Collections.Concurrent;
using System.Security.Claims;
using Arsip.Organization;
using Marten;
using Marten.Services;

namespace Arsip.Access;

/// <summary>
/// The claims of recently seen callers, kept for one second. Rebuilding them from the person's record
/// takes two queries, on every request; a registrar or an official clicking through pages sends
/// several requests a second. Any change to the organization committed on this node (a reassignment,
/// an acting assignment, a revoked token) clears the cache at once, so such changes still take effect
/// on the next request here, and within a second on other nodes. The calendar day is part of the key,
/// because acting assignments start and end with the day.
/// </summary>
public sealed class PrincipalCache
{
    private const long LifetimeMs = 1000;
    private readonly ConcurrentDictionary<(string Key, DateOnly Today), (Claim[] Claims, string Scheme, long Until)> entries = new();

    public async Task<ClaimsPrincipal?> GetOrBuildAsync(string key, DateOnly today, Func<Task<ClaimsPrincipal?>> build)
    {
        var now = Environment.TickCount64;
        if (entries.TryGetValue((key, today), out var cached) && cached.Until > now)
            return new ClaimsPrincipal(new ClaimsIdentity(cached.Claims, cached.Scheme, ClaimTypes.Name, ClaimTypes.Role));
        var principal = await build();
        if (principal?.Identity is ClaimsIdentity { AuthenticationType: { } scheme } identity)
        {
            if (entries.Count > 10_000) entries.Clear(); // a bound, not a policy: entries live a second anyway
            entries[(key, today)] = ([.. identity.Claims], scheme, now + LifetimeMs);
        }
        return principal;
    }

    public void Clear() => entries.Clear();
}

/// <summary>Clears <see cref="PrincipalCache"/> after a commit that changed units, positions or people (tokens included).</summary>
public sealed class OrganizationChangeListener(PrincipalCache cache) : DocumentSessionListenerBase
{
    private static readonly HashSet<Type> Organization = [typeof(Unit), typeof(Position), typeof(Person)];

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        if (commit.GetStreams().Any(s => s.AggregateType is { } type && Organization.Contains(type))
            || commit.GetEvents().Any(e => e.EventType.Namespace == typeof(Person).Namespace || e.Data is ApiTokenIssued or ApiTokenRevoked))
            cache.Clear();
        return Task.CompletedTask;
    }
}
