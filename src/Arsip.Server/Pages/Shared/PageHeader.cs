using System.Security.Claims;
using Arsip.Access;
using Arsip.Dispositions;
using Arsip.Infrastructure;
using Arsip.Organization;

namespace Arsip.Pages;

/// <summary>The demo agencies offered on the sign-in page (seam: an agency registry replaces this list).</summary>
public static class Agencies
{
    public static readonly IReadOnlyList<(string Id, string Name)> All =
    [
        ("kota-bekasi", "Pemerintah Kota Bekasi"),
        ("kab-bekasi", "Pemerintah Kabupaten Bekasi"),
        ("kota-tangerang", "Pemerintah Kota Tangerang"),
    ];

    public static string NameOf(string id) => All.FirstOrDefault(a => a.Id == id).Name ?? id;
}

/// <summary>Who is signed in, as the header of every page shows it: name, positions (Plt/Plh marked), agency, and unread dispositions.</summary>
public sealed record PageHeader(string Name, IReadOnlyList<string> Positions, string Agency, int Unread)
{
    public static async Task<PageHeader?> LoadAsync(ClaimsPrincipal user, IDocumentStore store, ArsipClock clock, CancellationToken ct)
    {
        if (user.FindFirstValue(ArsipClaims.Agency) is null) return null;
        var caller = Caller.From(user);
        await using var session = store.QuerySession(caller.Agency);
        var person = await session.LoadAsync<Person>(caller.PersonId, ct);
        var positions = caller.Positions.Count == 0 ? [] : await session.LoadManyAsync<Position>(ct, caller.Positions);
        var today = clock.Today;
        var titles = positions.Select(p =>
        {
            var acting = person?.Acting.FirstOrDefault(a => a.PositionId == p.Id && a.From <= today && today <= a.Until && p.Id != person.PositionId);
            return acting is null ? p.Title : $"{acting.Kind} {p.Title}";
        }).ToList();
        var unread = caller.Positions.Count == 0 ? 0 : await InboxQueries.UnreadAsync(session, caller, ct);
        return new PageHeader(caller.Name, titles, Agencies.NameOf(caller.Agency), unread);
    }
}
