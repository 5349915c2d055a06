using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine.Http;

namespace Arsip.Pages;

/// <summary>Drafting an outgoing letter through <see cref="DraftOutgoingLetterEndpoint"/> (same checks and messages as <c>POST /api/outgoing-letters</c>).</summary>
public sealed class SuratKeluarBaruModel(IDocumentStore store, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty] public LetterForm Input { get; set; } = new();
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public IReadOnlyList<Position> Positions { get; private set; } = [];
    public string Agency => Caller.From(User).Agency;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Agency);
        Positions = await LetterForm.PositionsAsync(session, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.LightweightSession(caller.Agency);
        Positions = await LetterForm.PositionsAsync(session, ct);
        var draft = Input.ToDraft(Positions);
        var problem = await DraftOutgoingLetterEndpoint.ValidateAsync(draft, session, ct);
        if (!ReferenceEquals(problem, WolverineContinue.NoProblems))
        {
            Errors = FormErrors.From(problem);
            return Page();
        }
        var created = await DraftOutgoingLetterEndpoint.Post(draft, caller, session, clock);
        await session.SaveChangesAsync(ct);
        TempData["Notice"] = text["Konsep tersimpan. Periksa pratinjau, lalu ajukan untuk paraf."].Value;
        return Redirect($"/surat-keluar/{created.Id}");
    }
}
