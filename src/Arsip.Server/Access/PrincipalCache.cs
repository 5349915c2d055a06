using System.Collections.Concurrent;
using System.Security.Claims;
using Arsip.Organization;
using Marten.Services;

namespace Arsip.Access;

/// <summary>Rebuilding claims takes two queries per request and people send several a second; local organization changes clear it at once (other nodes within a second), and the day is in the key since acting assignments follow it.</summary>
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
