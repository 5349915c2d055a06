namespace Arsip.Records;

public sealed record WithdrawTransferCommand(Guid TransferId, Caller Caller, ProposalReason Body);

public static class WithdrawTransferHandler
{
    /// <summary>A draft or a proposal awaiting the unit head is withdrawn by its proposer (<see cref="Proposals.MayWithdraw"/>) with a
    /// reason: every berkas leaves it. Once approved it is the records centre's to accept or refuse; a second withdrawal is a conflict.</summary>
    public static Decision Decide(WithdrawTransferCommand command, TransferProposal? transfer, DateTimeOffset now)
    {
        var caller = command.Caller;
        if (transfer is null) return Decision.Refuse(Problems.NotFound("Usulan pemindahan", command.TransferId));
        if (!Proposals.MayWithdraw(caller, transfer.ProposedByPersonId, [transfer.UnitId]))
            return Decision.Refuse(Problems.Forbidden("Usulan pemindahan ditarik kembali oleh pengusulnya, arsiparis, atau administrator (only its proposer, archivists and administrators withdraw it)."));
        if (CaseFileRules.ReasonRefusal(command.Body.Reason) is { } noReason) return Decision.Refuse(noReason);
        if (transfer.Status is not (TransferStatus.Draft or TransferStatus.Submitted))
            return Decision.Refuse(Problems.Conflict(transfer.Status switch
            {
                TransferStatus.Withdrawn => "Usulan ini sudah ditarik kembali (already withdrawn).",
                TransferStatus.Rejected or TransferStatus.Refused => "Usulan ini sudah ditolak (already rejected).",
                TransferStatus.Accepted => "Usulan ini sudah diterima unit kearsipan (already accepted).",
                _ => "Usulan ini sudah disetujui kepala unit (already approved).",
            }));
        var reason = CaseFileRules.Reason(command.Body.Reason)!;
        var events = new List<object> { new TransferWithdrawn(transfer.Id, reason, caller.PersonId, caller.Name, now) };
        events.AddRange(transfer.Items.Select(i => new CaseFileLeftProposal(i.CaseFileId, transfer.Id, $"usulan pemindahan ditarik kembali oleh {caller.Name}: {reason}", now)));
        return Decision.Accept([.. events]);
    }

    public static Decision Handle(WithdrawTransferCommand command,
        [WriteAggregate(nameof(WithdrawTransferCommand.TransferId), Required = false)] IEventStream<TransferProposal> stream,
        IDocumentSession session, ArsipClock clock)
    {
        var decision = Decide(command, stream.Aggregate, clock.GetUtcNow());
        TransferRules.Append(session, decision.Events, stream.AppendMany);
        return decision;
    }

    [WolverinePost("/api/transfers/{id}/withdraw")]
    [Tags("Arsip")]
    [EndpointSummary("The proposer (or an archivist or administrator) withdraws a pemindahan not yet approved, with a reason; its berkas leave it")]
    [EndpointDescription("Not the proposer and not allowed to work on the unit's berkas: 403; no reason: 400; approved, accepted, rejected or withdrawn already: 409.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, ProposalReason body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new WithdrawTransferCommand(id, caller, body), ct)).ToResult();
}
