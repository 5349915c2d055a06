using System.Diagnostics;
using Arsip.Pdf;

namespace Arsip.IntegrationTests.Infrastructure;

/// <summary>Real documents for tests: a one-page letter rendered by Arsip.Pdf, and the same page as a scanner sees it.</summary>
public static class TestPdfs
{
    /// <summary>A text PDF whose body is <paramref name="body"/> (a letter with kop, subject and signature block).</summary>
    public static byte[] Letter(string body, string subject = "Laporan") => LetterPdf.Render(new LetterDocument
    {
        Kind = Arsip.Pdf.LetterKind.SuratDinas,
        KindName = "Surat Dinas",
        Letterhead = new PrintedLetterhead { NameLines = ["PEMERINTAH KABUPATEN BEKASI"], UnitName = "BAGIAN UMUM" },
        Place = "Cikarang",
        Date = new DateOnly(2026, 11, 20),
        Subject = subject,
        Addressees = ["Sekretaris Daerah"],
        Body = [new TextParagraph(body)],
        Signatory = new Signatory { TitleLines = ["KEPALA BAGIAN,"], Name = "ANDI PRASETYO" },
        GeneratedAt = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.FromHours(7)),
    });

    /// <summary>The letter's page scanned: rasterized to PNG at 150 dpi by pdftoppm (poppler-utils), no text layer.</summary>
    public static byte[] ScannedPage(string body)
    {
        var folder = Directory.CreateTempSubdirectory("arsip-scan-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "letter.pdf"), Letter(body));
            using var rasterize = Process.Start("pdftoppm", ["-r", "150", "-png", "-singlefile", "-f", "1", "-l", "1",
                Path.Combine(folder, "letter.pdf"), Path.Combine(folder, "scan")]);
            rasterize.WaitForExit();
            rasterize.ExitCode.ShouldBe(0, "pdftoppm (poppler-utils) renders the test's scan; ops/test installs it");
            return File.ReadAllBytes(Path.Combine(folder, "scan.png"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
