using Arsip.Access;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Dispositions;

public sealed record CompleteDisposition(string? Note = null, Guid? AsPositionId = null);

[Authorize(Policy = Policies.Official)]
public static class CompleteDispositionEndpoint
{
    [WolverinePost("/api/dispositions/{id}/complete")]
    [Tags("Disposisi")]
    [EndpointSummary("A recipient marks its part done; completing twice is refused (409)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, CompleteDisposition command, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        return await DispositionAccess.ActAsync(session, caller, id, disposition => Decide(disposition, DispositionAccess.RecipientPosition(caller, disposition, command.AsPositionId), caller, command.Note, clock.GetUtcNow()), ct);
    }

    public static Decision Decide(Disposition d, Guid? recipientPosition, Caller caller, string? note, DateTimeOffset now)
    {
        if (recipientPosition is not { } position)
            return Decision.Refuse(DispositionProblems.Forbidden("Hanya penerima disposisi yang dapat menyelesaikannya (only recipients complete a disposition)."));
        if (d.State != DispositionState.Open) return Decision.Refuse(DispositionProblems.Ended(d));
        if (d.Recipient(position)!.IsDone)
            return Decision.Refuse(Problems.Conflict("Disposisi ini sudah diselesaikan (already completed; a duplicate request)."));
        if (note?.Length > 4000)
            return Decision.Refuse(Problems.BadRequest("note", "Catatan paling banyak 4000 karakter (note at most 4000 characters)."));
        return Decision.Accept(new DispositionCompleted(d.Id, position, caller.PersonId, caller.Name, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), now));
    }
}
