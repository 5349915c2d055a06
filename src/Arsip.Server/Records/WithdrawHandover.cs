namespace Arsip.Records;

public sealed record WithdrawHandoverCommand(Guid HandoverId, Caller Caller, ProposalReason Body);

public static class WithdrawHandoverHandler
{
    /// <summary>A handover awaiting the agency head is withdrawn by its proposer, an archivist or an administrator, with a reason:
    /// every berkas leaves it and may be proposed again. Once approved, the package is being built for the archive: a conflict.</summary>
    public static Decision Decide(WithdrawHandoverCommand command, HandoverProposal? handover, DateTimeOffset now)
    {
        var caller = command.Caller;
        if (handover is null) return Decision.Refuse(Problems.NotFound("Penyerahan", command.HandoverId));
        if (caller.PersonId != handover.ProposedByPersonId && !caller.Has(Role.Archivist) && !caller.Has(Role.Administrator))
            return Decision.Refuse(Problems.Forbidden("Usulan penyerahan ditarik kembali oleh pengusulnya, arsiparis, atau administrator (only its proposer, archivists and administrators withdraw it)."));
        if (CaseFileRules.ReasonRefusal(command.Body.Reason) is { } noReason) return Decision.Refuse(noReason);
        if (handover.Status != HandoverStatus.Proposed) return Decision.Refuse(HandoverRules.DecidedConflict(handover));
        var reason = CaseFileRules.Reason(command.Body.Reason)!;
        var events = new List<object> { new HandoverWithdrawn(handover.Id, reason, caller.PersonId, caller.Name, now) };
        events.AddRange(handover.CaseFileIds.Select(id => new CaseFileLeftProposal(id, handover.Id, $"usulan penyerahan ditarik kembali oleh {caller.Name}: {reason}", now)));
        return Decision.Accept([.. events]);
    }

    public static Decision Handle(WithdrawHandoverCommand command,
        [WriteAggregate(nameof(WithdrawHandoverCommand.HandoverId), Required = false)] IEventStream<HandoverProposal> stream,
        IDocumentSession session, ArsipClock clock)
    {
        var decision = Decide(command, stream.Aggregate, clock.GetUtcNow());
        if (!decision.Refused) HandoverStreams.Append(session, stream, decision);
        return decision;
    }

    [WolverinePost("/api/handovers/{id}/withdraw")]
    [Tags("Arsip")]
    [EndpointSummary("The proposer (or an archivist or administrator) withdraws a handover not yet approved, with a reason; its berkas leave it")]
    [EndpointDescription("Not the proposer, an archivist or an administrator: 403; no reason: 400; approved, accepted, rejected or withdrawn already: 409.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, ProposalReason body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new WithdrawHandoverCommand(id, caller, body), ct)).ToResult();
}
