using Arsip.Dispositions;
using Arsip.ReferenceData;

namespace Arsip.Records;

public sealed record CloseCaseFileCommand(Guid CaseFileId, Caller Caller);

/// <summary>A disposition on a filed letter that still waits for work: it keeps the berkas from closing.</summary>
public sealed record OpenDispositionItem(Guid DispositionId, Guid LetterId, DateTimeOffset Deadline);

public static class CloseCaseFileHandler
{
    /// <summary>Closing fixes the retention from the scheme version in force now (<paramref name="scheme"/>; null when the agency has
    /// none); the closing day is the agency's local date.</summary>
    public static Decision Decide(CloseCaseFileCommand command, CaseFile? file, IReadOnlyList<OpenDispositionItem> open,
        ClassificationSchemeView? scheme, DateOnly today, DateTimeOffset now)
    {
        if (CaseFileRules.WorkRefusal(command.Caller, file, command.CaseFileId) is { } refused) return Decision.Refuse(refused);
        if (CaseFileRules.ReadOnlyRefusal(file) is { } readOnly) return Decision.Refuse(readOnly);
        if (file!.Status != CaseFileStatus.Open)
            return Decision.Refuse(Problems.Conflict($"Berkas {file.Number}/{file.Year} sudah ditutup (already closed; a duplicate request)."));
        if (file.Letters.Count == 0)
            return Decision.Refuse(Problems.Conflict("Berkas kosong tidak dapat ditutup; masukkan surat dahulu (an empty berkas cannot be closed)."));
        if (open.Count > 0)
            return Decision.Refuse(Problems.Conflict(
                $"{open.Count} disposisi pada surat di berkas ini masih berjalan; selesaikan dahulu (dispositions on its letters are still open).")
                .With("openDispositions", open));
        if (scheme?.Classes.FirstOrDefault(c => c.Code == file.Classification) is not { } cls)
            return Decision.Refuse(Problems.Conflict(
                $"Kode klasifikasi {file.Classification} tidak ada dalam skema klasifikasi yang berlaku{(scheme is null ? "" : $" (versi {scheme.Version})")}; retensi tidak dapat ditetapkan " +
                "(the berkas's class is not in the scheme in force, so its retention cannot be fixed)."));
        var retention = new FixedRetention(scheme.Version, cls.Code, cls.ActiveRetentionYears, cls.InactiveRetentionYears, cls.FinalAction, cls.Trigger);
        return Decision.Accept(new CaseFileClosed(file.Id, today, retention, command.Caller.PersonId, command.Caller.Name, now));
    }

    public static async Task<Decision> Handle(CloseCaseFileCommand command,
        [WriteAggregate(nameof(CloseCaseFileCommand.CaseFileId), Required = false)] IEventStream<CaseFile> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var file = stream.Aggregate;
        var open = new List<OpenDispositionItem>();
        if (file is { Letters.Count: > 0 })
        {
            var letterIds = file.Letters.Select(l => l.LetterId).ToArray();
            var dispositions = await session.Query<Disposition>()
                .Where(d => d.LetterId.IsOneOf(letterIds) && d.State == DispositionState.Open).ToListAsync(ct);
            open.AddRange(dispositions.Where(d => d.AwaitingWork).OrderBy(d => d.Deadline).Select(d => new OpenDispositionItem(d.Id, d.LetterId, d.Deadline)));
        }
        var batch = session.CreateBatchQuery();
        var scheme = batch.Load<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream);
        var calendar = batch.Load<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream);
        await batch.Execute(ct);
        var today = AgencyTime.For((await calendar)?.Settings).Today(clock);
        var decision = Decide(command, file, open, await scheme, today, clock.GetUtcNow());
        CaseFileStreams.Append(session, stream, decision);
        return decision;
    }

    [WolverinePost("/api/case-files/{id}/close")]
    [Tags("Arsip")]
    [EndpointSummary("Close a berkas: its retention is fixed from the scheme in force now; refused while it is empty or a disposition on its letters is open")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.CaseFiles)]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new CloseCaseFileCommand(id, caller), ct)).ToResult();
}
