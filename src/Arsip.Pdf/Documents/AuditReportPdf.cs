using Arsip.Pdf.Layout;

namespace Arsip.Pdf;

public static class AuditReportPdf
{
    private const float TableFontSize = 8.5f;

    public static byte[] Render(AuditReportDocument report)
    {
        var theme = new Theme(report.Letterhead, fontSize: 11);
        var cell = theme.Body.WithSize(TableFontSize);
        var mono = cell with { Family = Fonts.FontCatalog.Get("Liberation Mono"), Size = TableFontSize - 1.5f };

        var table = new Table(
            ColumnWidth.Fixed(26), ColumnWidth.Share(1.1f), ColumnWidth.Share(1.1f), ColumnWidth.Share(1.2f),
            ColumnWidth.Share(1.1f), ColumnWidth.Share(2f), ColumnWidth.Share(1.3f)) { Padding = 2.5f };
        table.Header(new[] { "#", "Waktu", "Pelaku", "Jabatan", "Peristiwa", "Keterangan", "Hash" }
            .Select(h => new TableCell(new Paragraph(h, cell.AsBold()) { Align = TextAlign.Center }, Fill: Theme.HeaderFill))
            .ToArray());
        foreach (var e in report.Events)
        {
            table.Row(
                new Paragraph(e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), cell),
                new Paragraph(IndonesianDate.FormatDateTime(e.At), cell),
                new Paragraph(e.Actor, cell),
                new Paragraph(e.Position, cell),
                new Paragraph(e.Event, cell),
                new Paragraph(e.Details, cell),
                new Paragraph(e.Hash, mono));
        }

        var body = new Column(
            LetterheadSection.Compose(theme),
            new Paragraph(report.Title, theme.Bold.WithSize(13)) { Align = TextAlign.Center, SpaceAfter = 8 },
            theme.Fields(report.LetterSummary, 90),
            new Spacer(10),
            table);
        var decorations = new List<PageDecoration>
        {
            new PageNumber(cell, p => $"{report.Title} \u2013 Halaman {p.Number} dari {p.Count}", atTop: false),
        };
        decorations.AddRange(theme.StateMarks(isDraft: false, report.Security));
        var info = new DocumentInfo(report.Title, report.Letterhead.UnitName, report.Title, "Riwayat, Audit", report.GeneratedAt);
        return PdfComposer.Render(new DocumentSpec(theme.PortraitPage(), info, body, decorations));
    }
}
