using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.ReferenceData;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>
/// The classification scheme and its import, through <see cref="ImportClassificationSchemeEndpoint"/>'s own reading
/// and decision: a file with any error is refused whole, and the page lists every error with its line.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[RequestSizeLimit(ClassificationSchemeFile.MaxBytes + 64 * 1024)]
public sealed class AdminKlasifikasiModel(IDocumentStore store, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    public ClassificationSchemeView? Scheme { get; private set; }
    public IReadOnlyList<ClassificationVersionEntry> Versions { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public IReadOnlyList<ImportError> ImportErrors { get; private set; } = [];
    public string? ProblemTitle { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession(Caller.From(User).Agency);
        var (import, problem) = await ImportClassificationSchemeEndpoint.ReadAsync(Request, false, null, ct);
        var decision = import is null ? null : await ImportClassificationSchemeEndpoint.ImportAsync(import, session, User.Identity?.Name ?? "sistem", clock.GetUtcNow(), ct);
        problem ??= decision?.Problem;
        if (problem is not null)
        {
            Errors = FormErrors.From(problem);
            ProblemTitle = problem.Title;
            ImportErrors = problem.Extensions.TryGetValue("errors", out var errors) && errors is IEnumerable<ImportError> list ? list.ToList() : [];
            if (ImportErrors.Count > 0) Errors = FormErrors.Message(problem.Detail ?? problem.Title ?? "Berkas ditolak.");
            await LoadAsync(ct);
            return Page();
        }
        await session.SaveChangesAsync(ct);
        TempData["Notice"] = decision!.Imported is { } imported
            ? text["Versi {0} tersimpan: {1} kelas.", imported.Version, imported.Classes.Count].Value
            : text["Berkas sama dengan versi {0}; tidak ada versi baru.", decision.CurrentVersion].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Scheme = await session.LoadAsync<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream, ct);
        Versions = await ListClassificationVersionsEndpoint.Get(session, ct);
    }
}
