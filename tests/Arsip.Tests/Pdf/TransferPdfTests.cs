using Arsip.Pdf;

namespace Arsip.Tests.Pdf;

/// <summary>The berita acara pemindahan read back: the date in words, both parties, the lampiran on its own landscape pages.</summary>
public class TransferPdfTests
{
    private static TransferReportDocument Report(int files) => new()
    {
        Number = "4/BA-PMD/2026", Date = new DateOnly(2026, 12, 7), Place = "Bekasi",
        FirstParty = new BeritaAcaraParty("Dewi Kartika, S.Sos., M.AP.", "197808202003122003", "Kepala Bagian Organisasi", "Bagian Organisasi"),
        SecondParty = new BeritaAcaraParty("Drs. Agus Salim, M.Si.", "197003151995031002", "Kepala Bagian Umum", "unit kearsipan (Bagian Umum)"),
        ReceivedBy = "Yusuf Maulana, A.Md.",
        List = new TransferListDocument
        {
            Letterhead = new PrintedLetterhead { NameLines = ["PEMERINTAH KOTA BEKASI"], UnitName = "BAGIAN UMUM" },
            UnitName = "Bagian Organisasi", RecordsCentreName = "Bagian Umum", GeneratedAt = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.FromHours(7)),
            Files = [.. Enumerable.Range(1, files).Select(n => new TransferListFile
            {
                Number = $"{n}/2023", Classification = "800.1", Title = $"Penataan kelembagaan {n}", Period = "Januari\u2013Maret 2023", Count = "2 item",
                Retention = "2 th aktif, 5 th inaktif, Musnah",
                Items = [new CaseFileItemLine { Number = 1, Description = $"Evaluasi kelembagaan {n}; nomor B/{n}/2023", Remarks = "Surat masuk dari Kementerian PANRB" }],
            })],
        },
    };

    [Fact]
    public void The_berita_acara_names_both_parties_writes_the_day_in_words_and_attaches_every_berkas()
    {
        var pdf = TransferPdf.RenderReport(Report(40));
        var pages = PdfRead.Pages(pdf);
        pages.Count.ShouldBeGreaterThan(2);
        pages.ShouldAllBe(p => p.Width > p.Height);
        var first = pages[0].Text;
        first.ShouldContain("BERITA ACARA PEMINDAHAN ARSIP INAKTIF");
        first.ShouldContain("Senin tanggal tujuh bulan Desember tahun dua ribu dua puluh enam");
        first.ShouldContain("PIHAK PERTAMA");
        first.ShouldContain("197808202003122003");
        first.ShouldContain("197003151995031002");
        first.ShouldContain("40 berkas (40 item)");
        first.ShouldNotContain("Penataan kelembagaan 1");
        pages[1].Text.ShouldContain("LAMPIRAN BERITA ACARA PEMINDAHAN ARSIP INAKTIF");
        var text = PdfRead.Text(pdf);
        foreach (var n in new[] { 1, 17, 40 }) text.ShouldContain($"Penataan kelembagaan {n}");
        pages[^1].Text.ShouldContain($"Halaman {pages.Count} dari {pages.Count}");
    }
}
