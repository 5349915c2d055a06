using Arsip.Pdf;

namespace Arsip.Tests.Pdf;

public class RoutingSlipPdfTests
{
    [Fact]
    public void Prints_the_letter_details_then_the_disposition_tree_in_order()
    {
        var text = PdfRead.Text(RoutingSlipPdf.Render(Samples.RoutingSlip()));
        text.ShouldAppendInOrder("LEMBAR DISPOSISI", "Surat dari", "Arsip Nasional Republik Indonesia", "Nomor surat", "B-99/IJ/KP.07.6/11/2026",
            "Diterima tanggal", "20 November 2026", "Tanggal surat", "18 November 2026", "Nomor agenda", "0457/SM/2026",
            "Sifat", "Terbatas", "Kecepatan", "Segera", "Klasifikasi", "000.5.2", "Hal", "Permintaan data",
            "Disposisi", "No.", "Dari", "Kepada", "Instruksi", "Batas waktu", "Paraf", "Tindak lanjut",
            "1", "Sekretaris Daerah", "Asisten Administrasi Umum", "(utama)", "Kepala Bagian Hukum", "Tindak lanjuti", "Koordinasikan",
            "Siapkan data", "27 November 2026", "Reza Luthfi Hasan", "20 November 2026 10.15", "Diteruskan",
            "1.1", "Asisten Administrasi Umum", "Kepala Bagian Umum", "Selesaikan", "Siti Aminah", "Selesai");
    }

    [Fact]
    public void Nested_dispositions_are_indented_by_depth()
    {
        var page = PdfRead.Pages(RoutingSlipPdf.Render(Samples.RoutingSlip()))[0];
        var top = PdfRead.Words(page, "Sekretaris").First();
        var nested = PdfRead.Words(page, "Asisten").First(w => w.BoundingBox.Bottom < top.BoundingBox.Bottom - 20 && w.BoundingBox.Left < page.Width / 3);
        nested.BoundingBox.Left.ShouldBeGreaterThan(top.BoundingBox.Left + 5);
    }

    [Fact]
    public void A_long_tree_continues_over_pages_with_the_header_repeated()
    {
        var pages = PdfRead.Pages(RoutingSlipPdf.Render(Samples.RoutingSlip(extraDispositions: 40)));
        pages.Count.ShouldBeGreaterThan(1);
        pages.ShouldAllBe(p => p.Text.Contains("Instruksi") && p.Text.Contains("Tindak lanjut"));
        pages[^1].Text.ShouldContain("Tata Usaha 40");
        pages[^1].Text.ShouldContain($"Halaman {pages.Count} dari {pages.Count}");
    }

    [Fact]
    public void Secret_slips_carry_the_red_mark()
    {
        var pages = PdfRead.Pages(RoutingSlipPdf.Render(Samples.RoutingSlip() with { Security = PrintedSecurity.SangatRahasia }));
        pages.ShouldAllBe(p => PdfRead.Words(p, "RAHASIA").Count == 2);
    }
}
