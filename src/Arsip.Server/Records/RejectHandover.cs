using Arsip.Organization;

namespace Arsip.Records;

public sealed record RejectHandoverCommand(Guid HandoverId, Caller Caller, ProposalReason Body);

public static class RejectHandoverHandler
{
    /// <summary>The agency's head (or its Plt/Plh), who approves, may instead reject the handover with a reason: every berkas on it
    /// leaves it and may be proposed again.</summary>
    public static Decision Decide(RejectHandoverCommand command, HandoverProposal? handover, IReadOnlyCollection<Position> positions, DateTimeOffset now)
    {
        var caller = command.Caller;
        if (handover is null) return Decision.Refuse(Problems.NotFound("Penyerahan", command.HandoverId));
        if (!HandoverRules.IsAgencyHead(caller, positions))
            return Decision.Refuse(Problems.Forbidden("Hanya kepala instansi (atau Plt/Plh-nya) yang menolak penyerahan (only the agency's head rejects a handover)."));
        if (CaseFileRules.ReasonRefusal(command.Body.Reason) is { } noReason) return Decision.Refuse(noReason);
        if (handover.Status != HandoverStatus.Proposed) return Decision.Refuse(HandoverRules.DecidedConflict(handover));
        var reason = CaseFileRules.Reason(command.Body.Reason)!;
        var events = new List<object> { new HandoverRejected(handover.Id, reason, caller.PersonId, caller.Name, Authorities.AgencyHead(positions)!.Title, now) };
        events.AddRange(handover.CaseFileIds.Select(id => new CaseFileLeftProposal(id, handover.Id, $"usulan penyerahan ditolak kepala instansi: {reason}", now)));
        return Decision.Accept([.. events]);
    }

    public static async Task<Decision> Handle(RejectHandoverCommand command,
        [WriteAggregate(nameof(RejectHandoverCommand.HandoverId), Required = false)] IEventStream<HandoverProposal> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var decision = Decide(command, stream.Aggregate, await session.Query<Position>().ToListAsync(ct), clock.GetUtcNow());
        if (!decision.Refused) HandoverStreams.Append(session, stream, decision);
        return decision;
    }

    [WolverinePost("/api/handovers/{id}/reject")]
    [Tags("Arsip")]
    [EndpointSummary("The agency's head rejects a handover not yet approved, with a reason; its berkas leave it")]
    [EndpointDescription("Not the agency head (or its Plt/Plh): 403; no reason: 400; approved, accepted, rejected or withdrawn already: 409.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, ProposalReason body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RejectHandoverCommand(id, caller, body), ct)).ToResult();
}
