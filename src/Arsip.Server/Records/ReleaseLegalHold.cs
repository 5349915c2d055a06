
namespace Arsip.Records;

public sealed record ReleaseLegalHold(string? Reason);

public sealed record ReleaseLegalHoldCommand(Guid HoldId, Caller Caller, ReleaseLegalHold Body);

public static class ReleaseLegalHoldHandler
{
    public static Decision Decide(ReleaseLegalHoldCommand command, LegalHold? hold, DateTimeOffset now)
    {
        if (hold is null) return Decision.Refuse(Problems.NotFound("Penangguhan", command.HoldId));
        if (!LegalHolds.MayHold(command.Caller))
            return Decision.Refuse(Problems.Forbidden("Hanya arsiparis, auditor atau administrator yang dapat mencabut penangguhan (only archivists, auditors and administrators release holds)."));
        if (!hold.Active)
            return Decision.Refuse(Problems.Conflict($"Penangguhan ini sudah dicabut oleh {hold.ReleasedBy} (already released; a duplicate request)."));
        var reason = command.Body.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            return Decision.Refuse(Problems.BadRequest("reason", "Alasan pencabutan wajib diisi (a reason is required)."));
        if (reason.Length > PlaceLegalHoldHandler.MaxText)
            return Decision.Refuse(Problems.BadRequest("reason", $"Alasan paling banyak {PlaceLegalHoldHandler.MaxText} karakter (reason at most {PlaceLegalHoldHandler.MaxText} characters)."));
        var released = new LegalHoldReleased(hold.Id, reason, command.Caller.PersonId, command.Caller.Name, now);
        return (hold.LetterId ?? hold.CaseFileId) is { } held
            ? Decision.Accept(released, new RecordHoldReleased(held, hold.Id, reason, command.Caller.Name, now))
            : Decision.Accept(released);
    }

    public static Decision Handle(ReleaseLegalHoldCommand command,
        [WriteAggregate(nameof(ReleaseLegalHoldCommand.HoldId), Required = false)] IEventStream<LegalHold> stream,
        IDocumentSession session, ArsipClock clock)
    {
        var decision = Decide(command, stream.Aggregate, clock.GetUtcNow());
        stream.AppendMany(decision.Events.OfType<LegalHoldReleased>());
        foreach (var e in decision.Events.OfType<RecordHoldReleased>()) session.Events.Append(e.RecordId, e);
        return decision;
    }

    [WolverinePost("/api/legal-holds/{id}/release")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [Tags("Arsip")]
    [EndpointSummary("Release a legal hold with a reason; archivists, auditors and administrators; releasing twice is refused (409)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize]
    public static async Task<IResult> Post(Guid id, ReleaseLegalHold body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ReleaseLegalHoldCommand(id, caller, body), ct)).ToResult();
}
