using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Records;

public sealed record ReappraisalDetail(ReappraisalTask Reappraisal, bool MayDecide, bool MayWithdraw = false);

/// <summary>The reads of penilaian kembali shared by the GET endpoints and the page.</summary>
public static class ReappraisalQueries
{
    private static ProblemDetails Forbidden => Problems.Forbidden(
        "Penilaian kembali hanya untuk unit kearsipan, arsiparis, auditor dan administrator (only the records centre and agency-wide roles read it).");

    public static async Task<(ProblemDetails? Refusal, IReadOnlyList<ReappraisalDetail>? List)> ListAsync(IQuerySession session, Caller caller, ReappraisalStatus? status, CancellationToken ct)
    {
        var positions = await session.Query<Position>().ToListAsync(ct);
        if (!ReappraisalRules.MayRead(caller, positions)) return (Forbidden, null);
        var query = session.Query<ReappraisalTask>().AsQueryable();
        if (status is { } s) query = query.Where(r => r.Status == s);
        var may = ReappraisalRules.MayDecide(caller, positions);
        return (null, (await query.OrderByDescending(r => r.OpenedAt).ToListAsync(ct)).Select(r => new ReappraisalDetail(r, may && r.Status == ReappraisalStatus.Open,
            r.Status == ReappraisalStatus.Open && ReappraisalRules.MayWithdraw(caller, r))).ToList());
    }

    public static async Task<(ProblemDetails? Refusal, ReappraisalDetail? Detail)> DetailAsync(IQuerySession session, Caller caller, Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<ReappraisalTask>(id, ct) is not { } r) return (Problems.NotFound("Penilaian kembali", id), null);
        var positions = await session.Query<Position>().ToListAsync(ct);
        return ReappraisalRules.MayRead(caller, positions) ? (null, new(r, ReappraisalRules.MayDecide(caller, positions) && r.Status == ReappraisalStatus.Open,
                r.Status == ReappraisalStatus.Open && ReappraisalRules.MayWithdraw(caller, r))) : (Forbidden, null);
    }

    /// <summary>Berkas of every unit that may be re-appraised now.</summary>
    public static async Task<(ProblemDetails? Refusal, IReadOnlyList<ReappraisalItem>? Files)> EligibleAsync(IQuerySession session, Caller caller, DateOnly today, CancellationToken ct)
    {
        if (!ReappraisalRules.MayOpen(caller)) return (Forbidden, null);
        var files = (await session.Query<CaseFile>().Where(f => f.Status == CaseFileStatus.Closed && f.InactiveUntil <= today).ToListAsync(ct))
            .Where(f => f.Retention?.FinalAction == FinalAction.DinilaiKembali && f.ReappraisedAs == null && f.ProposalId == null)
            .OrderBy(f => f.Year).ThenBy(f => f.Number).ToList();
        var held = await LegalHolds.CaseFilesHeldAsync(session, files, ct);
        var units = (await session.Query<Unit>().ToListAsync(ct)).ToDictionary(u => u.Id);
        var letters = await LettersOnFile.LoadAsync(session, caller, files.SelectMany(f => f.Letters).Select(l => l.LetterId).Distinct().ToList(), ct);
        return (null, files.Where(f => held[f.Id].Count == 0)
            .Select(f => ReappraisalRules.Item(f, units.GetValueOrDefault(f.UnitId)?.Name ?? "", f.Letters.Count(l => letters.GetValueOrDefault(l.LetterId) is { Visible: true })))
            .ToList());
    }

    [WolverineGet("/api/reappraisals")]
    [Tags("Arsip")]
    [EndpointSummary("Re-appraisals (penilaian kembali), newest first; ?status=Open|Completed")]
    [ProducesResponseType<IReadOnlyList<ReappraisalDetail>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public static async Task<IResult> List([NotBody] Caller caller, IQuerySession session, CancellationToken ct, ReappraisalStatus? status = null)
    {
        var (refusal, list) = await ListAsync(session, caller, status, ct);
        return list is null ? Results.Problem(refusal!) : Results.Ok(list);
    }

    [WolverineGet("/api/reappraisals/{id}")]
    [Tags("Arsip")]
    [EndpointSummary("One re-appraisal: its berkas, the outcomes recorded, and whether the caller may decide")]
    [ProducesResponseType<ReappraisalDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct)
    {
        var (refusal, detail) = await DetailAsync(session, caller, id, ct);
        return detail is null ? Results.Problem(refusal!) : Results.Ok(detail);
    }

    [WolverineGet("/api/reappraisals/eligible-case-files")]
    [Tags("Arsip")]
    [EndpointSummary("Berkas whose retention ended with \"dinilai kembali\", not yet re-appraised, on no proposal and not held")]
    [ProducesResponseType<IReadOnlyList<ReappraisalItem>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public static async Task<IResult> Eligible([NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct)
    {
        var (refusal, files) = await EligibleAsync(session, caller, (await AgencyTime.LoadAsync(session, ct)).Today(clock), ct);
        return files is null ? Results.Problem(refusal!) : Results.Ok(files);
    }
}
