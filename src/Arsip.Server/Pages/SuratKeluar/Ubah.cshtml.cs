using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Organization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>Reviewers and signatory stay as drafted, as the API keeps them.</summary>
public sealed class SuratKeluarUbahModel(IDocumentStore store, IMessageBus bus, IStringLocalizer<Text> text) : PageModel
{
    [BindProperty] public LetterForm Input { get; set; } = new();
    [BindProperty] public string? Note { get; set; }
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public IReadOnlyList<Position> Positions { get; private set; } = [];
    public IReadOnlyList<Person> People { get; private set; } = [];
    public OutgoingLetterView Letter { get; private set; } = null!;
    public string Agency => Caller.From(User).Agency;
    public string ReviewersText { get; private set; } = "";
    public string SignatoryTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession(Agency);
        if (!await LoadAsync(session, id, ct)) return NotFound();
        Input = LetterForm.From(Letter.Content, Letter.Reviews.Select(r => r.PositionId), Letter.SignatoryPositionId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using (var session = store.QuerySession(caller.Agency))
            if (!await LoadAsync(session, id, ct)) return NotFound();
        Input.Reviewers = Letter.Reviews.Select(r => (Guid?)r.PositionId).ToList();
        Input.SignatoryPositionId = Letter.SignatoryPositionId;
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency,
            new ReviseOutgoingLetterCommand(id, caller, new ReviseOutgoingLetter(Input.ToDraft(Positions), Note)), ct);
        if (decision.Refusal is { } problem)
        {
            if (problem.Status == StatusCodes.Status404NotFound) return NotFound();
            Errors = FormErrors.From(problem);
            return Page();
        }
        TempData["Notice"] = text["Konsep versi baru tersimpan."].Value;
        return Redirect($"/surat-keluar/{id}");
    }

    private async Task<bool> LoadAsync(IQuerySession session, Guid id, CancellationToken ct)
    {
        if (await OutgoingLetterQueries.VisibleAsync(session, Caller.From(User), id, ct) is not { } letter) return false;
        Letter = letter;
        Positions = await LetterForm.PositionsAsync(session, ct);
        People = await LetterForm.PeopleAsync(session, ct);
        string Title(Guid p) => Positions.FirstOrDefault(x => x.Id == p)?.Title ?? "?";
        ReviewersText = letter.Reviews.Count == 0 ? "tanpa pemaraf" : string.Join(", ", letter.Reviews.Select((r, i) => $"{i + 1}. {Title(r.PositionId)}"));
        SignatoryTitle = Title(letter.SignatoryPositionId);
        return true;
    }
}
