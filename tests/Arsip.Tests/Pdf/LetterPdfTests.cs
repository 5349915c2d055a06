using Arsip.Pdf;
using UglyToad.PdfPig;

namespace Arsip.Tests.Pdf;

public class SampleRenderTests
{
    [Fact]
    public void Renders_samples()
    {
        PdfSamples.Save("surat-dinas", LetterPdf.Render(Samples.Letter()));
        PdfSamples.Save("nota-dinas", LetterPdf.Render(Samples.NotaDinas() with { IsDraft = true, Number = null }));
        PdfSamples.Save("surat-undangan", LetterPdf.Render(Samples.Invitation() with { Security = SecurityLevel.Rahasia }));
        PdfSamples.Save("lembar-disposisi", RoutingSlipPdf.Render(Samples.RoutingSlip(30)));
        PdfSamples.Save("buku-agenda", AgendaBookPdf.Render(Samples.AgendaBook(60)));
        using var document = PdfDocument.Open(LetterPdf.Render(Samples.Letter()));
        document.NumberOfPages.ShouldBeGreaterThan(0);
    }
}
