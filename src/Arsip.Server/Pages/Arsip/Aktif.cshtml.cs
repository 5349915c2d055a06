using Arsip.Organization;
using Arsip.Records;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The daftar arsip aktif of a unit, through the query of <c>GET /api/case-files/active-records</c>, with its CSV and PDF.</summary>
public sealed class ArsipAktifModel(IDocumentStore store, ArsipClock clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "unit")] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = "tahun")] public int? Year { get; set; }

    /// <summary>The units whose lists the caller may read: every unit for the agency-wide roles, else their own.</summary>
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public CaseFileListing? List { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        Units = (await session.Query<Unit>().ToListAsync(ct)).Where(u => CaseFileRules.CanRead(caller, u.Id)).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        UnitId ??= caller.Units.FirstOrDefault(u => Units.Any(x => x.Id == u)) is var own && own != Guid.Empty ? own : Units.FirstOrDefault()?.Id;
        if (UnitId is null)
        {
            Problem = "Belum ada unit kerja.";
            return Page();
        }
        var today = (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        var (list, problem) = await CaseFileLists.ActiveRecordsAsync(session, caller, UnitId, Year, today, ct);
        if (problem?.Status == StatusCodes.Status404NotFound) return NotFound();
        if (problem?.Status == StatusCodes.Status403Forbidden) return Forbid();
        List = list;
        Problem = problem is null ? null
            : FormErrors.Localize((problem as ValidationProblemDetails)?.Errors.Values.SelectMany(m => m).FirstOrDefault() ?? problem.Detail ?? problem.Title ?? "");
        return Page();
    }

    private string Query => $"unitId={UnitId}" + (Year is { } y ? $"&year={y}" : "");
    public string CsvUrl => $"/api/case-files/active-records?{Query}&format=csv";
    public string PdfUrl => $"/api/case-files/active-records.pdf?{Query}";
}
