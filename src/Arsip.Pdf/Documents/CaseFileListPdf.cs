using Arsip.Pdf.Layout;

namespace Arsip.Pdf;

/// <summary>Renders a daftar berkas or daftar arsip aktif as a landscape table with its header row on every page.</summary>
public static class CaseFileListPdf
{
    private const float TableFontSize = 8.5f;

    /// <summary>Renders the list; safe to call concurrently.</summary>
    public static byte[] Render(CaseFileListDocument list)
    {
        var theme = new Theme(list.Letterhead, fontSize: 11);
        var cell = theme.Body.WithSize(TableFontSize);
        var bold = cell.AsBold();
        var columns = CaseFileListColumns.For(list.Kind);
        var title = CaseFileListColumns.Title(list.Kind);

        var table = new Table(columns.Select(c => ColumnWidth.Share(c.Share)).ToArray()) { Padding = 2.5f }
            .Header(columns.Select(c => new TableCell(new Paragraph(c.Title, bold) { Align = TextAlign.Center }, Fill: Theme.HeaderFill)).ToArray());
        foreach (var file in list.Files)
        {
            // in the daftar arsip aktif the berkas line is bold and shaded, its items follow under it
            var fileStyle = list.Kind == CaseFileListKind.ActiveRecords ? bold : cell;
            table.Row(columns.Select(c => new TableCell(new Paragraph(c.File(file), fileStyle),
                Fill: list.Kind == CaseFileListKind.ActiveRecords ? Theme.HeaderFill : null)).ToArray());
            foreach (var item in file.Items)
                table.Row(columns.Select(c => (Block)new Paragraph(c.Item?.Invoke(item) ?? "", cell)).ToArray());
        }

        var scope = list.Year is { } year ? $"tahun {year}" : $"keadaan {IndonesianDate.Format(list.AsOf)}";
        var body = new Column(
            new Paragraph(string.Join("\n", [.. list.Letterhead.NameLines, list.Letterhead.UnitName]), theme.Bold) { Align = TextAlign.Center },
            new Spacer(4),
            new Paragraph(title, theme.Bold.WithSize(13)) { Align = TextAlign.Center },
            new Paragraph($"Unit pengolah: {list.UnitName}, {scope}", theme.Body) { Align = TextAlign.Center },
            new Spacer(8),
            list.Files.Count == 0 ? new Paragraph("Tidak ada berkas.", theme.Body) : table);

        var footer = new PageNumber(theme.Body.WithSize(9),
            p => $"{title} \u2013 {list.UnitName} \u2013 dicetak {IndonesianDate.FormatDateTime(list.GeneratedAt)} \u2013 Halaman {p.Number} dari {p.Count}", atTop: false);
        var info = new DocumentInfo(
            Title: $"{title} {list.UnitName} {scope}",
            Author: list.Letterhead.UnitName,
            Subject: title,
            Keywords: list.Kind == CaseFileListKind.Register ? "Daftar Berkas" : "Daftar Arsip Aktif",
            Created: list.GeneratedAt);
        return PdfComposer.Render(new DocumentSpec(theme.LandscapePage(), info, body, [footer]));
    }
}
