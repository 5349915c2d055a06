using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Dispositions;

public sealed record UnitMonitoring(Guid UnitId, string UnitName, int Open, int Overdue, int Done, double? AverageCompletionHours);
public sealed record OverdueItem(
    Guid DispositionId, Guid LetterId, string Letter, Guid PositionId, string PositionTitle, IReadOnlyList<string> HeldBy,
    string IssuerTitle, DateTimeOffset Deadline, double HoursOverdue);
public sealed record MonitoringReport(DateOnly From, DateOnly To, IReadOnlyList<UnitMonitoring> Units, IReadOnlyList<OverdueItem> Overdue);

/// <summary>Auditors and administrators see the whole agency, heads the units at and below their own positions.</summary>
[Authorize(Policy = Policies.Monitoring)]
public static class MonitoringEndpoint
{
    [WolverineGet("/api/monitoring")]
    [Tags("Disposisi")]
    [EndpointSummary("Open, overdue and average completion time of dispositions by unit, and the overdue items with who holds them now")]
    public static async Task<IResult> Get([NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct, DateOnly? from = null, DateOnly? to = null)
    {
        var time = await AgencyTime.LoadAsync(session, ct);
        var today = time.Today(clock);
        var last = to ?? today;
        var first = from ?? last.AddDays(-30);
        if (first > last) return Results.Problem(Problems.BadRequest("from", "Tanggal awal setelah tanggal akhir (from is after to)."));
        var (start, end) = (time.StartOfDay(first), time.StartOfDay(last.AddDays(1)));

        var positions = await session.Query<Position>().ToListAsync(ct);
        var scope = caller.Has(Role.Auditor) || caller.Has(Role.Administrator)
            ? null
            : ReportingLine.Subtree(caller.Positions, positions.ToDictionary(p => p.Id, p => p.ReportsTo));
        var rows = await session.Query<DispositionInboxRow>()
            .Where(r => r.IssuedAt >= start && r.IssuedAt < end && r.State != DispositionState.Withdrawn).ToListAsync(ct);
        if (scope is not null) rows = rows.Where(r => scope.Contains(r.RecipientPositionId)).ToList();

        var units = (await session.Query<Unit>().ToListAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        var people = await session.Query<Person>().ToListAsync(ct);
        return Results.Ok(Report(first, last, rows, units, people, positions, today, clock.GetUtcNow()));
    }

    public static MonitoringReport Report(
        DateOnly from, DateOnly to, IReadOnlyList<DispositionInboxRow> rows, IReadOnlyDictionary<Guid, string> units,
        IReadOnlyList<Person> people, IReadOnlyList<Position> positions, DateOnly today, DateTimeOffset now)
    {
        var byUnit = rows.GroupBy(r => r.RecipientUnitId).Select(g =>
        {
            var done = g.Where(r => r.CompletedAt is not null).ToList();
            return new UnitMonitoring(g.Key, units.GetValueOrDefault(g.Key, "?"),
                g.Count(r => r.IsOpen), g.Count(r => r.IsOpen && r.Deadline < now), done.Count,
                done.Count == 0 ? null : Math.Round(done.Average(r => (r.CompletedAt!.Value - r.IssuedAt).TotalHours), 1));
        }).OrderBy(u => u.UnitName).ToList();
        var titles = positions.ToDictionary(p => p.Id, p => p.Title);
        var overdue = rows.Where(r => r.IsOpen && r.Deadline < now).OrderBy(r => r.Deadline).Select(r => new OverdueItem(
            r.DispositionId, r.LetterId,
            $"{r.Letter.AgendaNumber}/{r.Letter.AgendaYear} {LetterAccess.ListedSubject(r.Letter.SecurityLevel, r.Letter.Subject)}",
            r.RecipientPositionId, titles.GetValueOrDefault(r.RecipientPositionId, r.RecipientTitle),
            people.Where(p => p.PositionsOn(today).Contains(r.RecipientPositionId)).Select(p => p.FullName).ToList(),
            r.IssuerTitle, r.Deadline, Math.Round((now - r.Deadline).TotalHours, 1))).ToList();
        return new MonitoringReport(from, to, byUnit, overdue);
    }
}
