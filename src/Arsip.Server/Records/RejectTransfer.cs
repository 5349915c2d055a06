using Arsip.Organization;

namespace Arsip.Records;

/// <summary>A reason is required for sending a proposal back (unit head) or refusing it (records centre).</summary>
public sealed record TransferReason(string? Reason);

public sealed record RejectTransferCommand(Guid TransferId, Caller Caller, TransferReason Body);

public static class RejectTransferHandler
{
    /// <summary>The unit head sends a submitted proposal back with a reason: every berkas leaves it.</summary>
    public static Decision Decide(RejectTransferCommand command, TransferProposal? transfer, IReadOnlyCollection<Position> positions, DateTimeOffset now)
    {
        if (transfer is null) return Decision.Refuse(Problems.NotFound("Usulan pemindahan", command.TransferId));
        if (!TransferRules.MayApprove(command.Caller, positions, transfer.UnitId))
            return Decision.Refuse(Problems.Forbidden("Hanya kepala unit pengolah (atau Plt/Plh-nya) yang menolak usulan pemindahan (only the unit head rejects)."));
        if (CaseFileRules.ReasonRefusal(command.Body.Reason) is { } noReason) return Decision.Refuse(noReason);
        if (transfer.Status != TransferStatus.Submitted)
            return Decision.Refuse(Problems.Conflict("Usulan tidak sedang menunggu persetujuan (not awaiting approval)."));
        var reason = CaseFileRules.Reason(command.Body.Reason)!;
        var events = new List<object> { new TransferRejected(transfer.Id, reason, command.Caller.PersonId, command.Caller.Name, now) };
        events.AddRange(transfer.Items.Select(i => new CaseFileLeftProposal(i.CaseFileId, transfer.Id, $"usulan pemindahan ditolak kepala unit: {reason}", now)));
        return Decision.Accept([.. events]);
    }

    public static async Task<Decision> Handle(RejectTransferCommand command,
        [WriteAggregate(nameof(RejectTransferCommand.TransferId), Required = false)] IEventStream<TransferProposal> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var positions = await session.Query<Position>().ToListAsync(ct);
        var decision = Decide(command, stream.Aggregate, positions, clock.GetUtcNow());
        TransferRules.Append(session, decision.Events, stream.AppendMany);
        return decision;
    }

    [WolverinePost("/api/transfers/{id}/reject")]
    [Tags("Arsip")]
    [EndpointSummary("The unit head rejects a submitted pemindahan with a reason; its berkas leave it")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, TransferReason body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RejectTransferCommand(id, caller, body), ct)).ToResult();
}
