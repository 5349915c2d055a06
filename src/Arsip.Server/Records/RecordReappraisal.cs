using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Records;

public sealed record RecordReappraisal(Guid? CaseFileId, FinalAction? Outcome, string? Reason);

public sealed record RecordReappraisalCommand(Guid ReappraisalId, Caller Caller, RecordReappraisal Body);

public static class RecordReappraisalHandler
{
    /// <summary>The records centre's head decides a berkas once; a berkas held since the re-appraisal opened is refused (409) until
    /// the hold is released. The berkas's final action becomes the outcome, so it can go on a disposal or a handover.</summary>
    public static Decision Decide(RecordReappraisalCommand command, ReappraisalTask? task, IReadOnlyCollection<Position> positions,
        IReadOnlyList<LegalHold> holds, DateTimeOffset now)
    {
        if (task is null) return Decision.Refuse(Problems.NotFound("Penilaian kembali", command.ReappraisalId));
        if (!ReappraisalRules.MayDecide(command.Caller, positions) || Authorities.RecordsCentreUnit(positions) is not { } centre)
            return Decision.Refuse(Problems.Forbidden("Hasil penilaian kembali ditetapkan kepala unit kearsipan (only the records centre head decides a re-appraisal)."));
        var body = command.Body;
        if (body.CaseFileId is not { } fileId) return Decision.Refuse(Problems.BadRequest("caseFileId", "Berkas wajib dipilih (caseFileId is required)."));
        if (body.Outcome is not (FinalAction.Musnah or FinalAction.Permanen))
            return Decision.Refuse(Problems.BadRequest("outcome", "Hasil penilaian: Musnah atau Permanen (the outcome is Musnah or Permanen)."));
        if (CaseFileRules.ReasonRefusal(body.Reason) is { } noReason) return Decision.Refuse(noReason);
        if (task.Items.Find(i => i.CaseFileId == fileId) is not { } item)
            return Decision.Refuse(Problems.NotFound("Berkas dalam penilaian kembali ini", fileId));
        if (task.Status == ReappraisalStatus.Withdrawn)
            return Decision.Refuse(Problems.Conflict("Penilaian kembali ini sudah ditarik kembali (already withdrawn)."));
        if (task.OutcomeOf(fileId) is { } done)
            return Decision.Refuse(Problems.Conflict($"Berkas {item.Number} sudah dinilai: {FinalActions.Label(done.Outcome)} (already decided)."));
        if (holds.Count > 0)
            return Decision.Refuse(Problems.Conflict($"Berkas {item.Number} ditangguhkan ({string.Join("; ", holds.Select(h => h.Reference))}); nilai setelah penangguhan dicabut (under a legal hold)."));
        var head = Authorities.UnitHead(positions, centre)!;
        var reason = CaseFileRules.Reason(body.Reason)!;
        return Decision.Accept(
            new ReappraisalOutcomeRecorded(task.Id, fileId, body.Outcome.Value, reason, head.Id, command.Caller.PersonId, command.Caller.Name, now),
            new CaseFileReappraised(fileId, task.Id, body.Outcome.Value, reason, now));
    }

    public static async Task<Decision> Handle(RecordReappraisalCommand command,
        [WriteAggregate(nameof(RecordReappraisalCommand.ReappraisalId), Required = false)] IEventStream<ReappraisalTask> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var positions = await session.Query<Position>().ToListAsync(ct);
        var holds = command.Body.CaseFileId is { } id && stream.Aggregate?.Items.Exists(i => i.CaseFileId == id) == true
            ? await LegalHolds.CaseFileHeldAsync(session, id, ct)
            : [];
        var decision = Decide(command, stream.Aggregate, positions, holds, clock.GetUtcNow());
        TransferRules.Append(session, decision.Events, stream.AppendMany);
        return decision;
    }

    [WolverinePost("/api/reappraisals/{id}/outcomes")]
    [Tags("Arsip")]
    [EndpointSummary("The records centre head records a berkas's re-appraisal outcome (Musnah or Permanen) with a reason; it then becomes eligible for disposal or handover")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, RecordReappraisal body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RecordReappraisalCommand(id, caller, body), ct)).ToResult();
}
