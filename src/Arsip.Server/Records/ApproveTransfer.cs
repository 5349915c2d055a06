using Arsip.ReferenceData;
using Arsip.Organization;

namespace Arsip.Records;

public sealed record ApproveTransferCommand(Guid TransferId, Caller Caller);

public static class ApproveTransferHandler
{
    /// <summary>Only the unit's head (its holder or Plt/Plh) approves a submitted proposal; the approval day is the agency's local date.</summary>
    public static Decision Decide(ApproveTransferCommand command, TransferProposal? transfer, IReadOnlyCollection<Position> positions, DateOnly today, DateTimeOffset now)
    {
        if (transfer is null) return Decision.Refuse(Problems.NotFound("Usulan pemindahan", command.TransferId));
        if (Authorities.UnitHead(positions, transfer.UnitId) is not { } head || !Authorities.Holds(command.Caller, head))
            return Decision.Refuse(Problems.Forbidden("Hanya kepala unit pengolah (atau Plt/Plh-nya) yang menyetujui pemindahan (only the unit head approves)."));
        if (transfer.Status != TransferStatus.Submitted)
            return Decision.Refuse(Problems.Conflict(transfer.Status == TransferStatus.Draft
                ? "Usulan belum diajukan (not submitted yet)."
                : "Usulan sudah diputuskan (already decided; a duplicate request)."));
        return Decision.Accept(new TransferApproved(transfer.Id, head.Id, command.Caller.PersonId, command.Caller.Name, today, now));
    }

    public static async Task<Decision> Handle(ApproveTransferCommand command,
        [WriteAggregate(nameof(ApproveTransferCommand.TransferId), Required = false)] IEventStream<TransferProposal> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var positions = await session.Query<Position>().ToListAsync(ct);
        var decision = Decide(command, stream.Aggregate, positions, (await AgencyTime.LoadAsync(session, ct)).Today(clock), clock.GetUtcNow());
        stream.AppendMany(decision.Events);
        return decision;
    }

    [WolverinePost("/api/transfers/{id}/approve")]
    [Tags("Arsip")]
    [EndpointSummary("The unit head approves a submitted pemindahan (others 403)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ApproveTransferCommand(id, caller), ct)).ToResult();
}
