using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Records;

/// <summary>A line of the daftar berkas: the count is of the letters the caller may see, never of the others.</summary>
public sealed record CaseFileRow(
    Guid Id, Guid UnitId, string UnitCode, string UnitName, int Year, int Number, string Classification, string Title,
    DateOnly? PeriodFrom, DateOnly? PeriodTo, SecurityLevel SecurityLevel, bool Vital, int LetterCount,
    CaseFileStatus Status, RetentionStage Stage, DateOnly? ClosedOn, DateOnly? ActiveUntil, DateOnly? InactiveUntil, FinalAction? FinalAction,
    Custody Custody = Custody.Unit, DateOnly? TransferredOn = null, Guid? ProposalId = null, Movement? ProposalMovement = null);

public sealed record CaseFileList(IReadOnlyList<CaseFileRow> CaseFiles);

/// <summary>One berkas with the letters the caller may see, its fixed retention and what the trigger waits for.</summary>
public sealed record CaseFileDetail(
    CaseFileRow CaseFile, string? Description, string CreatedBy, DateTimeOffset CreatedAt, FixedRetention? Retention,
    RetentionTrigger? Trigger, DateOnly? TriggeredOn, int Reopenings, IReadOnlyList<LetterLine> Letters);

public static class CaseFileQueries
{
    /// <summary>The daftar berkas: another unit's berkas only for agency-wide readers (403 for anyone else asking for it).</summary>
    public static async Task<(ProblemDetails? Refusal, CaseFileList? List)> ListAsync(
        IQuerySession session, Caller caller, Guid? unitId, int? year, CaseFileStatus? status, DateOnly today, CancellationToken ct)
    {
        if (unitId is { } unit && !CaseFileRules.CanRead(caller, unit)) return (Forbidden, null);
        var query = session.Query<CaseFile>().AsQueryable();
        if (unitId is { } u) query = query.Where(f => f.UnitId == u);
        else if (!CaseFileRules.ReadsAllUnits(caller))
        {
            var own = caller.Units.ToArray();
            query = query.Where(f => f.UnitId.IsOneOf(own));
        }
        if (year is { } y) query = query.Where(f => f.Year == y);
        if (status is { } s) query = query.Where(f => f.Status == s);
        var files = await query.OrderByDescending(f => f.Year).ThenBy(f => f.Number).ToListAsync(ct);
        var units = (await session.Query<Unit>().ToListAsync(ct)).ToDictionary(x => x.Id);
        var letters = await LettersOnFile.LoadAsync(session, caller, files.SelectMany(f => f.Letters.Select(l => l.LetterId)).Distinct().ToList(), ct);
        return (null, new CaseFileList([.. files.Select(f => Row(f, units.GetValueOrDefault(f.UnitId), f.Letters.Count(l => letters.GetValueOrDefault(l.LetterId) is { Visible: true }), today))]));
    }

    /// <summary>One berkas (404 when missing, which includes another agency's; 403 for another unit's when not an agency-wide reader).</summary>
    public static async Task<(ProblemDetails? Refusal, CaseFileDetail? Detail)> DetailAsync(IQuerySession session, Caller caller, Guid id, DateOnly today, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var fileTask = batch.Load<CaseFile>(id);
        var schemeTask = batch.Load<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream);
        await batch.Execute(ct);
        if (await fileTask is not { } file) return (Problems.NotFound("Berkas", id), null);
        if (!CaseFileRules.CanRead(caller, file.UnitId)) return (Forbidden, null);
        var unit = await session.LoadAsync<Unit>(file.UnitId, ct);
        var letters = await LettersOnFile.VisibleAsync(session, caller, file.Letters, ct);
        var trigger = file.Retention?.Trigger ?? (await schemeTask)?.Classes.FirstOrDefault(c => c.Code == file.Classification)?.Trigger;
        return (null, new CaseFileDetail(Row(file, unit, letters.Count, today), file.Description, file.CreatedBy, file.CreatedAt, file.Retention,
            trigger, file.TriggeredOn, file.Reopenings, letters));
    }

    public static CaseFileRow Row(CaseFile f, Unit? unit, int visibleLetters, DateOnly today) => new(
        f.Id, f.UnitId, unit?.Code ?? "", unit?.Name ?? "", f.Year, f.Number, f.Classification, f.Title, f.PeriodFrom, f.PeriodTo,
        f.SecurityLevel, f.Vital, visibleLetters, f.Status, f.StageOn(today), f.ClosedOn, f.ActiveUntil, f.InactiveUntil, f.FinalAction,
        f.Custody, f.TransferredOn, f.ProposalId, f.ProposalMovement);

    private static ProblemDetails Forbidden => Problems.Forbidden(
        "Daftar berkas unit lain hanya untuk anggota unit itu, arsiparis, auditor dan administrator (another unit's berkas are for its members and agency-wide roles).");
}

public static class CaseFileEndpoints
{
    [WolverineGet("/api/case-files")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [Tags("Arsip")]
    [EndpointSummary("The daftar berkas: a unit's (or every readable unit's) berkas, by year and status; counts only letters the caller may see")]
    [ProducesResponseType<CaseFileList>(StatusCodes.Status200OK)]
    public static async Task<IResult> List([NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct,
        Guid? unitId = null, int? year = null, string? status = null)
    {
        CaseFileStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<CaseFileStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s))
                return Results.Problem(Problems.BadRequest("status", "Status berkas: Open atau Closed (status is Open or Closed)."));
            parsed = s;
        }
        var today = (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        var (refusal, list) = await CaseFileQueries.ListAsync(session, caller, unitId, year, parsed, today, ct);
        return refusal.ToResult(() => Results.Ok(list));
    }

    [WolverineGet("/api/case-files/{id}")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [Tags("Arsip")]
    [EndpointSummary("One berkas with its retention and the letters the caller may see")]
    [ProducesResponseType<CaseFileDetail>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct)
    {
        var today = (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        var (refusal, detail) = await CaseFileQueries.DetailAsync(session, caller, id, today, ct);
        return refusal.ToResult(() => Results.Ok(detail));
    }
}
