using Arsip.Organization;

namespace Arsip.Records;

public sealed record RefuseTransferCommand(Guid TransferId, Caller Caller, TransferReason Body);

public static class RefuseTransferHandler
{
    /// <summary>The records centre refuses an approved proposal with a reason: its berkas stay with their unit and leave it.</summary>
    public static Decision Decide(RefuseTransferCommand command, TransferProposal? transfer, IReadOnlyCollection<Position> positions, DateTimeOffset now)
    {
        if (transfer is null) return Decision.Refuse(Problems.NotFound("Usulan pemindahan", command.TransferId));
        if (!TransferRules.MayReceive(command.Caller, positions))
            return Decision.Refuse(Problems.Forbidden("Hanya kepala atau arsiparis unit kearsipan yang menerima atau menolak pemindahan (only the records centre receives or refuses)."));
        if (CaseFileRules.ReasonRefusal(command.Body.Reason) is { } noReason) return Decision.Refuse(noReason);
        if (transfer.Status != TransferStatus.Approved)
            return Decision.Refuse(Problems.Conflict("Usulan tidak sedang menunggu penerimaan unit kearsipan (not awaiting the records centre)."));
        var reason = CaseFileRules.Reason(command.Body.Reason)!;
        var events = new List<object> { new TransferRefused(transfer.Id, reason, command.Caller.PersonId, command.Caller.Name, now) };
        events.AddRange(transfer.Items.Select(i => new CaseFileLeftProposal(i.CaseFileId, transfer.Id, $"pemindahan ditolak unit kearsipan: {reason}", now)));
        return Decision.Accept([.. events]);
    }

    public static async Task<Decision> Handle(RefuseTransferCommand command,
        [WriteAggregate(nameof(RefuseTransferCommand.TransferId), Required = false)] IEventStream<TransferProposal> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var positions = await session.Query<Position>().ToListAsync(ct);
        var decision = Decide(command, stream.Aggregate, positions, clock.GetUtcNow());
        TransferRules.Append(session, decision.Events, stream.AppendMany);
        return decision;
    }

    [WolverinePost("/api/transfers/{id}/refuse")]
    [Tags("Arsip")]
    [EndpointSummary("The records centre refuses an approved pemindahan with a reason; its berkas stay with their unit")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, TransferReason body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RefuseTransferCommand(id, caller, body), ct)).ToResult();
}
