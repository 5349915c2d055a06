namespace Arsip.Records;

public sealed record WithdrawDisposalCommand(Guid DisposalId, Caller Caller, ProposalReason Body);

public static class WithdrawDisposalHandler
{
    /// <summary>Before the head's approval the proposer (<see cref="Proposals.MayWithdraw"/>) withdraws the proposal with a reason:
    /// every berkas still on it leaves it and may be proposed again. A second withdrawal is a conflict (the proposal has ended).</summary>
    public static Decision Decide(WithdrawDisposalCommand command, DisposalProposal? disposal, DateTimeOffset now)
    {
        var caller = command.Caller;
        if (disposal is null) return Decision.Refuse(Problems.NotFound("Usul musnah", command.DisposalId));
        if (!Proposals.MayWithdraw(caller, disposal.ProposedByPersonId, disposal.Items.Select(i => i.UnitId)))
            return Decision.Refuse(Problems.Forbidden("Usul musnah ditarik kembali oleh pengusulnya, arsiparis, atau administrator (only its proposer, archivists and administrators withdraw a proposal)."));
        if (CaseFileRules.ReasonRefusal(command.Body.Reason) is { } noReason) return Decision.Refuse(noReason);
        if (!disposal.Undecided) return Decision.Refuse(DisposalRules.DecidedConflict(disposal));
        var reason = CaseFileRules.Reason(command.Body.Reason)!;
        var events = new List<object> { new DisposalWithdrawn(disposal.Id, reason, caller.PersonId, caller.Name, now) };
        events.AddRange(disposal.Remaining.Select(i => new CaseFileLeftProposal(i.CaseFileId, disposal.Id, $"usul musnah ditarik kembali oleh {caller.Name}: {reason}", now)));
        return Decision.Accept([.. events]);
    }

    public static async Task<Decision> Handle(WithdrawDisposalCommand command,
        [WriteAggregate(nameof(WithdrawDisposalCommand.DisposalId), Required = false)] IEventStream<DisposalProposal> stream,
        IDocumentSession session, ArsipClock clock)
    {
        var decision = Decide(command, stream.Aggregate, clock.GetUtcNow());
        DisposalStreams.Append(session, stream, decision);
        return decision;
    }

    [WolverinePost("/api/disposals/{id}/withdraw")]
    [Tags("Arsip")]
    [EndpointSummary("The proposer (or an archivist or administrator) withdraws a disposal proposal not yet approved, with a reason; its berkas leave it")]
    [EndpointDescription("Not the proposer and not allowed to propose for its units: 403; no reason: 400; already approved, executed, withdrawn or rejected: 409 (a second withdrawal too).")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, ProposalReason body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new WithdrawDisposalCommand(id, caller, body), ct)).ToResult();
}
