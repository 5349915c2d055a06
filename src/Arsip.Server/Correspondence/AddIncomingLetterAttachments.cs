using Arsip.Access;
using Arsip.Attachments;
using Arsip.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Arsip.Correspondence;

public sealed record AddAttachmentsResponse(Guid LetterId, IReadOnlyList<LetterFile> Added, IReadOnlyList<LetterFile> AlreadyThere);

/// <summary>Read part by part (never the whole form in memory); one refusal leaves nothing stored. A file whose name or declared type names another accepted type than its content is refused (415): most often the wrong file.</summary>
public sealed record AddIncomingLetterAttachmentsCommand(Guid LetterId, Caller Caller, MultipartUpload Upload);

public sealed record AttachmentsOutcome(Decision Decision, AddAttachmentsResponse? Added);

public static class AddIncomingLetterAttachmentsHandler
{
    public static Decision Decide(AddIncomingLetterAttachmentsCommand command, IncomingLetterView? letter, bool visible, DateTimeOffset now)
    {
        if (letter is null || !visible) return Decision.Refuse(Problems.NotFound("Surat masuk", command.LetterId));
        var kindText = command.Upload.Fields.GetValueOrDefault("kind");
        if (AddIncomingLetterAttachmentsEndpoint.RefusalOf(kindText, command.Upload.Uploaded) is { } refused) return Decision.Refuse(refused);
        var (added, _) = Added(letter, AddIncomingLetterAttachmentsEndpoint.ParseKind(kindText)!.Value, command.Upload.Uploaded, command.Caller, now);
        return Decision.Accept([.. added]);
    }

    /// <summary>The files are stored once accepted, before the events commit, so no event names a file that is not there.</summary>
    public static async Task<AttachmentsOutcome> Handle(AddIncomingLetterAttachmentsCommand command,
        [WriteAggregate(nameof(AddIncomingLetterAttachmentsCommand.LetterId), Required = false)] IEventStream<IncomingLetter> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var letter = stream.Aggregate is null ? null : await session.LoadAsync<IncomingLetterView>(command.LetterId, ct);
        var decision = Decide(command, letter, letter is not null && LetterAccess.CanSee(command.Caller, letter.AccessTokens), clock.GetUtcNow());
        if (decision.Refused) return new AttachmentsOutcome(decision, null);
        await command.Upload.CommitAsync(ct);
        stream.AppendMany(decision.Events);
        var (_, already) = AddIncomingLetterAttachmentsEndpoint.Separate(letter!.Files, command.Upload.Uploaded);
        return new AttachmentsOutcome(decision, new AddAttachmentsResponse(command.LetterId, decision.Events.Cast<IncomingLetterAttachmentAdded>().Select(ToFile).ToList(), already));
    }

    /// <summary>The same bytes twice are recorded once.</summary>
    public static (IReadOnlyList<IncomingLetterAttachmentAdded> Added, IReadOnlyList<LetterFile> AlreadyThere) Added(
        IncomingLetterView letter, AttachmentKind kind, IReadOnlyList<UploadedFile> files, Caller caller, DateTimeOffset now)
    {
        var (fresh, already) = AddIncomingLetterAttachmentsEndpoint.Separate(letter.Files, files);
        return (fresh.Select(file => new IncomingLetterAttachmentAdded(letter.Id, file.Blob.Sha256, AddIncomingLetterAttachmentsEndpoint.NameOf(file, kind),
            file.Blob.ContentType, file.Blob.Length, kind, caller.Name, now, caller.PersonId)).ToList(), already);
    }

    private static LetterFile ToFile(IncomingLetterAttachmentAdded e) => new(e.FileName, e.Sha256, e.ContentType, e.Length, e.Kind, e.AddedAt);
}

public static class AddIncomingLetterAttachmentsEndpoint
{
    public const int MaxFilesPerRequest = 20;

    [WolverinePost("/api/incoming-letters/{id}/attachments")]
    [Tags("Surat masuk")]
    [EndpointSummary("Add the scan or attachments (lampiran) to an incoming letter (multipart/form-data: kind + files)")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    [Authorize(Policy = Policies.Registrar)]
    public static async Task<IResult> Post(
        Guid id, HttpRequest request, [NotBody] Caller caller, IQuerySession session, IBlobStore blobs, IMessageBus bus, CancellationToken ct)
    {
        // an unknown or hidden letter answers 404 before its upload is read
        if (await session.LoadAsync<IncomingLetterView>(id, ct) is not { } letter || !LetterAccess.CanSee(caller, letter.AccessTokens))
            return Results.Problem(Problems.NotFound("Surat masuk", id));
        var (read, problem) = await MultipartUpload.ReadAsync(request, blobs, MaxFilesPerRequest, ct);
        if (read is not { } upload) return Results.Problem(problem!);
        await using var _ = upload;
        var outcome = await bus.InvokeForTenantAsync<AttachmentsOutcome>(caller.Agency, new AddIncomingLetterAttachmentsCommand(id, caller, upload), ct);
        return outcome.Decision.ToResult(() => Results.Ok(outcome.Added));
    }

    public static AttachmentKind? ParseKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "scan" => AttachmentKind.Scan,
        "attachment" or "lampiran" => AttachmentKind.Attachment,
        _ => null,
    };

