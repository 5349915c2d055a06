using Arsip.ReferenceData;

namespace Arsip.Records;

/// <summary>The event the berkas's retention waits for happened on a (local) date, e.g. "dinyatakan tidak berlaku" on 2027-03-01.</summary>
public sealed record RecordRetentionTrigger(RetentionTrigger? Trigger, DateOnly? OccurredOn, string? Note);

public sealed record RecordRetentionTriggerCommand(Guid CaseFileId, Caller Caller, RecordRetentionTrigger Body);

public static class RecordRetentionTriggerHandler
{
    public const int MaxNote = 2000;

    /// <summary>The trigger the berkas waits for is the one fixed at closing, or, while it is open, its class's in the scheme now
    /// (<paramref name="schemeTrigger"/>, null when the class is not in the scheme).</summary>
    public static Decision Decide(RecordRetentionTriggerCommand command, CaseFile? file, RetentionTrigger? schemeTrigger, DateOnly today, DateTimeOffset now)
    {
        if (CaseFileRules.WorkRefusal(command.Caller, file, command.CaseFileId) is { } refused) return Decision.Refuse(refused);
        if (CaseFileRules.ReadOnlyRefusal(file) is { } readOnly) return Decision.Refuse(readOnly);
        var body = command.Body;
        var errors = new Dictionary<string, string[]>();
        if (body.Trigger is null) errors["trigger"] = ["Pemicu wajib dipilih: NoLongerInForce, EmployeeRetired, AuditCompleted (trigger is required)."];
        if (body.OccurredOn is null) errors["occurredOn"] = ["Tanggal peristiwa wajib diisi (occurredOn is required)."];
        else if (body.OccurredOn > today) errors["occurredOn"] = ["Tanggal peristiwa tidak boleh di masa depan (the date is in the future)."];
        if (body.Note?.Length > MaxNote) errors["note"] = [$"Catatan paling banyak {MaxNote} karakter (at most {MaxNote} characters)."];
        if (errors.Count > 0)
            return Decision.Refuse(new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Permintaan tidak valid (invalid request)" });

        var waitsFor = file!.Retention?.Trigger ?? schemeTrigger;
        if (waitsFor is null)
            return Decision.Refuse(Problems.Conflict($"Kode klasifikasi {file.Classification} tidak ada dalam skema klasifikasi yang berlaku (the berkas's class is not in the scheme in force)."));
        if (waitsFor == RetentionTrigger.CaseFileClosed)
            return Decision.Refuse(Problems.Conflict("Retensi berkas ini dihitung sejak berkas ditutup; tidak ada pemicu lain untuk dicatat (its retention counts from closing)."));
        if (body.Trigger != waitsFor)
            return Decision.Refuse(Problems.BadRequest("trigger",
                $"Retensi berkas ini menunggu pemicu \"{RetentionTriggers.Label(waitsFor.Value)}\" ({waitsFor}), bukan {body.Trigger} (the berkas waits for another trigger)."));
        if (file.TriggeredOn is { } on)
            return Decision.Refuse(Problems.Conflict($"Pemicu retensi sudah dicatat pada {on:dd-MM-yyyy} (already recorded; a duplicate request)."));
        return Decision.Accept(new RetentionTriggerRecorded(file.Id, waitsFor.Value, body.OccurredOn!.Value, CaseFileRules.Reason(body.Note),
            command.Caller.PersonId, command.Caller.Name, now));
    }

    public static async Task<Decision> Handle(RecordRetentionTriggerCommand command,
        [WriteAggregate(nameof(RecordRetentionTriggerCommand.CaseFileId), Required = false)] IEventStream<CaseFile> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var scheme = batch.Load<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream);
        var calendar = batch.Load<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream);
        await batch.Execute(ct);
        var trigger = (await scheme)?.Classes.FirstOrDefault(c => c.Code == stream.Aggregate?.Classification)?.Trigger;
        var today = AgencyTime.For((await calendar)?.Settings).Today(clock);
        var decision = Decide(command, stream.Aggregate, trigger, today, clock.GetUtcNow());
        CaseFileStreams.Append(session, stream, decision);
        return decision;
    }

    [WolverinePost("/api/case-files/{id}/retention-trigger")]
    [Tags("Arsip")]
    [EndpointSummary("Record the day the berkas's retention trigger happened (for classes whose clock does not start at closing)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.CaseFiles)]
    public static async Task<IResult> Post(Guid id, RecordRetentionTrigger body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RecordRetentionTriggerCommand(id, caller, body), ct)).ToResult();
}
