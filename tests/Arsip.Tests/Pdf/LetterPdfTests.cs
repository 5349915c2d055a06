using Arsip.Pdf;
using UglyToad.PdfPig;

namespace Arsip.Tests.Pdf;

public class LetterPdfTests
{
    [Fact]
    public void Renders_a_letter()
    {
        var pdf = LetterPdf.Render(Samples.Letter());
        PdfSamples.Save("surat-dinas", pdf);
        using var document = PdfDocument.Open(pdf);
        document.NumberOfPages.ShouldBe(1);
    }
}
