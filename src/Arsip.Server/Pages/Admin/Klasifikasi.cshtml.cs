using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>A file with any error is refused whole, and the page lists every error with its line.</summary>
[Authorize(Policy = Policies.Administrator)]
[RequestSizeLimit(ClassificationSchemeFile.MaxBytes + 64 * 1024)]
public sealed class AdminKlasifikasiModel(IDocumentStore store, IMessageBus bus, IStringLocalizer<Text> text) : PageModel
{
    public ClassificationSchemeView? Scheme { get; private set; }
    public IReadOnlyList<ClassificationVersionEntry> Versions { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public IReadOnlyList<ImportError> ImportErrors { get; private set; } = [];
    public string? ProblemTitle { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (import, problem) = await ClassificationUpload.ReadAsync(Request, false, null, ct);
        var outcome = import is null ? null : await bus.InvokeForTenantAsync<Outcome<ClassificationImportResponse>>(
            Caller.From(User).Agency, new ImportClassificationSchemeCommand(import, User.Identity?.Name ?? "sistem"), ct);
        problem ??= outcome?.Decision.Refusal;
        if (problem is not null)
        {
            Errors = FormErrors.From(problem);
            ProblemTitle = problem.Title;
            ImportErrors = problem.Extensions.TryGetValue("errors", out var errors) && errors is IEnumerable<ImportError> list ? list.ToList() : [];
            if (ImportErrors.Count > 0) Errors = FormErrors.Message(problem.Detail ?? problem.Title ?? "Berkas ditolak.");
            await LoadAsync(ct);
            return Page();
        }
        var imported = outcome!.Value!;
        TempData["Notice"] = imported.Changed
            ? text["Versi {0} tersimpan: {1} kelas.", imported.Version, imported.Classes].Value
            : text["Berkas sama dengan versi {0}; tidak ada versi baru.", imported.Version].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Scheme = await session.LoadAsync<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream, ct);
        Versions = await ClassificationVersions.ListAsync(session, ct);
    }
}
