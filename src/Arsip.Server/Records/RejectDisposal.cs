using Arsip.Organization;

namespace Arsip.Records;

public sealed record RejectDisposalCommand(Guid DisposalId, Caller Caller, ProposalReason Body);

public static class RejectDisposalHandler
{
    /// <summary>The head of the agency (or its Plt/Plh), who approves, may instead reject the proposal with a reason before approving
    /// it, during the assessment too: every berkas still on it leaves it and may be proposed again.</summary>
    public static Decision Decide(RejectDisposalCommand command, DisposalProposal? disposal, Position? agencyHead, DateTimeOffset now)
    {
        var caller = command.Caller;
        if (disposal is null) return Decision.Refuse(Problems.NotFound("Usul musnah", command.DisposalId));
        if (!Authorities.Holds(caller, agencyHead))
            return Decision.Refuse(Problems.Forbidden($"Usul musnah ditolak oleh pimpinan instansi{(agencyHead is null ? "" : $" ({agencyHead.Title})")} (only the head of the agency rejects a disposal)."));
        if (CaseFileRules.ReasonRefusal(command.Body.Reason) is { } noReason) return Decision.Refuse(noReason);
        if (!disposal.Undecided) return Decision.Refuse(DisposalRules.DecidedConflict(disposal));
        var reason = CaseFileRules.Reason(command.Body.Reason)!;
        var events = new List<object> { new DisposalRejected(disposal.Id, reason, caller.PersonId, caller.Name, agencyHead!.Title, now) };
        events.AddRange(disposal.Remaining.Select(i => new CaseFileLeftProposal(i.CaseFileId, disposal.Id, $"usul musnah ditolak pimpinan instansi: {reason}", now)));
        return Decision.Accept([.. events]);
    }

    public static async Task<Decision> Handle(RejectDisposalCommand command,
        [WriteAggregate(nameof(RejectDisposalCommand.DisposalId), Required = false)] IEventStream<DisposalProposal> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var positions = await session.Query<Position>().ToListAsync(ct);
        var decision = Decide(command, stream.Aggregate, Authorities.AgencyHead(positions), clock.GetUtcNow());
        DisposalStreams.Append(session, stream, decision);
        return decision;
    }

    [WolverinePost("/api/disposals/{id}/reject")]
    [Tags("Arsip")]
    [EndpointSummary("The head of the agency rejects a disposal proposal not yet approved, with a reason; its berkas leave it")]
    [EndpointDescription("Not the agency head (or its Plt/Plh): 403; no reason: 400; already approved, executed, withdrawn or rejected: 409.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, ProposalReason body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RejectDisposalCommand(id, caller, body), ct)).ToResult();
}
