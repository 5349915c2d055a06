using Arsip.Access;
using Arsip.Attachments;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;

namespace Arsip.Correspondence;

public sealed record AddAttachmentsResponse(Guid LetterId, IReadOnlyList<LetterFile> Added, IReadOnlyList<LetterFile> AlreadyThere);

/// <summary>
/// Upload a letter's scan or attachments as multipart/form-data: a <c>kind</c> field (<c>scan</c> or
/// <c>attachment</c>) and one or more file parts, read as a stream part by part (never the whole form
/// in memory). Every file is checked before any is stored: one refusal refuses the request and leaves
/// nothing behind. Files are recognised by content; a file whose name or declared type names another
/// accepted type than its content (a PNG sent as <c>scan.pdf</c>) is refused with 415, since that is
/// most often the wrong file; a generic declared type (<c>application/octet-stream</c>) is fine.
/// </summary>
[Authorize(Policy = Policies.Registrar)]
public static class AddIncomingLetterAttachmentsEndpoint
{
    public const int MaxFilesPerRequest = 20;

    [WolverinePost("/api/incoming-letters/{id}/attachments")]
    [Tags("Surat masuk")]
    [EndpointSummary("Add the scan or attachments (lampiran) to an incoming letter (multipart/form-data: kind + files)")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    public static async Task<IResult> Post(
        Guid id, HttpRequest request, [NotBody] Caller caller, IDocumentSession session, IBlobStore blobs, ArsipClock clock, CancellationToken ct)
    {
        if (await session.LoadAsync<IncomingLetterView>(id, ct) is not { } letter || !LetterAccess.CanSee(caller, letter.AccessTokens))
            return Results.Problem(Problems.NotFound("Surat masuk", id));
        var (read, problem) = await MultipartUpload.ReadAsync(request, blobs, MaxFilesPerRequest, ct);
        if (read is not { } upload) return Results.Problem(problem!);
        await using var _ = upload;
        var kindText = upload.Fields.GetValueOrDefault("kind");
        if (RefusalOf(kindText, upload.Uploaded) is { } refused) return Results.Problem(refused);
        var (added, already) = Decide(letter, ParseKind(kindText)!.Value, upload.Uploaded, caller, clock.GetUtcNow());
        await upload.CommitAsync(ct);
        if (added.Count > 0)
        {
            var state = await session.Events.FetchStreamStateAsync(id, ct);
            session.Events.Append(id, state!.Version + added.Count, added.ToArray<object>());
        }
        return Results.Ok(new AddAttachmentsResponse(id, added.Select(ToFile).ToList(), already));
    }

    public static AttachmentKind? ParseKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "scan" => AttachmentKind.Scan,
        "attachment" or "lampiran" => AttachmentKind.Attachment,
        _ => null,
    };

    /// <summary>The sad paths once the files are read: no kind, no file, or a file labelled as another type than it is.</summary>
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

    /// <summary>The accepted type a file's declared content type or name claims, when it contradicts its content.</summary>
    public static string? Mislabelled(UploadedFile file)
    {
        var declared = MediaTypeHeaderValue.TryParse(file.DeclaredType, out var type) ? type.MediaType.Value?.ToLowerInvariant() : null;
        if (declared == "image/jpg" || declared == "image/pjpeg") declared = ContentDetection.Jpeg;
        if (declared is not null && ContentDetection.Accepted.Contains(declared) && declared != file.Blob.ContentType) return declared;
        var byName = ContentDetection.TypeOfExtension(file.FileName);
        return byName is not null && byName != file.Blob.ContentType ? byName : null;
    }

    /// <summary>The decision: one event per file not yet on the letter; the same bytes twice are recorded once.</summary>
    public static (IReadOnlyList<IncomingLetterAttachmentAdded> Added, IReadOnlyList<LetterFile> AlreadyThere) Decide(
        IncomingLetterView letter, AttachmentKind kind, IReadOnlyList<UploadedFile> files, Caller caller, DateTimeOffset now)
    {
        var (fresh, already) = Separate(letter.Files, files);
        return (fresh.Select(file => new IncomingLetterAttachmentAdded(letter.Id, file.Blob.Sha256, NameOf(file, kind), file.Blob.ContentType,
            file.Blob.Length, kind, caller.Name, now, caller.PersonId)).ToList(), already);
    }

    /// <summary>The uploaded files a letter does not have yet (each bytes once), and the letter's files the upload repeats.</summary>
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

    private static LetterFile ToFile(IncomingLetterAttachmentAdded e) => new(e.FileName, e.Sha256, e.ContentType, e.Length, e.Kind, e.AddedAt);
}

public static class GetIncomingLetterAttachmentEndpoint
{
    [WolverineGet("/api/incoming-letters/{id}/attachments/{sha256}")]
    [Tags("Surat masuk")]
    [EndpointSummary("Download a stored scan or attachment of a letter (404 unless the caller can see the letter)")]
    public static async Task<IResult> Get(Guid id, string sha256, [NotBody] Caller caller, IQuerySession session, IBlobStore blobs, CancellationToken ct)
    {
        if (await session.LoadAsync<IncomingLetterView>(id, ct) is not { } letter || !LetterAccess.CanSee(caller, letter.AccessTokens)
            || letter.Files.FirstOrDefault(f => f.Sha256 == sha256) is not { } file
            || await blobs.OpenReadAsync(sha256, ct) is not { } content)
            return Results.Problem(Problems.NotFound("Berkas", sha256));
        return Download(file, content);
    }

    /// <summary>A stored file as a download; its SHA-256 is its entity tag, since its bytes never change.</summary>
    public static IResult Download(LetterFile file, Stream content) =>
        Results.Stream(content, file.ContentType, file.FileName, entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""), enableRangeProcessing: true);
}
