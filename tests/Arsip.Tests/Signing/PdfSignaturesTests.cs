using System.Text;
using Arsip.Pdf;
using Arsip.Pdf.Signing;
using Arsip.Signing;
using Arsip.Tests.Pdf;

namespace Arsip.Tests.Signing;

/// <summary>The PAdES incremental update on a SkiaSharp PDF/A letter, signed with the DEMO certificates in samples/signing.</summary>
public class PdfSignaturesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(7));

    internal static string SamplesSigning()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (Directory.Exists(Path.Combine(folder.FullName, "samples", "signing"))) return Path.Combine(folder.FullName, "samples", "signing");
        throw new DirectoryNotFoundException("samples/signing");
    }

    private static SigningTrust Trust() => new(
        [System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(SamplesSigning(), "demo-ca.pem")))],
        [File.ReadAllBytes(Path.Combine(SamplesSigning(), "demo-ca.crl"))]);

    internal static byte[] Signed(string file = "demo-sekda-kota-bekasi", LetterDocument? letter = null)
    {
        using var key = Pkcs12Files.Open(File.ReadAllBytes(Path.Combine(SamplesSigning(), $"{file}.p12")), "demo-tte-2026");
        var prepared = PdfSignatures.Prepare(LetterPdf.Render(letter ?? Arsip.Tests.Pdf.Samples.Letter(paragraphs: 30)), new PdfSignatureInfo("Reny Hendrawaty", "Uji", "Bekasi", At));
        return prepared.Complete(PadesCms.Sign(prepared.SignedContent(), key.Signer, key.All));
    }

    [Fact]
    public void The_original_bytes_stay_and_the_signature_covers_the_whole_file()
    {
        var original = LetterPdf.Render(Arsip.Tests.Pdf.Samples.Letter(paragraphs: 30));
        var signed = Signed();
        signed.AsSpan(0, original.Length).SequenceEqual(original).ShouldBeTrue("an incremental update only appends");
        var signature = PdfSignatures.Read(signed).ShouldHaveSingleItem();
        signature.CoversWholeFile.ShouldBeTrue();
        signature.SubFilter.ShouldBe("ETSI.CAdES.detached");
        signature.ClaimedSigningTime.ShouldBe(At);
        signature.Name.ShouldBe("Reny Hendrawaty");
        var check = Trust().Check(signed).ShouldHaveSingleItem();
        check.Valid.ShouldBeTrue(check.Problem);
        check.Signer.ShouldBe("Reny Hendrawaty");
    }

    [Fact]
    public async Task A_signature_larger_than_the_reserved_contents_is_made_again_with_room_and_stays_valid()
    {
        using var key = Pkcs12Files.Open(File.ReadAllBytes(Path.Combine(SamplesSigning(), "demo-sekda-kota-bekasi.p12")), "demo-tte-2026");
        var calls = 0;
        var signed = await LocalPkcs12Signer.SignWithRoomAsync(LetterPdf.Render(Arsip.Tests.Pdf.Samples.Letter()),
            new PdfSignatureInfo("Reny Hendrawaty", "Uji", "Bekasi", At, ReservedBytes: 256),
            (content, _) => { calls++; return Task.FromResult(PadesCms.Sign(content, key.Signer, key.All)); }, CancellationToken.None);
        calls.ShouldBe(2);
        var check = Trust().Check(signed).ShouldHaveSingleItem();
        check.Valid.ShouldBeTrue(check.Problem);
    }

    [Fact]
    public void Still_passes_qpdf_check_and_keeps_the_PDFA_identification()
    {
        var signed = Signed(letter: Arsip.Tests.Pdf.Samples.Letter());
        Directory.CreateDirectory(PdfSamples.Folder);
        var path = Path.Combine(PdfSamples.Folder, "signed-check.pdf");
        File.WriteAllBytes(path, signed);
        var check = PdfSamples.Require("qpdf", $"--check \"{path}\"", "qpdf");
        check.ExitCode.ShouldBe(0, check.Output);
        PdfSamples.Require("pdfinfo", $"-meta \"{path}\"", "poppler-utils").Output.ShouldContain("pdfaid:part");
        PdfSamples.Require("pdfsig", $"\"{path}\"", "poppler-utils").Output.ShouldContain("Signature is Valid");
        PdfRead.Pages(signed).Count.ShouldBe(PdfRead.Pages(LetterPdf.Render(Arsip.Tests.Pdf.Samples.Letter())).Count);
    }

    [Fact]
    public void A_changed_byte_or_bytes_appended_after_signing_are_caught()
    {
        var signed = Signed();
        var changed = signed.ToArray();
        changed[signed.Length / 4] ^= 0x01;
        var broken = Trust().Check(changed).ShouldHaveSingleItem();
        broken.Valid.ShouldBeFalse();
        broken.Intact.ShouldBeFalse();

        var appended = signed.Concat(Encoding.ASCII.GetBytes("1 0 obj\n<< >>\nendobj\n%%EOF\n")).ToArray();
        var extended = Trust().Check(appended).ShouldHaveSingleItem();
        extended.Intact.ShouldBeTrue();
        extended.CoversWholeDocument.ShouldBeFalse();
        extended.Valid.ShouldBeFalse();
    }

    [Fact]
    public void A_certificate_from_another_authority_is_not_trusted()
    {
        var stranger = new SigningTrust([], []);
        var check = stranger.Check(Signed("demo-walikota-kota-bekasi")).ShouldHaveSingleItem();
        check.Intact.ShouldBeTrue();
        check.Trusted.ShouldBeFalse();
        check.Valid.ShouldBeFalse();
    }

    [Fact]
    public void A_PDF_without_a_signature_has_none() =>
        Trust().Check(LetterPdf.Render(Arsip.Tests.Pdf.Samples.Letter())).ShouldBeEmpty();
}
