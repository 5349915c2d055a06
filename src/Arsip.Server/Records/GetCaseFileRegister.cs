using Arsip.Documents;
using Arsip.Pdf;
using Arsip.ReferenceData;

namespace Arsip.Records;

/// <summary>The printed daftar berkas of a unit: every berkas of a year (this year by default) whatever its stage, with the
/// number of records the caller may see in each, as PDF/A and CSV.</summary>
public static class GetCaseFileRegisterEndpoints
{
    [WolverineGet("/api/case-files/register.pdf")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [Tags("Arsip")]
    [EndpointSummary("Daftar berkas of a unit and year as PDF/A (landscape, the unit's kop, page numbers)")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/pdf")]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    public static Task<IResult> Pdf([NotBody] Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, CancellationToken ct,
        Guid? unitId = null, int? year = null) =>
        RespondAsync(caller, session, letterheads, clock, unitId, year, csv: false, ct);

    /// <summary>The same rows as the PDF; <c>GET /api/case-files?format=csv</c> answers with this too.</summary>
    [WolverineGet("/api/case-files/register.csv")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [Tags("Arsip")]
    [EndpointSummary("Daftar berkas of a unit and year as CSV (same rows and columns as the PDF)")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "text/csv")]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    public static Task<IResult> Csv([NotBody] Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, CancellationToken ct,
        Guid? unitId = null, int? year = null) =>
        RespondAsync(caller, session, letterheads, clock, unitId, year, csv: true, ct);

    public static async Task<IResult> RespondAsync(
        Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, Guid? unitId, int? year, bool csv, CancellationToken ct)
    {
        var time = await AgencyTime.LoadAsync(session, ct);
        var today = time.Today(clock);
        var (list, problem) = await CaseFileLists.RegisterAsync(session, caller, unitId, year ?? today.Year, today, ct);
        if (list is null) return Results.Problem(problem!);
        var document = await GetActiveRecordsEndpoints.DocumentAsync(list, CaseFileListKind.Register, caller, session, letterheads, clock, time, ct);
        return csv ? GetActiveRecordsEndpoints.Csv(document)
            : Results.File(CaseFileListPdf.Render(document), "application/pdf", CaseFileRegisterCsv.FileName(document, "pdf"));
    }
}
