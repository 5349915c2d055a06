using System.IO.Compression;
using Arsip.Attachments;
using Arsip.ReferenceData;
using Wolverine.Attributes;

namespace Arsip.Correspondence;

public sealed record StartLegacyImportCommand(Guid ImportId, Caller Caller);

/// <summary>The durable background run of a checked import; the importer travels in the body (the agency with it).</summary>
public sealed record RunLegacyImport(string Agency, Guid ImportId, Caller Importer);

public static class StartLegacyImportHandler
{
    public static Decision Decide(StartLegacyImportCommand command, LegacyImport? import)
    {
        if (import is null) return Decision.Refuse(Problems.NotFound("Impor register", command.ImportId));
        if (import.Status != LegacyImportStatus.Checked)
            return Decision.Refuse(Problems.Conflict($"Impor ini sudah {StatusText(import.Status)} (this import was already started)."));
        if (import.Problems.Count > 0)
            return Decision.Refuse(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Register belum bisa diimpor (the register cannot be imported yet)",
                Detail = $"{import.Problems.Count} masalah harus diselesaikan dulu; tidak ada yang ditulis (solve every problem first; nothing was written).",
                Extensions = { ["problems"] = import.Problems },
            });
        return Decision.Accept();
    }

    public static async Task<Outcome<LegacyImport>> Handle(StartLegacyImportCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct)
    {
        var import = await session.LoadAsync<LegacyImport>(command.ImportId, ct);
        var decision = Decide(command, import);
        if (decision.Refused) return new(decision, null);
        import!.Status = LegacyImportStatus.Queued;
        import.Phase = LegacyImportPhases.Queued;
        session.Store(import);
        await messages.PublishAsync(new RunLegacyImport(command.Caller.Agency, import.Id, command.Caller));
        return new(decision, import);
    }

    public static string StatusText(LegacyImportStatus status) => status switch
    {
        LegacyImportStatus.Checked => "diperiksa",
        LegacyImportStatus.Queued => "menunggu giliran",
        LegacyImportStatus.Running => "berjalan",
        LegacyImportStatus.Done => "selesai",
        LegacyImportStatus.Failed => "gagal",
        _ => "dibatalkan",
    };

    [WolverinePost("/api/legacy-imports/{id}/run")]
    [Tags("Surat masuk")]
    [EndpointSummary("Start a checked import without problems as background work (202); follow it with GET /api/legacy-imports/{id}")]
    [ProducesResponseType<LegacyImport>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [Authorize(Policy = Policies.Registrar)]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<LegacyImport>>(caller.Agency, new StartLegacyImportCommand(id, caller), ct);
        return outcome.Decision.ToResult(() => Results.Json(outcome.Value, statusCode: StatusCodes.Status202Accepted));
    }
}

public static class RunLegacyImportHandler
{
    /// <summary>How often the run saves its progress and looks for a cancellation.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>Its own saves (no transaction around the handler): the progress is visible while the run goes on. The register is checked
    /// again (numbers may have been taken since the preview), the scans are stored, then the letters are written at once. A run found
    /// already finished does nothing, so a redelivered message is harmless.</summary>
    /// <summary>Wolverine's default execution timeout cancelled a run storing 10,000 scans after about a minute and a half and started it
    /// again from the top (ops/bench); the largest imports allowed (200,000 scans) take hours.</summary>
    public const int TimeoutSeconds = 6 * 60 * 60;

    [MessageTimeout(TimeoutSeconds)]
    public static async Task Handle(RunLegacyImport message, IDocumentStore store, IBlobStore blobs, LegacyImportSettings settings, CheckedRegisters checkedRegisters,
        ArsipClock clock, ILogger<RunLegacyImport> logger, CancellationToken ct)
    {
        var (agency, id) = (message.Agency, message.ImportId);
        LegacyImport? import;
        await using (var session = store.LightweightSession(agency))
        {
            import = await session.LoadAsync<LegacyImport>(id, ct);
            if (import is null || import.Status is not (LegacyImportStatus.Queued or LegacyImportStatus.Running)) return;
            import.Status = LegacyImportStatus.Running;
            import.Phase = LegacyImportPhases.Checking;
            session.Store(import);
            await session.SaveChangesAsync(ct);
        }

        var progress = new ImportProgress();
        progress.Start(LegacyImportPhases.Checking, import.Rows);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var stopReporting = new CancellationTokenSource();
        var reporter = ReportAsync(store, agency, id, progress, cancel, stopReporting.Token);
        var (status, problems, result, failure) = (LegacyImportStatus.Failed, new List<ImportProblem>(), (ImportResult?)null, (string?)null);
        var stored = new List<string>();
        try
        {
            (problems, result) = await RunAsync(store, blobs, settings, checkedRegisters, clock, message, import, progress, stored, cancel.Token);
            status = problems.Count == 0 ? LegacyImportStatus.Done : LegacyImportStatus.Failed;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            status = LegacyImportStatus.Cancelled;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Legacy import {Id} of {Agency} failed", id, agency);
            failure = $"Impor gagal, tidak ada surat yang ditulis (the import failed, no letter was written): {e.Message}";
        }
        finally
        {
            await stopReporting.CancelAsync();
            await reporter;
        }

        await using (var session = store.LightweightSession(agency))
        {
            import = (await session.LoadAsync<LegacyImport>(id, CancellationToken.None))!;
            import.Status = status;
            import.Phase = StartLegacyImportHandler.StatusText(status);
            import.Problems = problems;
            import.Message = failure;
            import.Imported = result?.Imported ?? 0;
            import.ScansAttached = result?.Scans ?? 0;
            import.Done = status == LegacyImportStatus.Done ? import.Total : progress.Done;
            import.FinishedAt = clock.GetUtcNow();
            session.Store(import);
            // Scans stored for letters that were never written: the sweeper deletes each one no letter uses (the same bytes may belong to a
            // letter registered before). Once the writing started, a failure may have left some rows, so its scans are kept.
            if (status != LegacyImportStatus.Done && !progress.Writing && stored.Count > 0)
                session.Store(new PendingBlobDeletion { Id = $"legacy-import:{id:N}", Sha256 = stored.Distinct().Order(StringComparer.Ordinal).ToArray(), At = import.FinishedAt.Value });
            await session.SaveChangesAsync(CancellationToken.None);
        }
        if (status is LegacyImportStatus.Done or LegacyImportStatus.Cancelled)
            new LegacyImportUpload(settings, agency, id).Discard();
        logger.LogInformation("Legacy import {Id} of {Agency}: {Status}, {Imported} letters, {Scans} scans", id, agency, status, import.Imported, import.ScansAttached);
    }

