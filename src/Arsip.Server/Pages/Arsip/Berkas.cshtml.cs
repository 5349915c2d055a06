using Arsip.Organization;
using Arsip.Records;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The daftar berkas (<see cref="CaseFileQueries.ListAsync"/>, as <c>GET /api/case-files</c>) and "Berkas baru" (<see cref="CreateCaseFileCommand"/> through the bus).</summary>
public sealed class ArsipBerkasModel(IDocumentStore store, IMessageBus bus, ArsipClock clock) : PageModel
{
    public IReadOnlyList<CaseFileRow> CaseFiles { get; private set; } = [];
    /// <summary>Units whose list the caller may read (the filter) and those they may open a berkas in (the form).</summary>
    public IReadOnlyList<Unit> ReadableUnits { get; private set; } = [];
    public IReadOnlyList<Unit> WorkUnits { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "unit")] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = "tahun")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? Status { get; set; }
    public NewCaseFileInput Input { get; private set; } = new();
    public FormErrors Errors { get; private set; } = FormErrors.None;

    public sealed record NewCaseFileInput(Guid? UnitId = null, string? Classification = null, string? Title = null, DateOnly? PeriodFrom = null,
        DateOnly? PeriodTo = null, string? Description = null, SecurityLevel? SecurityLevel = null, bool Vital = false);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostBaruAsync(Guid? unitId, string? classification, string? title, DateOnly? periodFrom, DateOnly? periodTo,
        string? description, SecurityLevel? securityLevel, bool vital, CancellationToken ct)
    {
        Input = new(unitId, classification, title, periodFrom, periodTo, description, securityLevel, vital);
        var caller = Caller.From(User);
        var body = new CreateCaseFile(null, unitId, classification, title, periodFrom, periodTo, description, securityLevel, vital);
        var outcome = await bus.InvokeForTenantAsync<Outcome<CreateCaseFileResponse>>(caller.Agency, new CreateCaseFileCommand(caller, body), ct);
        if (outcome.Decision.Refusal is { } problem)
        {
            Errors = FormErrors.AtField(problem, "unitId", "baru");
            await LoadAsync(ct);
            return Page();
        }
        return Redirect($"/arsip/berkas/{outcome.Value!.Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        var units = await session.Query<Unit>().OrderBy(u => u.Code).ToListAsync(ct);
        ReadableUnits = [.. units.Where(u => CaseFileRules.CanRead(caller, u.Id))];
        WorkUnits = [.. units.Where(u => CaseFileRules.CanWork(caller, u.Id))];
        CaseFileStatus? status = Status switch { "terbuka" => CaseFileStatus.Open, "ditutup" => CaseFileStatus.Closed, _ => null };
        var today = (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        var (refusal, list) = await CaseFileQueries.ListAsync(session, caller, UnitId, Year, status, today, ct);
        if (refusal is not null) return false;
        CaseFiles = list!.CaseFiles;
        return true;
    }

    public static string StageLabel(RetentionStage stage) => stage switch
    {
        RetentionStage.Open => "Terbuka",
        RetentionStage.AwaitingTrigger => "Menunggu pemicu",
        RetentionStage.Active => "Aktif",
        RetentionStage.Inactive => "Inaktif",
        RetentionStage.Destroyed => "Dimusnahkan",
        RetentionStage.HandedOver => "Diserahkan",
        _ => "Retensi berakhir",
    };

    public static string FinalActionLabel(FinalAction? action) => action is { } a ? FinalActions.Label(a) : "-";

    public static string Period(DateOnly? from, DateOnly? to) =>
        from is null && to is null ? "-" : $"{from?.ToString("dd-MM-yyyy") ?? "…"} – {to?.ToString("dd-MM-yyyy") ?? "…"}";

    public static string Date(DateOnly? day) => day?.ToString("dd-MM-yyyy") ?? "-";
}
