using Arsip.Pdf.Layout;

namespace Arsip.Pdf;

/// <summary>Renders a buku agenda as a landscape table with its header row on every page.</summary>
public static class AgendaBookPdf
{
    private const float TableFontSize = 8.5f;

    /// <summary>Renders the register; safe to call concurrently.</summary>
    public static byte[] Render(AgendaBookDocument book)
    {
        var theme = new Theme(book.Letterhead, fontSize: 11);
        var cell = theme.Body.WithSize(TableFontSize);
        var columns = AgendaColumns.For(book.Direction);
        var title = AgendaColumns.Title(book.Direction);

        var table = new Table(columns.Select(c => ColumnWidth.Share(c.Share)).ToArray()) { Padding = 2.5f }
            .Header(columns.Select(c => new TableCell(new Paragraph(c.Title, cell.AsBold()) { Align = TextAlign.Center }, Fill: Theme.HeaderFill)).ToArray());
        foreach (var entry in book.Entries)
            table.Row(columns.Select(c => (Block)new Paragraph(c.Value(entry), cell)).ToArray());

        var body = new Column(
            new Paragraph(string.Join("\n", [.. book.Letterhead.NameLines, book.Letterhead.UnitName]), theme.Bold) { Align = TextAlign.Center },
            new Spacer(4),
            new Paragraph(title, theme.Bold.WithSize(13)) { Align = TextAlign.Center },
            new Paragraph($"Unit kerja: {book.UnitName}, periode {IndonesianDate.Format(book.From)} s.d. {IndonesianDate.Format(book.To)}", theme.Body) { Align = TextAlign.Center },
            new Spacer(8),
            table);

        var footer = new PageNumber(theme.Body.WithSize(9), p => $"{title} \u2013 {book.UnitName} \u2013 Halaman {p.Number} dari {p.Count}", atTop: false);
        var info = new DocumentInfo(
            Title: $"{title} {book.UnitName} {IndonesianDate.Format(book.From)} s.d. {IndonesianDate.Format(book.To)}",
            Author: book.Letterhead.UnitName,
            Subject: title,
            Keywords: "Buku Agenda",
            Created: book.GeneratedAt);
        return PdfComposer.Render(new DocumentSpec(theme.LandscapePage(), info, body, [footer]));
    }
}