    public static ProblemDetails? RefusalOf(string? kind, IReadOnlyList<UploadedFile> files)
    {
        if (ParseKind(kind) is null)
            return Problems.BadRequest("kind", "kind wajib diisi: scan atau attachment (kind is required: scan or attachment).");
        if (files.Count == 0)
            return Problems.BadRequest("files", "Tidak ada berkas yang dikirim (no file was sent).");
        foreach (var file in files)
            if (Mislabelled(file) is { } claimed)
                return new ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "Jenis berkas tidak sesuai (mislabelled file)",
                    Detail = $"Berkas {file.FileName} disebut {claimed} tetapi isinya {file.Blob.ContentType} (declared as {claimed} but the content is {file.Blob.ContentType}).",
                };
        return null;
    }

    public static string? Mislabelled(UploadedFile file)
    {
        var declared = MediaTypeHeaderValue.TryParse(file.DeclaredType, out var type) ? type.MediaType.Value?.ToLowerInvariant() : null;
        if (declared == "image/jpg" || declared == "image/pjpeg") declared = ContentDetection.Jpeg;
        if (declared is not null && ContentDetection.Accepted.Contains(declared) && declared != file.Blob.ContentType) return declared;
        var byName = ContentDetection.TypeOfExtension(file.FileName);
        return byName is not null && byName != file.Blob.ContentType ? byName : null;
    }

    public static (IReadOnlyList<UploadedFile> Fresh, IReadOnlyList<LetterFile> AlreadyThere) Separate(IReadOnlyList<LetterFile> existing, IReadOnlyList<UploadedFile> files)
    {
        var fresh = new List<UploadedFile>();
        var already = new List<LetterFile>();
        foreach (var file in files)
        {
            if (existing.FirstOrDefault(f => f.Sha256 == file.Blob.Sha256) is { } stored) already.Add(stored);
            else if (fresh.All(f => f.Blob.Sha256 != file.Blob.Sha256)) fresh.Add(file);
        }
        return (fresh, already);
    }

    internal static string NameOf(UploadedFile file, AttachmentKind kind)
    {
        var name = file.FileName.Trim();
        if (name.Length > 200) name = name[..200];
        return name.Length > 0 ? name : $"{kind.ToString().ToLowerInvariant()}{Extension(file.Blob.ContentType)}";
    }

    internal static string Extension(string contentType) => contentType switch
    {
        ContentDetection.Pdf => ".pdf",
        ContentDetection.Png => ".png",
        ContentDetection.Jpeg => ".jpg",
        ContentDetection.Tiff => ".tif",
        _ => "",
    };

}

public static class GetIncomingLetterAttachmentEndpoint
{
    [WolverineGet("/api/incoming-letters/{id}/attachments/{sha256}")]
    [Tags("Surat masuk")]
    [EndpointSummary("Download a stored scan or attachment of a letter (404 unless the caller can see the letter, 410 once destroyed)")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, string sha256, [NotBody] Caller caller, IQuerySession session, IBlobStore blobs, CancellationToken ct) =>
        await IncomingLetterFiles.GoneAsync(session, caller, id, ct) is { } gone ? Results.Problem(gone)
        : await IncomingLetterFiles.OpenAsync(session, caller, id, sha256, blobs, ct) is { } found ? Download(found.File, found.Content) : Results.Problem(Problems.NotFound("Berkas", sha256));


    /// <summary>Its SHA-256 is its entity tag, since its bytes never change.</summary>
    public static IResult Download(LetterFile file, Stream content) =>
        Results.Stream(content, file.ContentType, file.FileName, entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""), enableRangeProcessing: true);
}

public static class IncomingLetterFiles
{
    /// <summary>The 410 for a visible letter whose content was destroyed (pemusnahan).</summary>
    public static async Task<ProblemDetails?> GoneAsync(IQuerySession session, Caller caller, Guid id, CancellationToken ct) =>
        await session.LoadAsync<IncomingLetterView>(id, ct) is { Destroyed: { } tombstone } letter && LetterAccess.CanSee(caller, letter.AccessTokens)
            ? tombstone.Gone($"Berkas surat {letter.SenderLetterNumber}")
            : null;

    public static async Task<(LetterFile File, Stream Content)?> OpenAsync(IQuerySession session, Caller caller, Guid id, string sha256, IBlobStore blobs, CancellationToken ct) =>
        await session.LoadAsync<IncomingLetterView>(id, ct) is { } letter && LetterAccess.CanSee(caller, letter.AccessTokens)
        && letter.Files.FirstOrDefault(f => f.Sha256 == sha256) is { } file && await blobs.OpenReadAsync(sha256, ct) is { } content
            ? (file, content)
            : null;
}
