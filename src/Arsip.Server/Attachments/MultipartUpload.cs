using Arsip.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Arsip.Attachments;

public sealed record UploadedFile(string FileName, string? DeclaredType, BlobRef Blob);

/// <summary>Read part by part (never the whole form in memory); files are staged, not stored until CommitAsync, so a refused request leaves nothing behind.</summary>
public sealed class MultipartUpload : IAsyncDisposable
{
    public const int MaxFieldLength = 4000;

    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);
    public List<(StagedBlob Staged, UploadedFile File)> Files { get; } = [];
    public IReadOnlyList<UploadedFile> Uploaded => Files.Select(f => f.File).ToList();

    public static async Task<(MultipartUpload? Upload, ProblemDetails? Problem)> ReadAsync(HttpRequest request, IBlobStore blobs, int maxFiles, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
            return (null, Problems.BadRequest("body", "Kirim sebagai multipart/form-data (send as multipart/form-data)."));

        // Each file is limited by the blob store; the request as a whole only by the number of files.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;

        var upload = new MultipartUpload();
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    continue;
                if (disposition.IsFileDisposition())
                {
                    if (upload.Files.Count == maxFiles)
                    {
                        await upload.DisposeAsync();
                        return (null, Problems.BadRequest("files", $"Paling banyak {maxFiles} berkas per permintaan (at most {maxFiles} files per request)."));
                    }
                    var fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "");
                    var blob = await blobs.StageAsync(section.Body, ct);
                    upload.Files.Add((blob, new UploadedFile(fileName, section.ContentType, blob.Blob)));
                }
                else if (HeaderUtilities.RemoveQuotes(disposition.Name).Value is { Length: > 0 } name)
                {
                    using var text = new StreamReader(section.Body);
                    var buffer = new char[MaxFieldLength];
                    upload.Fields[name] = new string(buffer, 0, await text.ReadBlockAsync(buffer, ct)).Trim();
                }
            }
            return (upload, null);
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }
    }

    /// <summary>A page's anti-forgery check reads the form before the page runs; files are staged exactly as from the raw body.</summary>
    public static async Task<(MultipartUpload? Upload, ProblemDetails? Problem)> FromFormAsync(IFormCollection form, IBlobStore blobs, int maxFiles, CancellationToken ct)
    {
        var files = form.Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (files.Count > maxFiles)
            return (null, Problems.BadRequest("files", $"Paling banyak {maxFiles} berkas per permintaan (at most {maxFiles} files per request)."));
        var upload = new MultipartUpload();
        try
        {
            foreach (var (name, value) in form)
            {
                var text = value.ToString();
                upload.Fields[name] = (text.Length > MaxFieldLength ? text[..MaxFieldLength] : text).Trim();
            }
            foreach (var file in files)
            {
                await using var content = file.OpenReadStream();
                var blob = await blobs.StageAsync(content, ct);
                upload.Files.Add((blob, new UploadedFile(Path.GetFileName(file.FileName), file.ContentType, blob.Blob)));
            }
            return (upload, null);
        }
        catch (BlobRefusedException refused)
        {
            // A page shows the refusal at its field; nothing staged is kept.
            await upload.DisposeAsync();
            return (null, refused.ToProblem());
        }
        catch
        {
            await upload.DisposeAsync();
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        foreach (var (blob, _) in Files) await blob.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (blob, _) in Files) await blob.DisposeAsync();
    }
}
