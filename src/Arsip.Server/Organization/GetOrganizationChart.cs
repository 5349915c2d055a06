
namespace Arsip.Organization;

public sealed record Created(Guid Id);
public sealed record PersonSummary(Guid Id, string UserName, string FullName, string? Nip, string? Rank, Guid? PositionId, IReadOnlyList<Acting> Acting, DateTimeOffset? DeactivatedAt);
public sealed record OrganizationChart(IReadOnlyList<Unit> Units, IReadOnlyList<Position> Positions, IReadOnlyList<PersonSummary> People);

public static class OrganizationChartEndpoint
{
    [WolverineGet("/api/organization")]
    [Tags("Organisasi")]
    [EndpointSummary("Units, positions (with reporting lines) and people of the caller's agency")]
    public static async Task<OrganizationChart> Get(IQuerySession session, CancellationToken ct)
    {
        var units = await session.Query<Unit>().OrderBy(u => u.Code).ToListAsync(ct);
        var positions = await session.Query<Position>().OrderBy(p => p.Title).ToListAsync(ct);
        var people = await session.Query<Person>().OrderBy(p => p.FullName).ToListAsync(ct);
        return new OrganizationChart(units.ToList(), positions.ToList(),
            people.Select(p => new PersonSummary(p.Id, p.UserName, p.FullName, p.Nip, p.Rank, p.PositionId, p.Acting, p.DeactivatedAt)).ToList());
    }
}
