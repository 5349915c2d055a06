using Arsip.Documents;
using Arsip.Pdf;
using Arsip.ReferenceData;

namespace Arsip.Records;

/// <summary>The daftar arsip aktif of a unit (ANRI form: the berkas, then the records in each) as JSON, CSV and PDF/A:
/// open berkas and closed ones still active; only the letters the caller may see, and counted as listed.</summary>
public static class GetActiveRecordsEndpoints
{
    [WolverineGet("/api/case-files/active-records")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [Tags("Arsip")]
    [EndpointSummary("Daftar arsip aktif of a unit (default: the caller's first unit), optionally one berkas year; ?format=csv for CSV")]
    [ProducesResponseType<CaseFileListing>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    public static async Task<IResult> Get([NotBody] Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, CancellationToken ct,
        Guid? unitId = null, int? year = null, string? format = null)
    {
        if (format is not (null or "json" or "csv")) return Results.Problem(Problems.BadRequest("format", $"Format tidak dikenal: {format}; json atau csv (unknown format)."));
        var time = await AgencyTime.LoadAsync(session, ct);
        var (list, problem) = await CaseFileLists.ActiveRecordsAsync(session, caller, unitId, year, time.Today(clock), ct);
        if (list is null) return Results.Problem(problem!);
        if (format != "csv") return Results.Ok(list);
        var document = await DocumentAsync(list, CaseFileListKind.ActiveRecords, caller, session, letterheads, clock, time, ct);
        return Csv(document);
    }

    [WolverineGet("/api/case-files/active-records.pdf")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [Tags("Arsip")]
    [EndpointSummary("Daftar arsip aktif of a unit as PDF/A (landscape, the unit's kop, page numbers)")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/pdf")]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    public static async Task<IResult> Pdf([NotBody] Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, CancellationToken ct,
        Guid? unitId = null, int? year = null)
    {
        var time = await AgencyTime.LoadAsync(session, ct);
        var (list, problem) = await CaseFileLists.ActiveRecordsAsync(session, caller, unitId, year, time.Today(clock), ct);
        if (list is null) return Results.Problem(problem!);
        var document = await DocumentAsync(list, CaseFileListKind.ActiveRecords, caller, session, letterheads, clock, time, ct);
        return Results.File(CaseFileListPdf.Render(document), "application/pdf", CaseFileRegisterCsv.FileName(document, "pdf"));
    }

    internal static async Task<CaseFileListDocument> DocumentAsync(
        CaseFileListing list, CaseFileListKind kind, Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, AgencyTime time, CancellationToken ct) =>
        CaseFileLists.Document(list, kind, await letterheads.ForAsync(session, caller.Agency, list.UnitId, ct), time.ToLocal(clock.GetUtcNow()));

    internal static IResult Csv(CaseFileListDocument document)
    {
        using var csv = new MemoryStream();
        CaseFileRegisterCsv.Write(document, csv);
        return Results.File(csv.ToArray(), "text/csv; charset=utf-8", CaseFileRegisterCsv.FileName(document, "csv"));
    }
}
