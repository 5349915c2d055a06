using Arsip.Attachments;
using Arsip.Correspondence;

namespace Arsip.Tests.Attachments;

public class ContentDetectionTests
{
    private static readonly byte[] PngEnd = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    private static Detection Detect(byte[] file) =>
        ContentDetection.Detect(file.AsSpan(0, Math.Min(file.Length, ContentDetection.HeadSize)), file.AsSpan(Math.Max(0, file.Length - ContentDetection.TailSize)));

    [Fact]
    public void Recognises_complete_files_by_content()
    {
        Detect([.. "%PDF-1.4\n1 0 obj\n%%EOF\n"u8]).ShouldBe(new Detection("application/pdf", false));
        Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, .. PngEnd]).ShouldBe(new Detection("image/png", false));
        Detect([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 0xFF, 0xD9]).ShouldBe(new Detection("image/jpeg", false));
        Detect([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 0xFF, 0xD9, 0, 0, 0x0A]).Accepted.ShouldBeTrue();
        Detect([.. "II*\0"u8, 8, 0, 0, 0, 1, 2]).ShouldBe(new Detection("image/tiff", false));
        Detect([.. "MM\0*"u8, 0, 0, 0, 8, 1, 2]).ShouldBe(new Detection("image/tiff", false));
    }

    [Fact]
    public void A_file_cut_off_before_its_end_marker_is_truncated()
    {
        Detect([.. "%PDF-1.4\n1 0 obj\n"u8]).ShouldBe(new Detection("application/pdf", true));
        Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]).Truncated.ShouldBeTrue();
        Detect([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]).Truncated.ShouldBeTrue();
    }

    [Fact]
    public void Anything_else_is_unknown_whatever_it_is_called()
    {
        Detect([.. "<html></html>"u8]).ShouldBe(Detection.Unknown);
        Detect([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]).ShouldBe(Detection.Unknown);
        Detect([.. " %PDF-1.4 %%EOF"u8]).ShouldBe(Detection.Unknown);
        Detect([]).ShouldBe(Detection.Unknown);
    }

    [Theory]
    [InlineData("scan.pdf", "application/octet-stream", "image/png", "application/pdf")]
    [InlineData("scan", "application/pdf", "image/png", "application/pdf")]
    [InlineData("foto.JPG", "image/jpg", "image/jpeg", null)]
    [InlineData("scan", "application/octet-stream", "image/png", null)]
    [InlineData("lampiran.docx", null, "application/pdf", null)]
    [InlineData("scan.tiff", "image/tiff", "image/tiff", null)]
    public void A_name_or_declared_type_naming_another_accepted_type_is_mislabelled(string name, string? declared, string detected, string? claimed) =>
        AddIncomingLetterAttachmentsEndpoint.Mislabelled(new UploadedFile(name, declared, new BlobRef(new string('a', 64), 10, detected))).ShouldBe(claimed);

    [Fact]
    public void The_same_bytes_twice_are_recorded_once()
    {
        var letter = new IncomingLetterView { Id = Guid.NewGuid(), Files = [new LetterFile("a.pdf", new string('a', 64), "application/pdf", 10, AttachmentKind.Scan, DateTimeOffset.UnixEpoch)] };
        var caller = new Arsip.Kernel.Caller("kota-bekasi", Guid.NewGuid(), "Budi", [], [], []);
        var files = new[]
        {
            new UploadedFile("a-lagi.pdf", "application/pdf", new BlobRef(new string('a', 64), 10, "application/pdf")),
            new UploadedFile("b.png", "image/png", new BlobRef(new string('b', 64), 20, "image/png")),
            new UploadedFile("b-lagi.png", "image/png", new BlobRef(new string('b', 64), 20, "image/png")),
        };

        var (added, already) = AddIncomingLetterAttachmentsHandler.Added(letter, AttachmentKind.Attachment, files, caller, DateTimeOffset.UnixEpoch);

        added.Single().ShouldBe(new IncomingLetterAttachmentAdded(letter.Id, new string('b', 64), "b.png", "image/png", 20, AttachmentKind.Attachment, "Budi", DateTimeOffset.UnixEpoch, caller.PersonId));
        already.Single().FileName.ShouldBe("a.pdf");
    }
}
