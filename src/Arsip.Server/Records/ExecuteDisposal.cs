using System.Security.Cryptography;
using Arsip.Documents;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.Pdf;
using Arsip.ReferenceData;

namespace Arsip.Records;

public sealed record ExecuteDisposalCommand(Guid DisposalId, Caller Caller);

/// <summary>Where an execution stands; <see cref="Message"/> says what this request did.</summary>
public sealed record DisposalExecution(Guid Id, DisposalStatus Status, int Done, int Total, string Message);

/// <summary>Durable local work: run the next batch of an executing disposal (one transaction), then the next, until the berita acara is issued.</summary>
public sealed record ContinueDisposal(Guid DisposalId);

/// <summary><c>Arsip:Records:DisposalBatchSize</c>: berkas destroyed per transaction (default 50).</summary>
public sealed record DisposalSettings(int BatchSize)
{
    public static DisposalSettings From(IConfiguration configuration) => new(Math.Max(1, configuration.GetValue("Arsip:Records:DisposalBatchSize", 50)));
}

public sealed record DisposalBatchPlan(IReadOnlyList<CaseFile> Destroy, IReadOnlyList<SkippedCaseFile> Skip);

public static class ExecuteDisposalHandler
{
    /// <summary>Starts the execution of an approved disposal (<paramref name="reference"/>: the berita acara's number, taken
    /// only when it starts). A disposal already executing is resumed (no events: the handler sends the next batch
    /// again); a completed one answers "sudah dilaksanakan" and nothing happens.</summary>
    public static Outcome<DisposalExecution> Decide(ExecuteDisposalCommand command, DisposalProposal? disposal, string executorPosition, string reference, DateTimeOffset now)
    {
        var caller = command.Caller;
        if (disposal is null) return Refuse(Problems.NotFound("Usul musnah", command.DisposalId));
        if (!caller.Has(Role.Archivist) && !caller.Has(Role.Administrator))
            return Refuse(Problems.Forbidden("Pemusnahan dilaksanakan oleh arsiparis atau administrator (only archivists and administrators execute a disposal)."));
        switch (disposal.Status)
        {
            case DisposalStatus.Completed:
                return new(Decision.Accept(), new(disposal.Id, disposal.Status, disposal.Done, disposal.Total,
                    $"Pemusnahan sudah dilaksanakan; berita acara {disposal.Completion!.Reference} (already executed; nothing was done)."));
            case DisposalStatus.Executing:
                return new(Decision.Accept(), new(disposal.Id, disposal.Status, disposal.Done, disposal.Total,
                    $"Pemusnahan sedang berjalan: {disposal.Done} dari {disposal.Total} berkas; sisanya dilanjutkan (running; the remaining batches continue)."));
            case DisposalStatus.Withdrawn or DisposalStatus.Rejected: return Refuse(DisposalRules.DecidedConflict(disposal));
            case DisposalStatus.Assessing:
                return Refuse(Problems.Conflict("Panitia penilai belum selesai menilai (the committee has not finished its assessment)."));
            case DisposalStatus.AwaitingApproval:
                return Refuse(Problems.Conflict(disposal.Approval is null
                    ? "Usul musnah belum disetujui pimpinan instansi (not yet approved by the head of the agency)."
                    : $"Persetujuan ANRI/lembaga kearsipan daerah belum dicatat: ada berkas dengan retensi {DisposalRules.ExternalApprovalYears} tahun atau lebih (the external approval is missing)."));
        }
        var total = disposal.Remaining.Count();
        return new(Decision.Accept(new DisposalExecutionStarted(disposal.Id, reference, caller.PersonId, caller.Name, executorPosition, total, now)),
            new(disposal.Id, DisposalStatus.Executing, 0, total, $"Pemusnahan {total} berkas dimulai; berita acara {reference} (started)."));
    }

    private static Outcome<DisposalExecution> Refuse(ProblemDetails problem) => new(Decision.Refuse(problem), null);

    public static async Task<Outcome<DisposalExecution>> Handle(ExecuteDisposalCommand command,
        [WriteAggregate(nameof(ExecuteDisposalCommand.DisposalId), Required = false)] IEventStream<DisposalProposal> stream,
        IDocumentSession session, IMessageContext messages, ArsipClock clock, CancellationToken ct)
    {
        var caller = command.Caller;
        var positions = await session.Query<Position>().ToListAsync(ct);
        var title = positions.Where(p => caller.Positions.Contains(p.Id)).Select(p => p.Title).FirstOrDefault() ?? "";
        var now = clock.GetUtcNow();
        var outcome = Decide(command, stream.Aggregate, title, "", now);
        if (outcome.Decision.Events.Count > 0)
        {
            // the number is taken only once the execution is accepted, inside its transaction
            var time = await AgencyTime.LoadAsync(session, ct);
            var year = time.Today(clock).Year;
            outcome = Decide(command, stream.Aggregate, title, DisposalRules.Reference(await Sequences.NextAsync(session, DisposalRules.SequenceName, year, ct), year), now);
            stream.AppendMany(outcome.Decision.Events);
        }
        if (!outcome.Decision.Refused && outcome.Value!.Status == DisposalStatus.Executing)
            await messages.PublishAsync(new ContinueDisposal(command.DisposalId), new DeliveryOptions { TenantId = session.TenantId });
        return outcome;
    }

