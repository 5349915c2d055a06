using System.Text;
using Arsip.Pdf;

namespace Arsip.Tests.Pdf;

public class AgendaBookTests
{
    [Fact]
    public void Thousand_rows_span_many_landscape_pages_with_the_header_on_each()
    {
        var pdf = AgendaBookPdf.Render(Samples.AgendaBook(1000));
        var pages = PdfRead.Pages(pdf);
        pages.Count.ShouldBeInRange(40, 120);
        foreach (var page in pages)
        {
            page.Width.ShouldBeGreaterThan(page.Height);
            page.Text.ShouldAppendInOrder("No. agenda", "Tanggal terima", "Pengirim", "Tanggal surat", "Nomor surat", "Perihal", "Lampiran",
                "Diteruskan kepada", "Keterangan");
        }
        pages[0].Text.ShouldAppendInOrder("BUKU AGENDA SURAT MASUK", "Bagian Umum", "1 Januari 2026 s.d. 31 Desember 2026", "No. agenda", "0001");
        pages[^1].Text.ShouldContain("800.1.11.1/1000/Setda/2026");
        pages[^1].Text.ShouldContain($"Halaman {pages.Count} dari {pages.Count}");
        // Every row printed exactly once, in order.
        PdfRead.Text(pdf).ShouldAppendInOrder(Enumerable.Range(1, 1000).Select(i => $"800.1.11.1/{i}/Setda/2026").ToArray());
    }

    [Fact]
    public void Outgoing_book_has_its_own_columns()
    {
        var text = PdfRead.Text(AgendaBookPdf.Render(Samples.AgendaBook(3, AgendaDirection.Outgoing)));
        text.ShouldAppendInOrder("BUKU AGENDA SURAT KELUAR", "No.", "Nomor surat", "Tanggal surat", "Tanggal kirim", "Jenis", "Tujuan", "Perihal", "Lampiran", "Keterangan");
        text.ShouldNotContain("Diteruskan kepada");
    }

    [Fact]
    public void Csv_starts_with_a_bom_and_the_header_row()
    {
        var csv = WriteCsv(Samples.AgendaBook(2));
        csv[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n");
        lines[0].ShouldBe("No. agenda,Tanggal terima,Pengirim,Tanggal surat,Nomor surat,Perihal,Lampiran,Diteruskan kepada,Keterangan");
        lines[1].ShouldStartWith("0001,2 Januari 2026,Badan Kepegawaian");
        lines.Length.ShouldBe(4); // header, two rows, and the empty string after the final CRLF
    }

    [Fact]
    public void Csv_quotes_commas_quotes_and_line_breaks()
    {
        var entry = Samples.AgendaBook(1).Entries[0] with
        {
            Correspondent = "Dinas \"Kominfo\", Kota Bekasi",
            Subject = "Baris satu\nbaris dua",
            Remarks = "biasa",
        };
        var csv = Encoding.UTF8.GetString(WriteCsv(Samples.AgendaBook(1) with { Entries = [entry] })[3..]);
        csv.ShouldContain(",\"Dinas \"\"Kominfo\"\", Kota Bekasi\",");
        csv.ShouldContain(",\"Baris satu\nbaris dua\",");
        csv.ShouldEndWith(",biasa\r\n");
    }

    [Fact]
    public void Csv_outgoing_header()
    {
        var book = Samples.AgendaBook(1, AgendaDirection.Outgoing);
        var csv = Encoding.UTF8.GetString(WriteCsv(book with { Entries = [book.Entries[0] with { Kind = "Surat Tugas" }] })[3..]);
        csv.ShouldStartWith("No.,Nomor surat,Tanggal surat,Tanggal kirim,Jenis,Tujuan,Perihal,Lampiran,Keterangan\r\n");
        csv.Split("\r\n")[1].Split(',')[4].ShouldBe("Surat Tugas");
    }

    private static byte[] WriteCsv(AgendaBookDocument book)
    {
        using var stream = new MemoryStream();
        AgendaBookCsv.Write(book, stream);
        return stream.ToArray();
    }
}
