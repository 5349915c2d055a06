using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Arsip.Attachments;
using Arsip.Infrastructure;

namespace Arsip.Searching;

/// <summary>Words of image scans for the index, read by tesseract (ind) in the background, one file at a time on one thread: a page takes a second or two, so neither a registration nor the feeder waits; without tesseract (or Arsip:Ocr=false) scans are not searchable by their words.</summary>
public sealed class ScanOcr : BackgroundService
{
    /// <summary>Part of every cache file name: change it and every scan is read again.</summary>
    public const string Extractor = "tesseract-ind-200dpi";
    /// <summary>Pages read of one PDF scan: a letter's first pages carry what people search for.</summary>
    public const int MaxPages = 10;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly IBlobStore blobs;
    private readonly IFileTextCache cache;
    private readonly ILogger<ScanOcr> logger;
    private readonly Channel<(string Sha256, string ContentType)> queue = Channel.CreateUnbounded<(string, string)>();
    private readonly ConcurrentDictionary<string, ConcurrentBag<(string Tenant, Guid LetterId)>> waiting = new();
    private readonly ConcurrentQueue<(string Tenant, Guid LetterId)> read = new();

    private readonly Lazy<bool> enabled;

    public ScanOcr(IBlobStore blobs, IConfiguration configuration, ILogger<ScanOcr> logger)
        : this(blobs, new FolderFileTextCache(AttachmentText.CacheFolder(configuration)), configuration, logger)
    {
    }

    public ScanOcr(IBlobStore blobs, IFileTextCache cache, IConfiguration configuration, ILogger<ScanOcr> logger)
    {
        (this.blobs, this.cache, this.logger) = (blobs, cache, logger);
        // looked up when a scan first needs it, not at start-up (it runs tesseract once)
        enabled = new(() =>
        {
            var on = configuration["Arsip:Ocr"] != "false" && ToolsInstalled();
            if (!on) logger.LogInformation("OCR of scans is off (Arsip:Ocr=false, or tesseract with its Indonesian model is not installed)");
            return on;
        });
    }

    public bool Enabled => enabled.Value;

    /// <summary>PDFs only when they have no text layer.</summary>
    public static bool Reads(string contentType) =>
        contentType is ContentDetection.Png or ContentDetection.Jpeg or ContentDetection.Tiff or ContentDetection.Pdf;

    /// <summary>Not read yet: null, and the scan is queued with the letter that asked, which is indexed again once it is read.</summary>
    public async Task<string?> TextOfAsync(string sha256, string contentType, string tenant, Guid letterId, CancellationToken ct)
    {
        if (await cache.GetAsync(sha256, Extractor, ct) is { } cached) return cached;
        if (!Enabled || !Reads(contentType)) return null;
        waiting.GetOrAdd(sha256, _ =>
        {
            queue.Writer.TryWrite((sha256, contentType));
            return [];
        }).Add((tenant, letterId));
        return null;
    }

    public HashSet<(string Tenant, Guid Stream)> TakeRead()
    {
        var letters = new HashSet<(string Tenant, Guid Stream)>();
        while (read.TryDequeue(out var letter)) letters.Add(letter);
        return letters;
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await foreach (var (sha256, contentType) in queue.Reader.ReadAllAsync(ct))
        {
            bool cached;
            try
            {
                cached = await cache.ReadOnceAsync(sha256, Extractor, async ct =>
                {
                    try
                    {
                        return await ReadAsync(sha256, contentType, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        // an unreadable image or one past the time limit: remembered as wordless rather than read again at every re-index
                        logger.LogWarning(e, "OCR of scan {Sha256} failed; it is indexed without its words", sha256);
                        return "";
                    }
                }, ct) is not null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "OCR of scan {Sha256} could not be recorded; it is read again at the next re-index", sha256);
                cached = false;
            }
            // A letter asking after this point finds the cached text or queues the scan again; a scan not on this node is forgotten until the letter is re-indexed for another reason, not asked for in a loop.
            if (waiting.TryRemove(sha256, out var letters) && cached)
                foreach (var letter in letters) read.Enqueue(letter);
        }
    }

    /// <summary>Null when its bytes are not stored (yet).</summary>
    private async Task<string?> ReadAsync(string sha256, string contentType, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("arsip-ocr-").FullName;
        try
        {
            var input = Path.Combine(folder, "scan");
            await using (var blob = await blobs.OpenReadAsync(sha256, ct))
            {
                if (blob is null) return null; // not stored (yet): read it at the next re-index, cache nothing
                await using var file = File.Create(input);
                await blob.CopyToAsync(file, ct);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            var images = new List<string>();
            if (contentType == ContentDetection.Pdf)
            {
                await RunAsync("pdftoppm", ["-r", "200", "-gray", "-png", "-l", MaxPages.ToString(), input, Path.Combine(folder, "page")], timeout.Token);
                images.AddRange(Directory.GetFiles(folder, "page*.png").Order(StringComparer.Ordinal));
            }
            else images.Add(input);

            var text = new System.Text.StringBuilder();
            foreach (var image in images)
            {
                if (text.Length >= AttachmentText.MaxCharsPerLetter) break;
                var words = (await RunAsync("tesseract", [image, "stdout", "-l", "ind"], timeout.Token)).Trim();
                if (words.Length > 0) AttachmentText.AppendCapped(text, words, AttachmentText.MaxCharsPerLetter);
            }
            logger.LogInformation("OCR read scan {Sha256}", sha256);
            return text.ToString();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One thread for tesseract, so a scan never takes both cores.</summary>
    private static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {await errors}");
            return await output;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    private static bool ToolsInstalled()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("tesseract", "--list-langs") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null) return false;
            var languages = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 && languages.Split('\n').Any(l => l.Trim() == "ind");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
