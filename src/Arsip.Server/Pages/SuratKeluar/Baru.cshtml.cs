using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Organization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

public sealed class SuratKeluarBaruModel(IDocumentStore store, IMessageBus bus, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty] public LetterForm Input { get; set; } = new();
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public IReadOnlyList<Position> Positions { get; private set; } = [];
    public IReadOnlyList<Person> People { get; private set; } = [];
    public string Agency => Caller.From(User).Agency;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Agency);
        Positions = await LetterForm.PositionsAsync(session, ct);
        People = await LetterForm.PeopleAsync(session, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using (var session = store.QuerySession(caller.Agency))
        {
            Positions = await LetterForm.PositionsAsync(session, ct);
            People = await LetterForm.PeopleAsync(session, ct);
        }
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new DraftOutgoingLetterCommand(caller, Input.ToDraft(Positions)), ct);
        if (decision.Refusal is { } problem)
        {
            Errors = FormErrors.From(problem);
            return Page();
        }
        TempData["Notice"] = text["Konsep tersimpan. Periksa pratinjau, lalu ajukan untuk paraf."].Value;
        return Redirect($"/surat-keluar/{decision.Events.OfType<OutgoingLetterDrafted>().Single().LetterId}");
    }
}
