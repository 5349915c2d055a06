using Arsip.ReferenceData;

namespace Arsip.Records;

/// <summary>Berkas to add to and remove from a draft pemindahan.</summary>
public sealed record ChangeTransferCaseFiles(Guid[]? Add, Guid[]? Remove);

public sealed record ChangeTransferCaseFilesCommand(Guid TransferId, Caller Caller, ChangeTransferCaseFiles Body);

public static class ChangeTransferCaseFilesHandler
{
    public static Decision Decide(ChangeTransferCaseFilesCommand command, TransferProposal? transfer, TransferCandidates candidates, DateOnly today, DateTimeOffset now)
    {
        if (transfer is null) return Decision.Refuse(Problems.NotFound("Usulan pemindahan", command.TransferId));
        if (!CaseFileRules.CanWork(command.Caller, transfer.UnitId)) return Decision.Refuse(CaseFileRules.Forbidden);
        var add = command.Body.Add ?? [];
        var remove = command.Body.Remove ?? [];
        if (add.Length == 0 && remove.Length == 0) return Decision.Refuse(Problems.BadRequest("add", "Tambah atau keluarkan sedikitnya satu berkas (add or remove at least one berkas)."));
        if ((TransferRules.IdsRefusal(add, "add", required: false) ?? TransferRules.IdsRefusal(remove, "remove", required: false)) is { } bad) return Decision.Refuse(bad);
        if (transfer.Status != TransferStatus.Draft)
            return Decision.Refuse(Problems.Conflict("Daftar hanya dapat diubah selama masih draf (the list changes only while a draft)."));
        if (remove.Where(id => !transfer.Items.Exists(i => i.CaseFileId == id)).ToList() is { Count: > 0 } absent)
            return Decision.Refuse(Problems.Conflict($"{absent.Count} berkas tidak ada dalam usulan ini (not on this proposal).").With("remove", absent));
        if (transfer.Items.Count - remove.Length + add.Length == 0)
            return Decision.Refuse(Problems.BadRequest("remove", "Usulan harus memuat sedikitnya satu berkas (a proposal keeps at least one berkas)."));
        var (items, problem) = candidates.Check(add, transfer.UnitId, today);
        if (problem is not null) return Decision.Refuse(problem);
        var caller = command.Caller;
        var events = new List<object> { new TransferItemsChanged(transfer.Id, [.. items], remove, caller.PersonId, caller.Name, now) };
        events.AddRange(items.Select(i => new CaseFileProposed(i.CaseFileId, Movement.Transfer, transfer.Id, now)));
        events.AddRange(remove.Select(id => new CaseFileLeftProposal(id, transfer.Id, "dikeluarkan dari draf usulan pemindahan", now)));
        return Decision.Accept([.. events]);
    }

    public static async Task<Decision> Handle(ChangeTransferCaseFilesCommand command,
        [WriteAggregate(nameof(ChangeTransferCaseFilesCommand.TransferId), Required = false)] IEventStream<TransferProposal> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var add = command.Body.Add ?? [];
        var candidates = stream.Aggregate is not null && TransferRules.IdsRefusal(add, "add") is null
            ? await TransferCandidates.LoadAsync(session, command.Caller, add, ct)
            : TransferCandidates.None;
        var decision = Decide(command, stream.Aggregate, candidates, (await AgencyTime.LoadAsync(session, ct)).Today(clock), clock.GetUtcNow());
        TransferRules.Append(session, decision.Events, stream.AppendMany);
        return decision;
    }

    [WolverinePost("/api/transfers/{id}/case-files")]
    [Tags("Arsip")]
    [EndpointSummary("Add berkas to or remove them from a draft pemindahan (added berkas are checked as when proposing)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [Authorize(Policy = Policies.CaseFiles)]
    public static async Task<IResult> Post(Guid id, ChangeTransferCaseFiles body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ChangeTransferCaseFilesCommand(id, caller, body), ct)).ToResult();
}
