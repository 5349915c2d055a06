using Arsip.Pdf;

namespace Arsip.Tests.Pdf;

/// <summary>The pemusnahan documents read back: the berita acara lists exactly its records and names who assessed, approved and executed.</summary>
public class DisposalPdfTests
{
    private static readonly PrintedLetterhead Kop = new() { NameLines = ["PEMERINTAH KOTA BEKASI"], UnitName = "SEKRETARIAT DAERAH" };

    private static DestroyedRecordLine Record(int n) => new()
    {
        CaseFile = "3/2019 Bagian Umum", Number = $"005/{n}/DLH/2019", Date = new DateOnly(2019, 3, n), Correspondent = "Dinas Lingkungan Hidup",
        Subject = $"Undangan rapat kebersihan ke-{n}", Classification = "000.1",
    };

    [Fact]
    public void The_berita_acara_writes_the_date_in_words_and_lists_every_destroyed_record_across_pages()
    {
        var pdf = DisposalPdf.RenderReport(new DisposalReportDocument
        {
            Letterhead = Kop, Reference = "BA-PMS/4/2026", Place = "Bekasi", Date = new DateOnly(2026, 11, 24),
            Committee = [new NamedPerson("Drs. Agus Salim, M.Si.", "Ketua (Kepala Bagian Umum)"), new NamedPerson("Yusuf Maulana, A.Md.", "Anggota (Arsiparis Ahli Pertama)")],
            ApprovedBy = new NamedPerson("Tri Adhianto Tjahyono", "Wali Kota Bekasi"), ApprovedOn = new DateOnly(2026, 11, 20),
            ExternalApproval = "Arsip Nasional Republik Indonesia nomor B-12/ANRI/2026 tanggal 18 November 2026",
            ExecutedBy = new NamedPerson("Yusuf Maulana, A.Md.", "Arsiparis Ahli Pertama"),
            Records = [.. Enumerable.Range(1, 28).Select(Record)],
            SkippedNotes = ["Berkas 4/2019 Bagian Umum ditangguhkan sejak disetujui (LHP 7/2026: Pemeriksaan BPK); tidak dimusnahkan."],
            GeneratedAt = Samples.Generated,
        });
        PdfSamples.Save("berita-acara-pemusnahan", pdf);
        var pages = PdfRead.Pages(pdf);
        pages.Count.ShouldBeGreaterThan(1);
        var text = string.Join(" ", PdfRead.Text(pdf).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        text.ShouldContain("BERITA ACARA PEMUSNAHAN ARSIP");
        text.ShouldContain("Nomor: BA-PMS/4/2026");
        text.ShouldContain("hari Selasa tanggal dua puluh empat bulan November tahun dua ribu dua puluh enam");
        text.ShouldContain("B-12/ANRI/2026");
        text.ShouldContain("LHP 7/2026");
        text.ShouldContain($"Halaman 1 dari {pages.Count}");
        System.Text.RegularExpressions.Regex.Count(text, "Undangan rapat kebersihan ke-").ShouldBe(28);
        text.ShouldContain("ke-28");
        text.ShouldNotContain("ke-29");
    }

    [Fact]
    public void The_list_shows_each_berkas_with_its_retention_and_fate()
    {
        var pdf = DisposalPdf.RenderList(new DisposalListDocument
        {
            Letterhead = Kop, ProposedOn = new DateOnly(2026, 11, 2), ProposedBy = "Yusuf Maulana, A.Md.", Status = "Penilaian panitia", GeneratedAt = Samples.Generated,
            Lines =
            [
                new DisposalListLine { Unit = "Bagian Umum", Number = "3/2019", Classification = "000.1", Title = "Rapat kebersihan", Period = "Maret 2019", Count = 28, Retention = "2 th aktif, 5 th inaktif", Remarks = "Dalam usul" },
                new DisposalListLine { Unit = "Bagian Umum", Number = "4/2019", Classification = "000.1", Title = "Pengadaan ATK", Period = "2019", Count = 3, Retention = "2 th aktif, 8 th inaktif", Remarks = "Dipertahankan 3 tahun" },
            ],
        });
        PdfSamples.Save("daftar-arsip-usul-musnah", pdf);
        var text = PdfRead.Text(pdf);
        text.ShouldContain("DAFTAR ARSIP USUL MUSNAH");
        text.ShouldContain("Rapat kebersihan");
        text.ShouldContain("Dipertahankan 3 tahun");
        text.ShouldContain("Halaman 1 dari 1");
    }
}
