using Arsip.Onboarding;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The installation operator's page: every agency with its status, suspend or reactivate each, create a new one.</summary>
public sealed class OperatorIndexModel(IMessageBus bus, AgencyDirectory directory, ArsipClock clock) : PageModel
{
    public sealed class AgencyForm
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public AgencyKind? Kind { get; set; }
        public string? TimeZone { get; set; } = "WIB";
        public string? AdminUserName { get; set; }
        public string? AdminFullName { get; set; }
        public string? AdminNip { get; set; }
        public string? AdminPassword { get; set; }
        public string? UnitName { get; set; }
        public string? NameLines { get; set; }
        public string? Address { get; set; }
    }

    [BindProperty] public AgencyForm Form { get; set; } = new();
    public IReadOnlyList<RegisteredAgency> Agencies { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public IReadOnlyList<ImportError> SchemeErrors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Agencies = await directory.AllAsync(ct);

    public async Task<IActionResult> OnPostBuatAsync(IFormFile? scheme, CancellationToken ct)
    {
        ClassificationFile? classification = null;
        if (scheme is { Length: > 0 })
        {
            if (scheme.Length > ClassificationSchemeFile.MaxBytes)
                return await ShowAsync(Problems.BadRequest("file", $"Berkas lebih dari {ClassificationSchemeFile.MaxBytes / 1024 / 1024} MB (file too large)."), ct);
            using var copy = new MemoryStream();
            await scheme.CopyToAsync(copy, ct);
            classification = new ClassificationFile(scheme.FileName, Convert.ToBase64String(copy.ToArray()));
        }
        var f = Form;
        var lines = (f.NameLines ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var body = new CreateAgency(f.Id, f.Name, f.Kind, f.TimeZone,
            new FirstAdministrator(f.AdminUserName, f.AdminFullName, f.AdminNip, f.AdminPassword, UnitName: f.UnitName),
            lines.Count == 0 && string.IsNullOrWhiteSpace(f.Address) ? null : new SetLetterhead(lines.Count > 0 ? lines : [(f.Name ?? "").Trim().ToUpperInvariant()], f.Address),
            classification);
        var decision = await bus.CreateAgencyAsync(body, Caller.From(User), clock, ct);
        if (decision.Refusal is { } problem) return await ShowAsync(problem, ct);
        TempData["Notice"] = FormErrors.Localize($"Instansi {f.Id!.Trim()} dibuat; administratornya {f.AdminUserName!.Trim()} masuk dengan kata sandi awal lalu menggantinya (agency created).");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTangguhkanAsync(string agencyId, string? reason, CancellationToken ct) =>
        await AfterAsync(await bus.InvokeForTenantAsync<Decision>(Installation.Tenant, new SuspendAgencyCommand(agencyId, new SuspendAgency(reason), Caller.From(User).Name), ct),
            $"Instansi {agencyId} ditangguhkan (agency suspended).", ct);

    public async Task<IActionResult> OnPostAktifkanAsync(string agencyId, CancellationToken ct) =>
        await AfterAsync(await bus.InvokeForTenantAsync<Decision>(Installation.Tenant, new ReactivateAgencyCommand(agencyId, Caller.From(User).Name), ct),
            $"Instansi {agencyId} aktif kembali (agency reactivated).", ct);

    private async Task<IActionResult> AfterAsync(Decision decision, string notice, CancellationToken ct)
    {
        if (decision.Refusal is { } problem)
        {
            Errors = FormErrors.From(problem, "status");
            if (Errors.General is null) Errors = FormErrors.Message(string.Join(" ", ((ValidationProblemDetails)problem).Errors.SelectMany(e => e.Value)), "status");
            Agencies = await directory.AllAsync(ct);
            return Page();
        }
        TempData["Notice"] = FormErrors.Localize(notice);
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(ProblemDetails problem, CancellationToken ct)
    {
        Errors = FormErrors.From(problem, "buat");
        if (problem.Extensions.TryGetValue("errors", out var list) && list is IReadOnlyList<ImportError> errors) SchemeErrors = errors;
        Agencies = await directory.AllAsync(ct);
        return Page();
    }
}
