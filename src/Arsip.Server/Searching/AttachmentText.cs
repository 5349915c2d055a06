using System.Text;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using UglyToad.PdfPig;

namespace Arsip.Searching;

/// <summary>Text of PDF scans and attachments for the index only, extracted by the feeder (never on the registration path) and cached per SHA-256: the bytes never change, so a rebuild reads the cache instead of parsing again.</summary>
public sealed class AttachmentText(IBlobStore blobs, IFileTextCache cache, ScanOcr? ocr, ILogger<AttachmentText> logger)
{
    /// <summary>About 50 pages of prose, all its files together.</summary>
    public const int MaxCharsPerLetter = 100_000;
    public const int MaxPages = 200;
    /// <summary>Part of every cache file name: change it and every file is extracted again.</summary>
    public const string Extractor = "pdfpig-0.1.16";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public AttachmentText(IBlobStore blobs, string cacheFolder, ScanOcr? ocr, ILogger<AttachmentText> logger)
        : this(blobs, new FolderFileTextCache(cacheFolder), ocr, logger)
    {
    }

    public static string CacheFolder(IConfiguration configuration) => Path.Combine(DataFolder.Resolve(configuration), "attachment-text");

    /// <summary>The cache file of one file's text by one extractor (a new extractor version reads every file again).</summary>
    public static string CachePath(string folder, string sha256, string extractor) => Path.Combine(folder, sha256[..2], $"{sha256}.{extractor}.txt");

    public static void AppendCapped(StringBuilder text, string part, int maxChars)
    {
        if (text.Length > 0) text.Append("\n\n");
        text.Append(part, 0, Math.Max(0, Math.Min(part.Length, maxChars - text.Length)));
    }

    public async Task<string?> OfLetterAsync(IEnumerable<LetterFile> files, (string Tenant, Guid Id) letter, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var file in files.Where(f => ScanOcr.Reads(f.ContentType)).OrderBy(f => f.AddedAt))
        {
            if (text.Length >= MaxCharsPerLetter) break;
            var part = file.ContentType == ContentDetection.Pdf ? await OfFileAsync(file.Sha256, ct) : "";
            if (part.Length == 0 && ocr is not null)
                part = await ocr.TextOfAsync(file.Sha256, file.ContentType, letter.Tenant, letter.Id, ct) ?? "";
            if (part.Length > 0) AppendCapped(text, part, MaxCharsPerLetter);
        }
        return text.Length == 0 ? null : text.ToString();
    }

    private async Task<string> OfFileAsync(string sha256, CancellationToken ct) =>
        await cache.ReadOnceAsync(sha256, Extractor, async ct =>
        {
            await using var pdf = await blobs.OpenReadAsync(sha256, ct);
            if (pdf is null) return null; // not stored (yet): try again at the next re-index, cache nothing
            var extraction = Task.Run(() => Extract(pdf, MaxCharsPerLetter), ct);
            try
            {
                var text = await extraction.WaitAsync(Timeout, ct);
                logger.LogInformation("Text of attachment {Sha256} extracted", sha256);
                return text;
            }
            catch (TimeoutException)
            {
                logger.LogWarning("Text extraction of attachment {Sha256} took longer than {Timeout}; indexed without its text", sha256, Timeout);
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogInformation(e, "Attachment {Sha256} has no extractable text (unreadable PDF); indexed without it", sha256);
                return "";
            }
        }, ct) ?? "";

    /// <summary>Writes a cache file whole or not at all (a crash never leaves half a text that looks complete).</summary>
    public static async Task WriteCacheAsync(string path, string text, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.part";
        await File.WriteAllTextAsync(temporary, text, ct);
        File.Move(temporary, path, overwrite: true);
    }

    public static string Extract(Stream pdf, int maxChars)
    {
        // In memory (a scan is at most Arsip:Attachments:MaxBytes): PdfPig seeks and reads a byte at a time, and on a file every seek
        // drops the buffer, so a 1 MB PDF without a cross-reference table cost 4 CPU-s of one-byte reads instead of 30 ms.
        byte[] bytes;
        if (pdf.CanSeek)
        {
            bytes = new byte[pdf.Length - pdf.Position];
            pdf.ReadExactly(bytes);
        }
        else
        {
            using var copy = new MemoryStream();
            pdf.CopyTo(copy);
            bytes = copy.ToArray();
        }
        using var document = PdfDocument.Open(bytes);
        var text = new StringBuilder();
        var pages = 0;
        foreach (var page in document.GetPages())
        {
            if (++pages > MaxPages || text.Length >= maxChars) break;
            var words = string.Join(' ', page.GetWords().Select(w => w.Text));
            if (words.Length > 0) AppendCapped(text, words, maxChars); // none on an image-only page
        }
        return text.ToString();
    }
}
