using System.Security.Cryptography;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.Pdf;
using Arsip.Searching;
using Microsoft.Extensions.Logging.Abstractions;
using static Arsip.Tests.Search.Letters;

namespace Arsip.Tests.Search;

/// <summary>Text of PDF attachments: extracted once per SHA-256, capped, and nothing for what cannot be read.</summary>
public sealed class AttachmentTextTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "arsip-attachment-text-" + Guid.NewGuid().ToString("N"));
    private readonly FileBlobStore blobs;
    private readonly AttachmentText attachments;

    public AttachmentTextTests()
    {
        blobs = new FileBlobStore(Path.Combine(folder, "blobs"), AttachmentOptions.DefaultMaxBytes);
        attachments = new AttachmentText(blobs, Path.Combine(folder, "text"), ocr: null, NullLogger<AttachmentText>.Instance);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>A real text PDF, rendered by Arsip.Pdf.</summary>
    public static byte[] TextPdf(params string[] paragraphs) => LetterPdf.Render(new Arsip.Pdf.LetterDocument
    {
        Kind = Arsip.Pdf.LetterKind.SuratDinas,
        KindName = "Surat Dinas",
        Letterhead = new PrintedLetterhead { NameLines = ["PEMERINTAH KABUPATEN CONTOH"], UnitName = "DINAS LINGKUNGAN HIDUP" },
        Number = "600.4/77/DLH",
        Place = "Contoh",
        Date = new DateOnly(2026, 11, 20),
        Subject = "Laporan Pemantauan",
        Addressees = ["Sekretaris Daerah"],
        Body = [.. paragraphs.Select(p => new TextParagraph(p))],
        Signatory = new Signatory { TitleLines = ["KEPALA DINAS,"], Name = "SITI RAHAYU" },
        GeneratedAt = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.FromHours(7)),
    });

    private async Task<LetterFile> StoreAsync(byte[] bytes, DateTimeOffset? added = null)
    {
        var blob = await blobs.PutAsync(new MemoryStream(bytes));
        return new LetterFile("lampiran.pdf", blob.Sha256, blob.ContentType, blob.Length, AttachmentKind.Attachment, added ?? DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task The_words_of_a_text_pdf_are_extracted_and_cached_by_hash()
    {
        var file = await StoreAsync(TextPdf("Hasil uji sedimentasi embung Cibarusah menunjukkan kekeruhan di atas baku mutu."));

        var text = await attachments.OfLetterAsync([file], ("kota-bekasi", Guid.Empty), CancellationToken.None);
        text.ShouldNotBeNull();
        text.ShouldContain("sedimentasi embung Cibarusah");

        var cached = Directory.GetFiles(Path.Combine(folder, "text"), "*.txt", SearchOption.AllDirectories).ShouldHaveSingleItem();
        Path.GetFileName(cached).ShouldStartWith(file.Sha256);
        File.Delete(Path.Combine(folder, "blobs", file.Sha256[..2], file.Sha256[2..4], file.Sha256)); // the cache alone answers now
        (await attachments.OfLetterAsync([file], ("kota-bekasi", Guid.Empty), CancellationToken.None)).ShouldBe(text);
    }

    [Fact]
    public async Task A_pdf_that_cannot_be_parsed_and_other_file_types_contribute_no_text()
    {
        byte[] broken = [.. "%PDF-1.7\n"u8, .. RandomNumberGenerator.GetBytes(3000), .. "\n%%EOF\n"u8];
        var unreadable = await StoreAsync(broken);
        var png = new LetterFile("scan.png", new string('a', 64), ContentDetection.Png, 10, AttachmentKind.Scan, DateTimeOffset.UnixEpoch);

        (await attachments.OfLetterAsync([unreadable, png], ("kota-bekasi", Guid.Empty), CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task The_text_of_several_files_comes_in_the_order_they_were_added_and_is_capped()
    {
        var later = await StoreAsync(TextPdf("Lampiran kedua tentang retribusi."), DateTimeOffset.UnixEpoch.AddDays(2));
        var earlier = await StoreAsync(TextPdf("Lampiran pertama tentang drainase."), DateTimeOffset.UnixEpoch.AddDays(1));
        var text = (await attachments.OfLetterAsync([later, earlier], ("kota-bekasi", Guid.Empty), CancellationToken.None))!;
        text.IndexOf("drainase", StringComparison.Ordinal).ShouldBeLessThan(text.IndexOf("retribusi", StringComparison.Ordinal));

        var words = string.Join(' ', Enumerable.Repeat("inventarisasi", 400));
        AttachmentText.Extract(new MemoryStream(TextPdf(words, words, words)), 1000).Length.ShouldBeLessThanOrEqualTo(1000);
    }

    [Fact]
    public void Attachment_text_is_searchable_and_gives_the_snippet()
    {
        using var index = new TestIndex(
            Letter("Surat pengantar", body: null) with { AttachmentText = "Tabel 3. Hasil uji sedimentasi embung Cibarusah: kekeruhan 41 NTU." },
            Letter("Surat pengantar lain"));
        var hit = index.Search("sedimentasi cibarusah").Hits.ShouldHaveSingleItem();
        hit.Snippet!.ShouldContain("<mark>sedimentasi</mark> embung <mark>Cibarusah</mark>");
    }
}
