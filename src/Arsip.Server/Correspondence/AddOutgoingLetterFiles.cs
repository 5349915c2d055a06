using Arsip.Access;
using Arsip.Attachments;
using Arsip.Infrastructure;
using Arsip.Organization;

namespace Arsip.Correspondence
{
    /// <summary>Read by the handler after the letter is found, so an unknown letter is a 404 whatever was sent.</summary>
    public sealed record AddOutgoingLetterFilesCommand(
        Guid LetterId, Caller Caller, Func<CancellationToken, Task<(MultipartUpload? Upload, ProblemDetails? Problem)>> ReadUpload);

    public sealed record FilesDecision(Decision Decision, IReadOnlyList<LetterFile> AlreadyThere);

    public static class AddOutgoingLetterFilesHandler
    {
        public static FilesDecision Decide(AddOutgoingLetterFilesCommand command, OutgoingLetter? letter, OutgoingLetterView? view,
            string? kindText, IReadOnlyList<UploadedFile> files, DateTimeOffset now)
        {
            if (view is null || !OutgoingLetterAccess.CanSee(command.Caller, letter)) return Refuse(OutgoingLetterAccess.NotFound(command.LetterId));
            if (AddIncomingLetterAttachmentsEndpoint.RefusalOf(kindText, files) is { } refused) return Refuse(refused);
            var kind = AddIncomingLetterAttachmentsEndpoint.ParseKind(kindText)!.Value;
            if (Refusal(view, letter!, kind, command.Caller) is { } notNow) return Refuse(notNow);
            var (fresh, already) = AddIncomingLetterAttachmentsEndpoint.Separate(view.Files, files);
            var caller = command.Caller;
            return new(Decision.Accept(fresh.Select(file => (object)new OutgoingLetterFileAdded(view.Id, file.Blob.Sha256,
                AddIncomingLetterAttachmentsEndpoint.NameOf(file, kind), file.Blob.ContentType, file.Blob.Length, kind, caller.Name, now, caller.PersonId)).ToArray()), already);
        }

        private static FilesDecision Refuse(ProblemDetails problem) => new(Decision.Refuse(problem), []);

        /// <summary>A letter signed in Arsip carries its issued PDF instead of a scan, and a signed letter's content is fixed: both 409.</summary>
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

        /// <summary>The blobs are stored before the events commit: a failed commit leaves unreferenced blobs, never an event without its file.</summary>
        public static async Task<FilesDecision> Handle(AddOutgoingLetterFilesCommand command,
            [WriteAggregate(nameof(AddOutgoingLetterFilesCommand.LetterId), Required = false)] IEventStream<OutgoingLetter> stream,
            IDocumentSession session, ArsipClock clock, CancellationToken ct)
        {
            var view = stream.Aggregate is null ? null : await session.LoadAsync<OutgoingLetterView>(command.LetterId, ct);
            if (view is null || !OutgoingLetterAccess.CanSee(command.Caller, stream.Aggregate)) return Refuse(OutgoingLetterAccess.NotFound(command.LetterId));
            var (read, problem) = await command.ReadUpload(ct);
            if (read is not { } upload) return Refuse(problem!);
            await using var _ = upload;
            var decided = Decide(command, stream.Aggregate, view, upload.Fields.GetValueOrDefault("kind"), upload.Uploaded, clock.GetUtcNow());
            if (decided.Decision.Refused) return decided;
            await upload.CommitAsync(ct);
            stream.AppendMany(decided.Decision.Events);
            return decided;
        }

        [WolverinePost("/api/outgoing-letters/{id}/attachments")]
        [Tags("Surat keluar")]
        [EndpointSummary("Add the scan of a letter signed on paper, or attachments to a draft (multipart/form-data: kind + files)")]
        public static async Task<IResult> Post(Guid id, HttpRequest request, [NotBody] Caller caller, IBlobStore blobs, IMessageBus bus, CancellationToken ct)
        {
            var decided = await bus.InvokeForTenantAsync<FilesDecision>(caller.Agency,
                new AddOutgoingLetterFilesCommand(id, caller, token => MultipartUpload.ReadAsync(request, blobs, AddIncomingLetterAttachmentsEndpoint.MaxFilesPerRequest, token)), ct);
            return decided.Decision.ToResult(() => Results.Ok(new AddAttachmentsResponse(id, decided.Decision.Events.Cast<OutgoingLetterFileAdded>()
                .Select(e => new LetterFile(e.FileName, e.Sha256, e.ContentType, e.Length, e.Kind, e.AddedAt)).ToList(), decided.AlreadyThere)));
        }
    }

    public static class GetOutgoingLetterFileEndpoint
    {
        [WolverineGet("/api/outgoing-letters/{id}/attachments/{sha256}")]
        [Tags("Surat keluar")]
        [EndpointSummary("Download a stored scan or attachment of an outgoing letter (404 unless the caller can see the letter, 410 once destroyed)")]
        [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
        public static async Task<IResult> Get(Guid id, string sha256, [NotBody] Caller caller, IQuerySession session, IBlobStore blobs, CancellationToken ct)
        {
            var visible = await session.LoadAsync<OutgoingLetterView>(id, ct) is { } loaded && LetterAccess.CanSee(caller, loaded.AccessTokens) ? loaded : null;
            if (visible?.Destroyed is { } tombstone) return Results.Problem(tombstone.Gone($"Berkas surat {visible.LetterNumber}"));
            if (visible is not { } letter
                || letter.Files.FirstOrDefault(f => f.Sha256 == sha256) is not { } file
                || await blobs.OpenReadAsync(sha256, ct) is not { } content)
                return Results.Problem(Problems.NotFound("Berkas", sha256));
            return GetIncomingLetterAttachmentEndpoint.Download(file, content);
        }
    }
}
