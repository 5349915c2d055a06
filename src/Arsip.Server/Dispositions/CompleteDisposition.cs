using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Dispositions;

public sealed record CompleteDisposition(string? Note = null, Guid? AsPositionId = null);

public sealed record CompleteDispositionCommand(Guid DispositionId, Caller Caller, CompleteDisposition Body);

public static class CompleteDispositionHandler
{
    public static Decision Decide(CompleteDispositionCommand command, Disposition? d, bool visible, DateTimeOffset now)
    {
        if (d is null || !visible) return Decision.Refuse(Problems.NotFound("Disposisi", command.DispositionId));
        if (DispositionAccess.RecipientPosition(command.Caller, d, command.Body.AsPositionId) is not { } position)
            return Decision.Refuse(DispositionProblems.Forbidden("Hanya penerima disposisi yang dapat menyelesaikannya (only recipients complete a disposition)."));
        if (d.State != DispositionState.Open) return Decision.Refuse(DispositionProblems.Ended(d));
        if (d.Recipient(position)!.IsDone)
            return Decision.Refuse(Problems.Conflict("Disposisi ini sudah diselesaikan (already completed; a duplicate request)."));
        var note = command.Body.Note;
        if (note?.Length > 4000)
            return Decision.Refuse(Problems.BadRequest("note", "Catatan paling banyak 4000 karakter (note at most 4000 characters)."));
        return Decision.Accept(new DispositionCompleted(d.Id, position, command.Caller.PersonId, command.Caller.Name,
            string.IsNullOrWhiteSpace(note) ? null : note.Trim(), now));
    }

    public static async Task<Decision> Handle(CompleteDispositionCommand command,
        [WriteAggregate(nameof(CompleteDispositionCommand.DispositionId), Required = false)] IEventStream<Disposition> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var visible = await DispositionAccess.CanSeeAsync(session, command.Caller, stream.Aggregate, ct);
        return Decide(command, stream.Aggregate, visible, clock.GetUtcNow()).AppendTo(stream);
    }

    [WolverinePost("/api/dispositions/{id}/complete")]
    [Tags("Disposisi")]
    [EndpointSummary("A recipient marks its part done; completing twice is refused (409)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Official)]
    public static async Task<IResult> Post(Guid id, CompleteDisposition body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new CompleteDispositionCommand(id, caller, body), ct)).ToResult();
}
