using Arsip.Access;
using Arsip.Audit;
using Arsip.Infrastructure;
using Arsip.Correspondence;
using Arsip.Organization;
using Marten;
using Wolverine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>One incoming letter; 404 when it does not exist or the caller may not see it (<see cref="LetterAccess"/>).</summary>
public sealed class DetailModel(IDocumentStore store, IMessageBus bus, ArsipClock clock) : PageModel
{
    public IncomingLetterView Letter { get; private set; } = null!;
    public string? Addressee { get; private set; }

    /// <summary>Set when the page shows the letter as it was (<c>?versi=</c> or <c>?asOf=</c>), as <c>GET /api/letters/{id}</c> does.</summary>
    public string? AsOfNote { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery] long? versi, [FromQuery] DateTimeOffset? asOf, CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        if (await session.LoadAsync<IncomingLetterView>(id, ct) is not { } letter || !LetterAccess.CanSee(caller, letter.AccessTokens))
            return NotFound();
        if (LetterAccess.IsSecret(letter.SecurityLevel))
            await bus.PublishAsync(new SecretLetterRead(id, caller.PersonId, caller.Name, caller.Positions.ToArray(), clock.GetUtcNow()));
        if (versi is not null || asOf is not null)
        {
            if (versi is < 1) return NotFound();
            letter = await session.Events.AggregateStreamAsync<IncomingLetterView>(id, versi ?? 0, asOf?.ToUniversalTime(), token: ct);
            if (letter is null) return NotFound();
            AsOfNote = versi is { } v ? $"versi {v}" : $"{asOf!.Value.ToOffset(TimeSpan.FromHours(7)):dd-MM-yyyy HH:mm} WIB";
        }
        Letter = letter;
        if (letter.AddresseePositionId is { } position)
            Addressee = (await session.LoadAsync<Position>(position, ct))?.Title;
        return Page();
    }
}