    private static async Task<(List<ImportProblem>, ImportResult?)> RunAsync(IDocumentStore store, IBlobStore blobs, LegacyImportSettings settings,
        CheckedRegisters checkedRegisters, ArsipClock clock, RunLegacyImport message, LegacyImport import, ImportProgress progress, List<string> stored,
        CancellationToken ct)
    {
        // the check's rows when this node made it with the same encoding and mapping (a file without problems then stays one later:
        // only the agenda numbers can be taken meanwhile, and the writing asks again); else the file is checked again
        if (checkedRegisters.Find(message.Agency, import.Id, import.Encoding, LegacyImports.MappingOf(import.Mapping)) is not ({ } parsed, var outgoing, { } matched))
        {
            await using var query = store.QuerySession(message.Agency);
            var today = (await AgencyTime.LoadAsync(query, ct)).Today(clock);
            var check = await LegacyImports.CheckAsync(query, settings, message.Agency, import.Id, import.Kind, import.Encoding, import.Mapping, message.Importer, today, ct, numbersTaken: false);
            if (check.Problems.Count > 0) return (check.Problems, null);
            (parsed, outgoing, matched) = (check.Parsed, check.Outgoing, check.Scans);
        }
        checkedRegisters.Forget(message.Agency, import.Id);

        var scans = new Dictionary<int, ImportedScan>();
        if (matched.ByLine.Count > 0)
        {
            progress.Start(LegacyImportPhases.StoringScans, matched.ByLine.Count);
            using var zip = ZipFile.OpenRead(settings.ScansPath(message.Agency, import.Id));
            var entries = zip.Entries.ToDictionary(e => e.FullName);
            // staged one by one, stored together: the store makes them durable at once, and a refused scan leaves none stored
            var staged = new List<StagedBlob>(matched.ByLine.Count);
            try
            {
                foreach (var (line, name) in matched.ByLine)
                {
                    ct.ThrowIfCancellationRequested();
                    try
                    {
                        await using var content = LegacyScans.OpenBounded(entries[name]);
                        var blob = await blobs.StageAsync(content, ct);
                        staged.Add(blob);
                        scans[line] = new ImportedScan(blob.Blob, Path.GetFileName(name.Replace('\\', '/')));
                    }
                    catch (Exception e) when (e is BlobRefusedException or InvalidDataException)
                    {
                        return ([new ImportProblem(line, name, e.Message)], null);
                    }
                    progress.Advance();
                }
                stored.AddRange(staged.Select(b => b.Blob.Sha256));
                await blobs.CommitAllAsync(staged, ct);
            }
            finally
            {
                foreach (var blob in staged) await blob.DisposeAsync();
            }
        }

        // The reporter looks only four times a second and saves the phase as late: the writing starts only once the import's row,
        // locked as a cancel locks it, says so, and a cancel that got in first is honoured here (CancelLegacyImport.LockAsync)
        progress.Start(LegacyImportPhases.Writing, outgoing?.Rows.Count ?? parsed.Rows.Count);
        await using (var gate = store.LightweightSession(message.Agency))
        {
            await CancelLegacyImportHandler.LockAsync(gate, import.Id, ct);
            if (await gate.LoadAsync<LegacyImportCancellation>(import.Id, ct) is not null) throw new OperationCanceledException();
            var writing = (await gate.LoadAsync<LegacyImport>(import.Id, ct))!;
            writing.Phase = LegacyImportPhases.Writing;
            gate.Store(writing);
            await gate.SaveChangesAsync(ct);
        }
        var result = import.Kind == RegisterKind.Outgoing
            ? await ImportLegacyRegister.WriteOutgoingAsync(store, message.Agency, outgoing!.Rows, scans, message.Importer, import.Id, import.FileName, clock, progress, ct)
            : await ImportLegacyRegister.WriteAsync(store, message.Agency, parsed.Rows, scans, message.Importer, import.FileName, clock, progress, ct: ct);
        return (result.Errors.Select(e => new ImportProblem(e.Line, null, e.Message)).ToList(), result);
    }

    /// <summary>Saves the progress a few times a second and turns a cancellation asked for into the run's token (until the writing starts).</summary>
    private static async Task ReportAsync(IDocumentStore store, string agency, Guid id, ImportProgress progress, CancellationTokenSource cancel, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ReportEvery, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await using var session = store.LightweightSession(agency);
            if (!progress.Writing && await session.LoadAsync<LegacyImportCancellation>(id, CancellationToken.None) is not null) await cancel.CancelAsync();
            var import = await session.LoadAsync<LegacyImport>(id, CancellationToken.None);
            if (import is null || import.Finished) return;
            import.Phase = progress.Phase;
            import.Done = progress.Done;
            import.Total = progress.Total;
            session.Store(import);
            await session.SaveChangesAsync(CancellationToken.None);
        }
    }
}