    [WolverinePost("/api/disposals/{id}/execute")]
    [Tags("Arsip")]
    [EndpointSummary("Execute an approved disposal: durable batches destroy the berkas (held ones are skipped with a note), then the berita acara is issued; a second call resumes or says it is done")]
    [ProducesResponseType<DisposalExecution>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<DisposalExecution>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<DisposalExecution>>(caller.Agency, new ExecuteDisposalCommand(id, caller), ct);
        return outcome.Decision.ToResult(() => outcome.Value!.Status == DisposalStatus.Completed
            ? Results.Ok(outcome.Value)
            : Results.Accepted($"/api/disposals/{id}", outcome.Value));
    }
}

public static class ContinueDisposalHandler
{
    /// <summary>The next batch: the first <paramref name="batchSize"/> listed berkas not yet done. A berkas held now (a hold
    /// placed since approval), or no longer to be found, is skipped with a note and leaves the proposal.</summary>
    public static DisposalBatchPlan Plan(DisposalProposal disposal, IReadOnlyDictionary<Guid, CaseFile> files,
        IReadOnlyDictionary<Guid, IReadOnlyList<LegalHold>> holds, int batchSize)
    {
        var destroy = new List<CaseFile>();
        var skip = new List<SkippedCaseFile>();
        foreach (var item in disposal.Remaining.Where(i => !disposal.IsDone(i.CaseFileId)).Take(batchSize))
        {
            var label = $"Berkas {item.Number}/{item.Year} {item.UnitName} ({item.Title})";
            if (!files.TryGetValue(item.CaseFileId, out var file))
                skip.Add(new(item.CaseFileId, $"{label} tidak ditemukan; tidak dimusnahkan."));
            else if (holds.GetValueOrDefault(item.CaseFileId) is { Count: > 0 } held)
                skip.Add(new(item.CaseFileId, $"{label} ditangguhkan sejak disetujui ({string.Join("; ", held.Select(h => $"{h.Reference}: {h.Reason}"))}); tidak dimusnahkan dan dikeluarkan dari usul."));
            else destroy.Add(file);
        }
        return new(destroy, skip);
    }

    /// <summary>Retried on a lost race with another run of the same disposal (a resume): the retry finds the batch done.</summary>
    public static async Task Handle(ContinueDisposal message,
        [WriteAggregate(nameof(ContinueDisposal.DisposalId), Required = false)] IEventStream<DisposalProposal> stream,
        IDocumentSession session, IMessageContext messages, ArsipClock clock, DisposalSettings settings, ILetterheads letterheads, IIssuedPdfStore pdfs,
        CancellationToken ct)
    {
        if (stream.Aggregate is not { Status: DisposalStatus.Executing, Execution: { } execution } disposal) return;
        var time = await AgencyTime.LoadAsync(session, ct);
        var today = time.Today(clock);
        var now = clock.GetUtcNow();
        var pending = disposal.Remaining.Where(i => !disposal.IsDone(i.CaseFileId)).Take(settings.BatchSize).Select(i => i.CaseFileId).ToArray();
        if (pending.Length == 0)
        {
            var document = await DisposalDocuments.ReportAsync(session, disposal, execution, letterheads, today, time.ToLocal(now), ct);
            var bytes = DisposalPdf.RenderReport(document);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            await pdfs.PutAsync(session, sha, disposal.Id, bytes, ct);
            stream.AppendOne(new DisposalCompleted(disposal.Id, execution.Reference, today, sha, now));
            return;
        }

        var files = (await session.LoadManyAsync<CaseFile>(ct, pending)).ToDictionary(f => f.Id);
        var holds = await LegalHolds.CaseFilesHeldAsync(session, files.Values, ct);
        var plan = Plan(disposal, files, holds, settings.BatchSize);
        var warrant = new DestructionWarrant(disposal.Id, execution.Reference, execution.PersonId, execution.Name, now);
        var destroyed = new List<DestroyedCaseFile>();
        var events = new List<object>();
        var letters = await RecordDestruction.DestroyCaseFilesAsync(session, plan.Destroy, warrant, ct);
        foreach (var file in plan.Destroy)
        {
            destroyed.Add(new DestroyedCaseFile(file.Id, [.. letters[file.Id]]));
            events.Add(new CaseFileDestroyed(file.Id, disposal.Id, today, now));
        }
        events.AddRange(plan.Skip.Where(s => files.ContainsKey(s.CaseFileId)).Select(s => new CaseFileLeftProposal(s.CaseFileId, disposal.Id, s.Note, now)));
        events.Add(new DisposalBatchExecuted(disposal.Id, [.. destroyed], [.. plan.Skip], now));
        DisposalStreams.Append(session, stream, Decision.Accept([.. events]));
        await messages.PublishAsync(new ContinueDisposal(disposal.Id), new DeliveryOptions { TenantId = session.TenantId });
    }
}
