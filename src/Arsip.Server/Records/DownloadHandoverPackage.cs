namespace Arsip.Records;

public sealed record DownloadHandoverPackageCommand(Guid HandoverId, Caller Caller);

public sealed record HandoverPackageFile(string Path, string FileName, string Sha256, long Bytes);

public static class DownloadHandoverPackageHandler
{
    /// <summary>Taking the package out is recorded (who, when): the acceptance needs it delivered first.</summary>
    public static Decision Decide(DownloadHandoverPackageCommand command, HandoverProposal? handover, bool onDisk, DateTimeOffset now)
    {
        if (handover is null) return Decision.Refuse(Problems.NotFound("Penyerahan", command.HandoverId));
        if (!HandoverRules.MayHandle(command.Caller))
            return Decision.Refuse(Problems.Forbidden("Paket penyerahan diunduh oleh arsiparis atau administrator (only archivists and administrators download the package)."));
        if (handover.Package is null)
            return Decision.Refuse(Problems.Conflict($"Paket penyerahan {handover.Label} belum selesai dibuat ({handover.Done} dari {handover.Total} berkas) (the package is not built yet)."));
        if (!onDisk)
            return Decision.Refuse(Problems.Conflict("Berkas paket tidak ada di server ini; minta pembuatan ulang (the package file is missing here; request a rebuild)."));
        return Decision.Accept(new HandoverPackageDownloaded(handover.Id, command.Caller.PersonId, command.Caller.Name, now));
    }

    public static async Task<Outcome<HandoverPackageFile>> Handle(DownloadHandoverPackageCommand command,
        [WriteAggregate(nameof(DownloadHandoverPackageCommand.HandoverId), Required = false)] IEventStream<HandoverProposal> stream,
        RecordsSettings settings, ArsipClock clock, CancellationToken ct)
    {
        var path = HandoverPackages.PathOf(settings, command.Caller.Agency, command.HandoverId);
        var decision = Decide(command, stream.Aggregate, File.Exists(path), clock.GetUtcNow());
        if (decision.Refused) return new(decision, null);
        stream.AppendMany(decision.Events);
        var package = stream.Aggregate!.Package!;
        return new(decision, new HandoverPackageFile(path, package.FileName, package.Sha256, package.Bytes));
    }

    [WolverineGet("/api/handovers/{id}/package")]
    [Tags("Arsip")]
    [EndpointSummary("Download the handover package (BagIt in a ZIP), streamed; its SHA-256 in the X-Content-SHA256 header. Each download is recorded.")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/zip")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IMessageBus bus, HttpResponse response, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<HandoverPackageFile>>(caller.Agency, new DownloadHandoverPackageCommand(id, caller), ct);
        return outcome.Decision.ToResult(() =>
        {
            var file = outcome.Value!;
            response.Headers["X-Content-SHA256"] = file.Sha256;
            response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(file.Sha256))}:";
            return Results.File(new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan),
                "application/zip", file.FileName, enableRangeProcessing: true);
        });
    }
}
