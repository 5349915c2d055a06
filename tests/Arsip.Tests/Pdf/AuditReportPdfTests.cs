using Arsip.Pdf;

namespace Arsip.Tests.Pdf;

public class AuditReportPdfTests
{
    [Fact]
    public void Lists_every_event_in_order_with_the_header_on_each_page()
    {
        var model = Samples.AuditReport(120);
        var pdf = AuditReportPdf.Render(model);
        var pages = PdfRead.Pages(pdf);
        pages.Count.ShouldBeGreaterThan(2);
        pages.ShouldAllBe(p => p.Text.Contains("Peristiwa") && p.Text.Contains("Hash"));
        pages[0].Text.ShouldAppendInOrder("RIWAYAT SURAT", "Nomor", "000.1.2/15/Setda", "Hal", "Penertiban");
        // Hashes are printed whole (possibly wrapped), in event order.
        var text = string.Concat(PdfRead.Text(pdf).Where(c => !char.IsWhiteSpace(c)));
        text.ShouldAppendInOrder(model.Events.Select(e => e.Hash).ToArray());
    }
}
