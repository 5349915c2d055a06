using Arsip.Access;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.Infrastructure;

namespace Arsip.Dispositions;

public sealed record ReportFollowUp(string? Text, Guid? AsPositionId = null);

/// <summary>Files are only staged: the handler stores them when the follow-up is accepted, so a refused report leaves no file.</summary>
public sealed record ReportFollowUpCommand(Guid DispositionId, Caller Caller, ReportFollowUp Body, MultipartUpload? Upload = null);

public static class ReportFollowUpHandler
{
    public const int MaxFiles = 10;

    public static Decision Decide(ReportFollowUpCommand command, Disposition? d, bool visible, DateTimeOffset now)
    {
        FollowUpFile[]? files = null;
        if (command.Upload is { } upload)
        {
            if (upload.Files.Count == 0) return Decision.Refuse(Problems.BadRequest("files", "Tidak ada berkas yang dikirim (no file was sent)."));
            if (upload.Uploaded.FirstOrDefault(f => AddIncomingLetterAttachmentsEndpoint.Mislabelled(f) is not null) is { } mislabelled)
                return Decision.Refuse(new ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType, Title = "Jenis berkas tidak sesuai (mislabelled file)",
                    Detail = $"Isi berkas {mislabelled.FileName} adalah {mislabelled.Blob.ContentType} (the content is {mislabelled.Blob.ContentType}).",
                });
            files = upload.Uploaded.DistinctBy(f => f.Blob.Sha256)
                .Select(f => new FollowUpFile(string.IsNullOrWhiteSpace(f.FileName) ? "lampiran" : f.FileName.Trim(), f.Blob.Sha256, f.Blob.ContentType, f.Blob.Length))
                .ToArray();
        }
        if (d is null || !visible) return Decision.Refuse(Problems.NotFound("Disposisi", command.DispositionId));
        if (DispositionAccess.RecipientPosition(command.Caller, d, command.Body.AsPositionId) is not { } position)
            return Decision.Refuse(DispositionProblems.Forbidden("Hanya penerima disposisi yang dapat melaporkan tindak lanjut (only recipients report follow-ups)."));
        if (d.State != DispositionState.Open) return Decision.Refuse(DispositionProblems.Ended(d));
        if (d.Recipient(position)!.IsDone)
            return Decision.Refuse(Problems.Conflict("Disposisi ini sudah Anda selesaikan (you already completed this disposition)."));
        var text = command.Body.Text;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4000)
            return Decision.Refuse(Problems.BadRequest("text", "Isi tindak lanjut wajib diisi, paling banyak 4000 karakter (text required, at most 4000 characters)."));
        return Decision.Accept(new FollowUpReported(d.Id, position, command.Caller.PersonId, command.Caller.Name, text.Trim(), now) { Files = files });
    }

    public static async Task<Decision> Handle(ReportFollowUpCommand command,
        [WriteAggregate(nameof(ReportFollowUpCommand.DispositionId), Required = false)] IEventStream<Disposition> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var visible = await DispositionAccess.CanSeeAsync(session, command.Caller, stream.Aggregate, ct);
        var decision = Decide(command, stream.Aggregate, visible, clock.GetUtcNow());
        if (!decision.Refused && command.Upload is { } upload) await upload.CommitAsync(ct);
        stream.AppendMany(decision.Events);
        return decision;
    }

    [WolverinePost("/api/dispositions/{id}/follow-ups")]
    [Tags("Disposisi")]
    [EndpointSummary("A recipient reports what was done (tindak lanjut)")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Authorize(Policy = Policies.Official)]
    public static async Task<IResult> Post(Guid id, ReportFollowUp body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ReportFollowUpCommand(id, caller, body), ct)).ToResult();

    [WolverinePost("/api/dispositions/{id}/follow-ups/with-files")]
    [Tags("Disposisi")]
    [EndpointSummary("A recipient reports a follow-up with files (multipart/form-data: text, optional asPositionId, files)")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Authorize(Policy = Policies.Official)]
    public static async Task<IResult> PostWithFiles(Guid id, HttpRequest request, [NotBody] Caller caller, IBlobStore blobs, IMessageBus bus, CancellationToken ct)
    {
        var (read, problem) = await MultipartUpload.ReadAsync(request, blobs, MaxFiles, ct);
        if (read is not { } upload) return Results.Problem(problem!);
        await using var _ = upload;
        return (await bus.InvokeForTenantAsync<Decision>(caller.Agency, Command(id, caller, upload), ct)).ToResult();
    }

    public static ReportFollowUpCommand Command(Guid id, Caller caller, MultipartUpload upload) =>
        new(id, caller, new ReportFollowUp(upload.Fields.GetValueOrDefault("text"),
            Guid.TryParse(upload.Fields.GetValueOrDefault("asPositionId"), out var chosen) ? chosen : null), upload);

    [WolverineGet("/api/dispositions/{id}/files/{sha256}")]
    [Tags("Disposisi")]
    [EndpointSummary("A file reported with one of the disposition's follow-ups (404 unless the caller may see the letter, 410 once destroyed)")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    public static async Task<IResult> GetFile(Guid id, string sha256, [NotBody] Caller caller, IQuerySession session, IBlobStore blobs, CancellationToken ct)
    {
        var disposition = await DispositionAccess.LoadVisibleAsync(session, caller, id, ct);
        if (disposition?.Destroyed is { } tombstone) return Results.Problem(tombstone.Gone("Berkas tindak lanjut disposisi"));
        var file = disposition is not null
            ? disposition.FollowUps.SelectMany(f => f.Files ?? []).FirstOrDefault(f => f.Sha256 == sha256)
            : null;
        return file is not null && await blobs.OpenReadAsync(sha256, ct) is { } content
            ? Results.File(content, file.ContentType, file.FileName)
            : Results.Problem(Problems.NotFound("Berkas", sha256));
    }
}
