namespace Arsip.Records;

public sealed record SubmitTransferCommand(Guid TransferId, Caller Caller);

public static class SubmitTransferHandler
{
    public static Decision Decide(SubmitTransferCommand command, TransferProposal? transfer, DateTimeOffset now)
    {
        if (transfer is null) return Decision.Refuse(Problems.NotFound("Usulan pemindahan", command.TransferId));
        if (!CaseFileRules.CanWork(command.Caller, transfer.UnitId)) return Decision.Refuse(CaseFileRules.Forbidden);
        if (transfer.Status != TransferStatus.Draft)
            return Decision.Refuse(Problems.Conflict("Usulan sudah diajukan (already submitted; a duplicate request)."));
        return Decision.Accept(new TransferSubmitted(transfer.Id, command.Caller.PersonId, command.Caller.Name, now));
    }

    public static Decision Handle(SubmitTransferCommand command,
        [WriteAggregate(nameof(SubmitTransferCommand.TransferId), Required = false)] IEventStream<TransferProposal> stream, ArsipClock clock)
    {
        var decision = Decide(command, stream.Aggregate, clock.GetUtcNow());
        stream.AppendMany(decision.Events);
        return decision;
    }

    [WolverinePost("/api/transfers/{id}/submit")]
    [Tags("Arsip")]
    [EndpointSummary("Submit a draft pemindahan to the unit head for approval")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.CaseFiles)]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new SubmitTransferCommand(id, caller), ct)).ToResult();
}
