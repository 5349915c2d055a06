using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

[Authorize(Policy = Policies.Administrator)]
public sealed class AdminNomorSuratModel(IDocumentStore store, IMessageBus bus, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty] public string Kind { get; set; } = "surat-dinas";
    [BindProperty] public string? Template { get; set; }
    [BindProperty] public SequenceScope Scope { get; set; } = SequenceScope.Agency;
    public IReadOnlyList<LetterNumberTemplateResponse> Templates { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public string DefaultExample => LetterNumberTemplateResponse.ExampleNumber(LetterNumberTemplate.Parse(LetterNumbers.DefaultTemplate).Template!, clock.Today);

    public async Task OnGetAsync([FromQuery] string? jenis, CancellationToken ct)
    {
        await LoadAsync(ct);
        Kind = jenis is not null && NaskahKinds.All.ContainsKey(jenis) ? jenis : Kind;
        var current = Templates.FirstOrDefault(t => t.Kind == Kind);
        Template = current?.Template ?? LetterNumbers.DefaultTemplate;
        Scope = current?.SequenceScope ?? SequenceScope.Agency;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var command = new SetLetterNumberTemplateCommand(Kind, new SetLetterNumberTemplate(Template, Scope), User.Identity?.Name ?? "sistem");
        var outcome = await bus.InvokeForTenantAsync<Outcome<LetterNumberTemplateResponse>>(Caller.From(User).Agency, command, ct);
        if (outcome.Decision.Refusal is { } problem)
        {
            Errors = FormErrors.From(problem);
            await LoadAsync(ct);
            return Page();
        }
        var saved = outcome.Value!;
        TempData["Notice"] = text["Templat {0} tersimpan; contoh nomor: {1}.", saved.KindName, saved.Example].Value;
        return RedirectToPage(new { jenis = Kind });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Templates = await LetterNumberTemplateQueries.ListAsync(session, clock.Today, ct);
    }
}
