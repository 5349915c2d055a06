using Arsip.Access;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Dispositions;

public sealed record ReportFollowUp(string? Text, Guid? AsPositionId = null);

[Authorize(Policy = Policies.Official)]
public static class ReportFollowUpEndpoint
{
    [WolverinePost("/api/dispositions/{id}/follow-ups")]
    [Tags("Disposisi")]
    [EndpointSummary("A recipient reports what was done (tindak lanjut)")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Post(Guid id, ReportFollowUp command, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        return await DispositionAccess.ActAsync(session, caller, id, disposition => Decide(disposition, DispositionAccess.RecipientPosition(caller, disposition, command.AsPositionId), caller, command.Text, clock.GetUtcNow()), ct);
    }

    [WolverinePost("/api/dispositions/{id}/follow-ups/with-files")]
    [Tags("Disposisi")]
    [EndpointSummary("A recipient reports a follow-up with files (multipart/form-data: text, optional asPositionId, files)")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> PostWithFiles(
        Guid id, HttpRequest request, [NotBody] Caller caller, IDocumentSession session, IBlobStore blobs, ArsipClock clock, CancellationToken ct)
    {
        var (read, problem) = await MultipartUpload.ReadAsync(request, blobs, MaxFiles, ct);
        if (read is not { } upload) return Results.Problem(problem!);
        await using var _ = upload;
        return await ReportWithFilesAsync(id, upload, caller, session, clock, ct);
    }

    /// <summary>
    /// A follow-up with the files of an upload already read (from the raw multipart body here, or from a page's
    /// form): the same checks, and the files are stored only when the follow-up is recorded.
    /// </summary>
    public static async Task<IResult> ReportWithFilesAsync(Guid id, MultipartUpload upload, Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        if (upload.Files.Count == 0) return Results.Problem(Problems.BadRequest("files", "Tidak ada berkas yang dikirim (no file was sent)."));
        if (upload.Uploaded.FirstOrDefault(f => AddIncomingLetterAttachmentsEndpoint.Mislabelled(f) is not null) is { } mislabelled)
            return Results.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType, Title = "Jenis berkas tidak sesuai (mislabelled file)",
                Detail = $"Isi berkas {mislabelled.FileName} adalah {mislabelled.Blob.ContentType} (the content is {mislabelled.Blob.ContentType}).",
            });
        Guid? asPosition = Guid.TryParse(upload.Fields.GetValueOrDefault("asPositionId"), out var chosen) ? chosen : null;
        var files = upload.Uploaded.DistinctBy(f => f.Blob.Sha256)
            .Select(f => new FollowUpFile(string.IsNullOrWhiteSpace(f.FileName) ? "lampiran" : f.FileName.Trim(), f.Blob.Sha256, f.Blob.ContentType, f.Blob.Length))
            .ToArray();
        return await DispositionAccess.ActAsync(session, caller, id, disposition =>
        {
            var decision = Decide(disposition, DispositionAccess.RecipientPosition(caller, disposition, asPosition), caller, upload.Fields.GetValueOrDefault("text"), clock.GetUtcNow());
            return decision.Refusal is null ? Decision.Accept(((FollowUpReported)decision.Events[0]) with { Files = files }) : decision;
        }, ct, () => upload.CommitAsync(ct));
    }

    [WolverineGet("/api/dispositions/{id}/files/{sha256}")]
    [Tags("Disposisi")]
    [EndpointSummary("A file reported with one of the disposition's follow-ups (404 unless the caller may see the letter)")]
    public static async Task<IResult> GetFile(Guid id, string sha256, [NotBody] Caller caller, IQuerySession session, IBlobStore blobs, CancellationToken ct)
    {
        var file = await DispositionAccess.LoadVisibleAsync(session, caller, id, ct) is { } disposition
            ? disposition.FollowUps.SelectMany(f => f.Files ?? []).FirstOrDefault(f => f.Sha256 == sha256)
            : null;
        return file is not null && await blobs.OpenReadAsync(sha256, ct) is { } content
            ? Results.File(content, file.ContentType, file.FileName)
            : Results.Problem(Problems.NotFound("Berkas", sha256));
    }

    public const int MaxFiles = 10;

    public static Decision Decide(Disposition d, Guid? recipientPosition, Caller caller, string? text, DateTimeOffset now)
    {
        if (recipientPosition is not { } position)
            return Decision.Refuse(DispositionProblems.Forbidden("Hanya penerima disposisi yang dapat melaporkan tindak lanjut (only recipients report follow-ups)."));
        if (d.State != DispositionState.Open) return Decision.Refuse(DispositionProblems.Ended(d));
        if (d.Recipient(position)!.IsDone)
            return Decision.Refuse(Problems.Conflict("Disposisi ini sudah Anda selesaikan (you already completed this disposition)."));
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4000)
            return Decision.Refuse(Problems.BadRequest("text", "Isi tindak lanjut wajib diisi, paling banyak 4000 karakter (text required, at most 4000 characters)."));
        return Decision.Accept(new FollowUpReported(d.Id, position, caller.PersonId, caller.Name, text.Trim(), now));
    }
}
