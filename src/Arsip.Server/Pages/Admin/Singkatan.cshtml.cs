using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Searching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The agency's acronym list: what searches expand with, and a CSV upload refused whole with every error's line.</summary>
[Authorize(Policy = Policies.Administrator)]
[RequestSizeLimit(VocabularyFile.MaxBytes + 64 * 1024)]
public sealed class AdminSingkatanModel(IDocumentStore store, IMessageBus bus, SearchVocabulary vocabulary, IStringLocalizer<Text> text) : PageModel
{
    public VocabularyView? Own { get; private set; }
    public IReadOnlyList<(Arsip.Search.ExpansionEntry Entry, string Origin)> Entries { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public IReadOnlyList<VocabularyLineError> LineErrors { get; private set; } = [];
    public string? ProblemTitle { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var (outcome, problem) = await ImportVocabularyHandler.UploadAsync(Request, caller, User, bus, vocabulary, ct);
        if (problem is not null)
        {
            Errors = FormErrors.From(problem);
            ProblemTitle = problem.Title;
            LineErrors = problem.Extensions.TryGetValue("errors", out var errors) && errors is IEnumerable<VocabularyLineError> list ? list.ToList() : [];
            if (LineErrors.Count > 0) Errors = FormErrors.Message(problem.Detail ?? problem.Title ?? "Berkas ditolak.");
            await LoadAsync(ct);
            return Page();
        }
        var imported = outcome!.Value!;
        TempData["Notice"] = imported.Changed
            ? text["Versi {0} tersimpan: {1} singkatan.", imported.Version, imported.Entries].Value
            : text["Berkas sama dengan versi {0}; tidak ada versi baru.", imported.Version].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var agency = Caller.From(User).Agency;
        await using var session = store.QuerySession(agency);
        Own = await session.LoadAsync<VocabularyView>(VocabularyStreams.Stream, ct);
        Entries = await vocabulary.EntriesAsync(agency, ct);
    }

    public static string OriginLabel(string origin) => origin switch
    {
        "agensi" => "Daftar instansi",
        "unit" => "Kode unit",
        "jabatan" => "Jabatan kepala unit",
        _ => "Bawaan Arsip",
    };
}
