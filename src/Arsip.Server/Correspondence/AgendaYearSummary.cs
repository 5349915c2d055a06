using Marten.Events.Projections;
using Arsip.Access;

namespace Arsip.Correspondence;

public sealed class AgendaYearSummary
{
    public string Id { get; set; } = "";
    public int Year { get; set; }
    public int Registered { get; set; }
    public int Secret { get; set; }
}

public sealed partial class AgendaYearSummaryProjection : MultiStreamProjection<AgendaYearSummary, string>
{
    public AgendaYearSummaryProjection() => Identity<IncomingLetterRegistered>(e => e.AgendaYear.ToString());

    public void Apply(AgendaYearSummary summary, IncomingLetterRegistered e)
    {
        summary.Year = e.AgendaYear;
        summary.Registered++;
        if (e.SecurityLevel >= SecurityLevel.Rahasia) summary.Secret++;
    }
}

[Authorize(Policy = Policies.Auditor)]
public static class AgendaYearSummaryEndpoint
{
    [WolverineGet("/api/incoming-letters/summary")]
    [Tags("Surat masuk")]
    [EndpointSummary("Letters registered per year (updated asynchronously)")]
    public static Task<IReadOnlyList<AgendaYearSummary>> Get(IQuerySession session, CancellationToken ct) =>
        session.Query<AgendaYearSummary>().OrderByDescending(s => s.Year).ToListAsync(ct);
}
