using Arsip.Pdf;

namespace Arsip.Tests.Pdf;

/// <summary>Renders one of each document into TestResults/pdf-samples (PDF plus PNG pages) for a person to look at.</summary>
public class SampleRenderTests
{
    public static TheoryData<string> Names => ["surat-dinas", "surat-dinas-draf", "nota-dinas", "surat-undangan-rahasia", "lembar-disposisi", "buku-agenda-masuk", "buku-agenda-keluar", "riwayat-surat"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Renders_sample(string name)
    {
        var pdf = name switch
        {
            "surat-dinas" => LetterPdf.Render(Samples.Letter(paragraphs: 8)),
            "surat-dinas-draf" => LetterPdf.Render(Samples.Letter() with { IsDraft = true, Number = null }),
            "nota-dinas" => LetterPdf.Render(Samples.NotaDinas()),
            "surat-undangan-rahasia" => LetterPdf.Render(Samples.Invitation() with { Security = PrintedSecurity.Rahasia }),
            "lembar-disposisi" => RoutingSlipPdf.Render(Samples.RoutingSlip(extraDispositions: 12)),
            "buku-agenda-masuk" => AgendaBookPdf.Render(Samples.AgendaBook(60)),
            "buku-agenda-keluar" => AgendaBookPdf.Render(Samples.AgendaBook(25, AgendaDirection.Outgoing)),
            "riwayat-surat" => AuditReportPdf.Render(Samples.AuditReport(40)),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        PdfSamples.Save(name, pdf);
        PdfRead.Pages(pdf).ShouldNotBeEmpty();
    }
}
