using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Organization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>One incoming letter; 404 when it does not exist or the caller may not see it (<see cref="LetterAccess"/>).</summary>
public sealed class DetailModel(IDocumentStore store) : PageModel
{
    public IncomingLetterView Letter { get; private set; } = null!;
    public string? Addressee { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        if (await session.LoadAsync<IncomingLetterView>(id, ct) is not { } letter || !LetterAccess.CanSee(caller, letter.AccessTokens))
            return NotFound();
        Letter = letter;
        if (letter.AddresseePositionId is { } position)
            Addressee = (await session.LoadAsync<Position>(position, ct))?.Title;
        return Page();
    }
}
