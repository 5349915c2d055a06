using Arsip.Correspondence;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Arsip.Pages;

/// <summary>Import a legacy register from the web: upload, preview with the column mapping (changeable), every problem by row or file name,
/// then the background run with its progress bar (<c>js/impor.js</c> polls <c>GET /api/legacy-imports/{id}</c>) and cancel. Each step is
/// the API's command through the bus.</summary>
[Authorize(Policy = Policies.Registrar)]
[DisableRequestSizeLimit]
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
public sealed class AdminImporModel(IDocumentStore store, IMessageBus bus, LegacyImportSettings settings) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    public LegacyImport? Import { get; private set; }
    public IReadOnlyList<LegacyImport> Recent { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>The columns the mapping form offers for a register of this kind.</summary>
    public static RegisterColumn[] Columns(RegisterKind kind) => LegacyRegister.ColumnsOf(kind);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Id is not null && Import is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostUnggahAsync(IFormFile? register, IFormFile? scans, string? encoding, string? kind, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var id = Guid.CreateVersion7();
        var upload = new LegacyImportUpload(settings, caller.Agency, id);
        ProblemDetails? problem = null;
        foreach (var (part, file) in new[] { (LegacyImportUpload.RegisterPart, register), (LegacyImportUpload.ScansPart, scans) })
            if (problem is null && file is { Length: > 0 })
            {
                await using var content = file.OpenReadStream();
                problem = await upload.SaveAsync(part, Path.GetFileName(file.FileName), content, ct);
            }
        CheckLegacyRegisterCommand? command = null;
        if (problem is null) (command, problem) = upload.Command(caller, encoding, null, kind);
        var outcome = command is null ? null : await bus.InvokeForTenantAsync<Outcome<LegacyImport>>(caller.Agency, command, ct);
        problem ??= outcome?.Decision.Refusal;
        if (problem is not null)
        {
            upload.Discard();
            Errors = FormErrors.From(problem);
            await LoadAsync(ct);
            return Page();
        }
        return Redirect($"/admin/impor/{id}");
    }

    public async Task<IActionResult> OnPostPetaAsync(string? encoding, CancellationToken ct)
    {
        var mapping = Enum.GetValues<RegisterColumn>().ToDictionary(c => c.ToString(), c => int.TryParse(Request.Form[$"map-{c}"], out var i) ? i : -1)
            .Where(m => m.Value >= 0).ToDictionary();
        var caller = Caller.From(User);
        var outcome = await bus.InvokeForTenantAsync<Outcome<LegacyImport>>(caller.Agency,
            new CheckLegacyRegisterCommand(Id!.Value, caller, null, null, LegacyRegisterFile.EncodingOf(encoding), mapping, IsNew: false), ct);
        return await AfterAsync(outcome.Decision, ct);
    }

    public async Task<IActionResult> OnPostMulaiAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var outcome = await bus.InvokeForTenantAsync<Outcome<LegacyImport>>(caller.Agency, new StartLegacyImportCommand(Id!.Value, caller), ct);
        return await AfterAsync(outcome.Decision, ct);
    }

    public async Task<IActionResult> OnPostBatalAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var outcome = await bus.InvokeForTenantAsync<Outcome<LegacyImport>>(caller.Agency, new CancelLegacyImportCommand(Id!.Value, caller), ct);
        return await AfterAsync(outcome.Decision, ct);
    }

    private async Task<IActionResult> AfterAsync(Decision decision, CancellationToken ct)
    {
        if (!decision.Refused) return Redirect($"/admin/impor/{Id}");
        Errors = FormErrors.From(decision.Refusal!);
        await LoadAsync(ct);
        return Import is null ? NotFound() : Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        if (Id is { } id) Import = await session.LoadAsync<LegacyImport>(id, ct);
        else Recent = await LegacyImportQueries.RecentAsync(session, ct);
    }

    public static bool Required(RegisterColumn column, RegisterKind kind) =>
        (kind == RegisterKind.Outgoing ? LegacyOutgoingRegister.Required : LegacyRegister.Required).Contains(column);

    public static string KindText(RegisterKind kind) => kind == RegisterKind.Outgoing ? "Surat keluar" : "Surat masuk";

    public static string StatusText(LegacyImportStatus status) => StartLegacyImportHandler.StatusText(status);

    /// <summary>A status or phase of the run, a lower-case word ("menulis surat"), in the page's language and capitalised. Resource names may
    /// not differ only in case, so a word the resources already hold capitalised ("Selesai", "Dibatalkan") is found in either form.</summary>
    public static string Say(IStringLocalizer<Text> t, string word)
    {
        if (string.IsNullOrEmpty(word)) return word;
        foreach (var key in new[] { word, Capital(word), char.ToLowerInvariant(word[0]) + word[1..] })
            if (t[key] is { ResourceNotFound: false } found) return Capital(found.Value);
        return Capital(word);
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
