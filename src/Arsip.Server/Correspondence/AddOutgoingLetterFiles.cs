using Arsip.Access;
using Arsip.Attachments;
using Arsip.Infrastructure;
using Arsip.Organization;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Arsip.Correspondence
{
    /// <summary>
    /// Files of an outgoing letter (multipart/form-data: <c>kind</c> and files, read and checked like an
    /// incoming letter's). A letter signed on paper gets its scan once its number is reserved; a draft
    /// gets its attachments (lampiran) until it goes to review. A letter signed in Arsip carries its
    /// issued PDF instead of a scan, and a signed letter's content is fixed, so both are refused with 409.
    /// </summary>
    public static class AddOutgoingLetterFilesEndpoint
    {
        [WolverinePost("/api/outgoing-letters/{id}/attachments")]
        [Tags("Surat keluar")]
        [EndpointSummary("Add the scan of a letter signed on paper, or attachments to a draft (multipart/form-data: kind + files)")]
        public static async Task<IResult> Post(
            Guid id, HttpRequest request, [NotBody] Caller caller, IDocumentSession session, IBlobStore blobs, ArsipClock clock, CancellationToken ct)
        {
            if (await OutgoingLetterWorkflow.LoadVisibleAsync(session, id, caller, ct) is not { Aggregate: { } letter } stream
                || await session.LoadAsync<OutgoingLetterView>(id, ct) is not { } view)
                return OutgoingLetterWorkflow.NotFound(id);
            var (read, problem) = await MultipartUpload.ReadAsync(request, blobs, AddIncomingLetterAttachmentsEndpoint.MaxFilesPerRequest, ct);
            if (read is not { } upload) return Results.Problem(problem!);
            await using var _ = upload;
            var kindText = upload.Fields.GetValueOrDefault("kind");
            if (AddIncomingLetterAttachmentsEndpoint.RefusalOf(kindText, upload.Uploaded) is { } refused) return Results.Problem(refused);
            var kind = AddIncomingLetterAttachmentsEndpoint.ParseKind(kindText)!.Value;
            if (Refusal(view, letter, kind, caller) is { } notNow) return Results.Problem(notNow);

            var (added, already) = Decide(view, kind, upload.Uploaded, caller, clock.GetUtcNow());
            await upload.CommitAsync(ct);
            stream.AppendMany(added);
            return Results.Ok(new AddAttachmentsResponse(id,
                added.Select(e => new LetterFile(e.FileName, e.Sha256, e.ContentType, e.Length, e.Kind, e.AddedAt)).ToList(), already));
        }

        /// <summary>Who may add which file when: the rules of the letter's lifecycle.</summary>
        public static ProblemDetails? Refusal(OutgoingLetterView view, OutgoingLetter letter, AttachmentKind kind, Caller caller)
        {
            if (kind == AttachmentKind.Scan)
            {
                if (!caller.Roles.Contains(Role.Registrar))
                    return Problems.Forbidden("Hanya petugas registrasi yang melampirkan pindaian (only registrars attach scans).");
                if (!view.SignedOnPaper || view.Status is not (OutgoingStatus.Signed or OutgoingStatus.Dispatched))
                    return Problems.Conflict("Pindaian hanya untuk surat bernomor yang ditandatangani di atas kertas; surat yang ditandatangani di Arsip memakai PDF terbitannya (a scan is only for a numbered letter signed on paper).");
                return null;
            }
            if (letter.DraftedByPersonId != caller.PersonId && !caller.Roles.Contains(Role.Registrar))
                return Problems.Forbidden("Hanya penyusun konsep yang menambah lampiran (only the drafter adds attachments).");
            return view.Status == OutgoingStatus.Draft
                ? null
                : Problems.Conflict($"Lampiran hanya dapat ditambah selama konsep; surat ini berstatus {view.Status} (attachments only while a draft).");
        }

        /// <summary>The decision: one event per file not yet on the letter; the same bytes twice are recorded once.</summary>
        public static (IReadOnlyList<OutgoingLetterFileAdded> Added, IReadOnlyList<LetterFile> AlreadyThere) Decide(
            OutgoingLetterView letter, AttachmentKind kind, IReadOnlyList<UploadedFile> files, Caller caller, DateTimeOffset now)
        {
            var (fresh, already) = AddIncomingLetterAttachmentsEndpoint.Separate(letter.Files, files);
            return (fresh.Select(file => new OutgoingLetterFileAdded(letter.Id, file.Blob.Sha256, AddIncomingLetterAttachmentsEndpoint.NameOf(file, kind),
                file.Blob.ContentType, file.Blob.Length, kind, caller.Name, now, caller.PersonId)).ToList(), already);
        }
    }

    public static class GetOutgoingLetterFileEndpoint
    {
        [WolverineGet("/api/outgoing-letters/{id}/attachments/{sha256}")]
        [Tags("Surat keluar")]
        [EndpointSummary("Download a stored scan or attachment of an outgoing letter (404 unless the caller can see the letter)")]
        public static async Task<IResult> Get(Guid id, string sha256, [NotBody] Caller caller, IQuerySession session, IBlobStore blobs, CancellationToken ct)
        {
            if (await session.LoadAsync<OutgoingLetterView>(id, ct) is not { } letter || !LetterAccess.CanSee(caller, letter.AccessTokens)
                || letter.Files.FirstOrDefault(f => f.Sha256 == sha256) is not { } file
                || await blobs.OpenReadAsync(sha256, ct) is not { } content)
                return Results.Problem(Problems.NotFound("Berkas", sha256));
            return GetIncomingLetterAttachmentEndpoint.Download(file, content);
        }
    }
}
