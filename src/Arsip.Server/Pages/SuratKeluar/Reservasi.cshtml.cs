using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

[Authorize(Policy = Policies.Registrar)]
public sealed class ReservasiNomorModel(IDocumentStore store, IMessageBus bus, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty] public LetterForm Input { get; set; } = new();
    [BindProperty] public DateOnly? LetterDate { get; set; }
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public IReadOnlyList<Position> Positions { get; private set; } = [];
    public string Agency => Caller.From(User).Agency;

    public async Task OnGetAsync(CancellationToken ct)
    {
        LetterDate = clock.Today;
        await using var session = store.QuerySession(Agency);
        Positions = await LetterForm.PositionsAsync(session, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using (var session = store.QuerySession(caller.Agency)) Positions = await LetterForm.PositionsAsync(session, ct);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency,
            new ReserveLetterNumberCommand(caller, new ReserveLetterNumber(Input.ToDraft(Positions), LetterDate)), ct);
        if (decision.Refusal is { } problem)
        {
            Errors = FormErrors.From(problem);
            return Page();
        }
        var reserved = ReserveLetterNumberHandler.Reserved(decision);
        TempData["Notice"] = text["Nomor {0} dipesan. Tulis nomor ini pada surat sebelum ditandatangani.", reserved.LetterNumber].Value;
        return Redirect($"/surat-keluar/{reserved.LetterId}");
    }
}
