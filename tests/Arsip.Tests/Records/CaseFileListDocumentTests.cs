using System.Text;
using Arsip.Pdf;
using Arsip.Records;
using Arsip.Tests.Pdf;

namespace Arsip.Tests.Records;

/// <summary>The printed lists of berkas: kurun waktu, the CSV's encoding and quoting, the PDF read back.</summary>
public class CaseFileListDocumentTests
{
    private static readonly PrintedLetterhead Kop = new() { NameLines = ["PEMERINTAH KOTA BEKASI"], UnitName = "BAGIAN UMUM" };

    private static CaseFileListDocument List(CaseFileListKind kind, params CaseFileLine[] files) => new()
    {
        Letterhead = Kop, Kind = kind, UnitName = "Bagian Umum", AsOf = new DateOnly(2026, 11, 24), Files = files,
        GeneratedAt = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(7)),
    };

    private static readonly CaseFileLine File = new()
    {
        Number = "3/2026", Classification = "000.5", Title = "Rapat \"Koordinasi\", Kearsipan", Period = "Maret 2026", Count = 2,
        Remarks = "Terbuka",
        Items =
        [
            new CaseFileItemLine { Number = 1, Description = "Undangan rapat; nomor 005/1; tanggal 2 Maret 2026", Remarks = "Surat masuk dari Dinas A,\nagenda 1/2026" },
            new CaseFileItemLine { Number = 2, Description = "Notula rapat" },
        ],
    };

    private static string[] Csv(CaseFileListDocument list, out byte[] bytes)
    {
        using var output = new MemoryStream();
        CaseFileRegisterCsv.Write(list, output);
        bytes = output.ToArray();
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-30", "Maret 2026")]
    [InlineData("2026-01-05", "2026-03-30", "Januari\u2013Maret 2026")]
    [InlineData("2025-12-05", "2026-01-30", "Desember 2025\u2013Januari 2026")]
    [InlineData("2025-12-05", null, "sejak Desember 2025")]
    [InlineData(null, null, "-")]
    public void Kurun_waktu_is_written_as_the_forms_write_it(string? from, string? to, string expected) =>
        CaseFileLists.Period(from is null ? null : DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to)).ShouldBe(expected);

    [Fact]
    public void The_active_records_CSV_has_a_BOM_CRLF_and_one_row_per_item_quoted_where_needed()
    {
        var lines = Csv(List(CaseFileListKind.ActiveRecords, File), out var bytes);
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        lines[0].ShouldBe("Nomor berkas,Kode klasifikasi,Uraian informasi berkas,Kurun waktu,Jumlah item,Keterangan berkas,Nomor item,Uraian informasi arsip,Tingkat perkembangan,Jumlah,Keterangan");
        lines[1].ShouldBe("3/2026,000.5,\"Rapat \"\"Koordinasi\"\", Kearsipan\",Maret 2026,2,Terbuka,1,Undangan rapat; nomor 005/1; tanggal 2 Maret 2026,Asli,1 naskah,\"Surat masuk dari Dinas A,\nagenda 1/2026\"");
        lines[2].ShouldBe("3/2026,000.5,\"Rapat \"\"Koordinasi\"\", Kearsipan\",Maret 2026,2,Terbuka,2,Notula rapat,Asli,1 naskah,");
        lines[3].ShouldBe("");
        lines.Length.ShouldBe(4);
    }

    [Fact]
    public void An_empty_list_still_names_its_columns()
    {
        var lines = Csv(List(CaseFileListKind.Register), out _);
        lines.ShouldBe(["Nomor berkas,Kode klasifikasi,Uraian informasi berkas,Kurun waktu,Jumlah,Keterangan", ""]);
    }

    [Fact]
    public void The_register_PDF_is_a_landscape_PDF_A_with_title_unit_and_page_number()
    {
        var pdf = CaseFileListPdf.Render(List(CaseFileListKind.Register, File) with { Year = 2026 });
        PdfSamples.Save("daftar-berkas", pdf);
        var pages = PdfRead.Pages(pdf);
        pages.Count.ShouldBe(1);
        pages[0].Width.ShouldBeGreaterThan(pages[0].Height);
        var text = PdfRead.Text(pdf);
        text.ShouldAppendInOrder("PEMERINTAH KOTA BEKASI", "DAFTAR BERKAS", "Unit pengolah: Bagian Umum, tahun 2026", "Nomor berkas", "3/2026", "Rapat");
        text.ShouldContain("dicetak 24 November 2026 09.30");
        text.ShouldContain("Halaman 1 dari 1");
        text.ShouldNotContain("Notula rapat"); // the register lists berkas, not their items
        Encoding.Latin1.GetString(pdf).ShouldContain("<pdfaid:part>2</pdfaid:part>");
    }
}
