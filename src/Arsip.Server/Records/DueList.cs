using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Records;

public enum DueScope { Month, Year }

/// <summary>One berkas in the due list; no letter count: a stored count would betray secret letters the reader may not see (the berkas page counts what they may).</summary>
public sealed record DueCaseFile(
    Guid Id, Guid UnitId, int Year, int Number, string Classification, string Title,
    DateOnly? ClosedOn, DateOnly ActiveUntil, DateOnly InactiveUntil, FinalAction FinalAction, bool Vital);

/// <summary>The due list of a local period (a month or a year in the agency's zone): the berkas becoming inactive in it, those
/// whose retention ends in it (with their final action), and those from before it not yet acted on.</summary>
public sealed record DueList(
    Guid? UnitId, DueScope Scope, DateOnly From, DateOnly To,
    IReadOnlyList<DueCaseFile> BecomingInactive, IReadOnlyList<DueCaseFile> RetentionEnding,
    IReadOnlyList<DueCaseFile> OverdueInactive, IReadOnlyList<DueCaseFile> OverdueRetentionEnded, bool Truncated);

public static class DueListQueries
{
    /// <summary>Rows per list; the lists are for reading, a longer one says so (<see cref="DueList.Truncated"/>).</summary>
    public const int MaxRows = 1000;

    /// <summary>Who reads a unit's due list: its members and the agency-wide roles; the agency's whole list: the agency-wide roles.</summary>
    public static bool MayRead(Caller caller, Guid? unitId) =>
        unitId is { } unit ? CaseFileRules.CanRead(caller, unit) : CaseFileRules.ReadsAllUnits(caller);

    public static (DateOnly From, DateOnly To) Period(DueScope scope, DateOnly date) => scope == DueScope.Year
        ? (new DateOnly(date.Year, 1, 1), new DateOnly(date.Year, 12, 31))
        : (new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, 1).AddMonths(1).AddDays(-1));

    public static bool TryParseScope(string? text, out DueScope scope)
    {
        scope = DueScope.Month;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "month" or "bulan": return true;
            case "year" or "tahun": scope = DueScope.Year; return true;
            default: return false;
        }
    }

    /// <summary>Four range queries on the duplicated, indexed date columns (per unit or agency-wide); nothing loads a letter.
    /// Part 2 narrows the overdue lists to the berkas not yet transferred or disposed.</summary>
    public static async Task<(DueList? List, ProblemDetails? Refusal)> LoadAsync(
        IQuerySession session, Caller caller, Guid? unitId, DueScope scope, DateOnly? date, ArsipClock clock, CancellationToken ct)
    {
        if (!MayRead(caller, unitId))
            return (null, Problems.Forbidden(unitId is null
                ? "Daftar jatuh tempo seluruh instansi hanya untuk arsiparis, auditor dan administrator; pilih unit Anda (the agency-wide list is for archivists, auditors and administrators; choose your unit)."
                : "Daftar jatuh tempo unit ini hanya untuk anggota unit dan arsiparis (this unit's due list is for its members and archivists)."));
        if (unitId is { } asked && await session.LoadAsync<Unit>(asked, ct) is null) return (null, Problems.NotFound("Unit", asked));
        var day = date ?? (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        var (from, to) = Period(scope, day);
        var truncated = false;

        async Task<IReadOnlyList<DueCaseFile>> Rows(IQueryable<CaseFile> query)
        {
            if (unitId is { } unit) query = query.Where(f => f.UnitId == unit);
            var found = await query.Take(MaxRows + 1).ToListAsync(ct);
            truncated |= found.Count > MaxRows;
            return found.Take(MaxRows).Select(Row).ToList();
        }

        var files = session.Query<CaseFile>();
        return (new DueList(unitId, scope, from, to,
            await Rows(files.Where(f => f.ActiveUntil >= from && f.ActiveUntil <= to).OrderBy(f => f.ActiveUntil)),
            await Rows(files.Where(f => f.InactiveUntil >= from && f.InactiveUntil <= to).OrderBy(f => f.InactiveUntil)),
            await Rows(files.Where(f => f.ActiveUntil < from && f.InactiveUntil > to).OrderBy(f => f.ActiveUntil)),
            await Rows(files.Where(f => f.InactiveUntil < from).OrderBy(f => f.InactiveUntil)),
            truncated), null);
    }

    public static DueCaseFile Row(CaseFile f) => new(
        f.Id, f.UnitId, f.Year, f.Number, f.Classification, f.Title, f.ClosedOn,
        f.ActiveUntil!.Value, f.InactiveUntil!.Value, f.Retention!.FinalAction, f.Vital);
}

public static class DueListEndpoint
{
    [WolverineGet("/api/records/due")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [Tags("Arsip")]
    [EndpointSummary("The due list: berkas becoming inactive and those whose retention ends in the local month or year of date (default today), per unit or agency-wide, and the overdue ones before it")]
    [EndpointDescription("scope=month (default) | year; date=yyyy-MM-dd in the agency's zone; unitId omitted: the whole agency (archivists, auditors, administrators).")]
    [ProducesResponseType<DueList>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get([NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct,
        Guid? unitId = null, string? scope = null, DateOnly? date = null)
    {
        if (!DueListQueries.TryParseScope(scope, out var parsed))
            return Results.Problem(Problems.BadRequest("scope", "Cakupan harus month atau year (scope must be month or year)."));
        var (list, refusal) = await DueListQueries.LoadAsync(session, caller, unitId, parsed, date, clock, ct);
        return refusal.ToResult(() => Results.Ok(list));
    }
}
