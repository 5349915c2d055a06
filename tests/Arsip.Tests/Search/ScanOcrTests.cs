using System.Diagnostics;
using Arsip.Attachments;
using Arsip.Searching;
using Arsip.Tests.Pdf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;

namespace Arsip.Tests.Search;

/// <summary>OCR of scans with the real tesseract (Indonesian model) and poppler, in the background.</summary>
public sealed class ScanOcrTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "arsip-ocr-test-" + Guid.NewGuid().ToString("N"));
    private FileBlobStore blobs = null!;
    private ScanOcr ocr = null!;

    public async Task InitializeAsync()
    {
        blobs = new FileBlobStore(Path.Combine(folder, "blobs"), AttachmentOptions.DefaultMaxBytes);
        ocr = new ScanOcr(blobs, new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Arsip:DataDirectory"] = folder }).Build(), NullLogger<ScanOcr>.Instance);
        ocr.Enabled.ShouldBeTrue("tesseract-ocr with tesseract-ocr-ind is installed (ops/test installs it)");
        await ocr.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await ocr.StopAsync(CancellationToken.None);
        ocr.Dispose();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>A paper letter scanned to PDF: the page as a picture, no text layer (what most office scanners produce).</summary>
    private static byte[] ImageOnlyPdf(string sentence)
    {
        var page = Path.Combine(Path.GetTempPath(), $"arsip-ocr-page-{Guid.NewGuid():N}");
        File.WriteAllBytes(page + ".pdf", AttachmentTextTests.TextPdf(sentence));
        try
        {
            PdfSamples.Run("pdftoppm", $"-r 150 -png -singlefile \"{page}.pdf\" \"{page}\"")!.Value.ExitCode.ShouldBe(0);
            using var image = SKImage.FromEncodedData(page + ".png");
            using var pdf = new MemoryStream();
            using (var document = SKDocument.CreatePdf(pdf))
            {
                document.BeginPage(595, 842).DrawImage(image, new SKRect(0, 0, 595, 842), new SKSamplingOptions(SKFilterMode.Linear));
                document.EndPage();
                document.Close();
            }
            return pdf.ToArray();
        }
        finally
        {
            foreach (var file in new[] { page + ".pdf", page + ".png" }) File.Delete(file);
        }
    }

    private async Task<string> StoreAsync(byte[] bytes) => (await blobs.PutAsync(new MemoryStream(bytes))).Sha256;

    [Fact]
    public async Task A_pdf_scan_without_a_text_layer_is_read_in_the_background_and_its_letter_handed_back()
    {
        var scan = ImageOnlyPdf("Pemeliharaan pintu air Bendung Walahar dijadwalkan bulan depan.");
        // the text layer is empty: PdfPig alone finds nothing
        using (var stream = new MemoryStream(scan)) AttachmentText.Extract(stream, 1000).ShouldBeEmpty();
        var sha256 = await StoreAsync(scan);
        var letter = Guid.NewGuid();

        (await ocr.TextOfAsync(sha256, ContentDetection.Pdf, "kota-bekasi", letter, CancellationToken.None)).ShouldBeNull("not read yet: queued");
        var waited = Stopwatch.StartNew();
        HashSet<(string Tenant, Guid Stream)> read;
        while ((read = ocr.TakeRead()).Count == 0)
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
            await Task.Delay(50);
        }
        read.ShouldBe([("kota-bekasi", letter)]);

        var text = await ocr.TextOfAsync(sha256, ContentDetection.Pdf, "kota-bekasi", letter, CancellationToken.None);
        text.ShouldNotBeNull();
        text.ShouldContain("Walahar");
        text.ShouldContain("pintu air");
        ocr.TakeRead().ShouldBeEmpty("read once, cached: asking again queues nothing");
    }

    [Fact]
    public async Task An_image_without_words_is_remembered_as_wordless_instead_of_read_again()
    {
        using var blank = new SKBitmap(200, 100);
        blank.Erase(SKColors.White);
        using var png = blank.Encode(SKEncodedImageFormat.Png, 100);
        var sha256 = await StoreAsync(png.ToArray());
        var letter = Guid.NewGuid();
        (await ocr.TextOfAsync(sha256, ContentDetection.Png, "kota-bekasi", letter, CancellationToken.None)).ShouldBeNull();
        var waited = Stopwatch.StartNew();
        while (ocr.TakeRead().Count == 0)
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
            await Task.Delay(50);
        }
        (await ocr.TextOfAsync(sha256, ContentDetection.Png, "kota-bekasi", letter, CancellationToken.None)).ShouldBe("");
    }
}
