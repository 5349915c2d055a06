using Arsip.Pdf.Layout;

namespace Arsip.Pdf;

public static class RoutingSlipPdf
{
    private const float TableFontSize = 9.5f;
    private const float DepthIndent = 10;

    public static byte[] Render(RoutingSlipDocument slip)
    {
        var theme = new Theme(slip.Letterhead);
        var small = theme.Body.WithSize(TableFontSize);
        var body = new Column(
            LetterheadSection.Compose(theme),
            new Paragraph("LEMBAR DISPOSISI", theme.Bold.WithSize(theme.Body.Size + 2)) { Align = TextAlign.Center },
            new Spacer(8),
            Details(slip, small),
            new Spacer(12),
            new KeepWithNext(new Paragraph("Disposisi", small.AsBold().WithSize(TableFontSize + 1)) { SpaceAfter = 4 }),
            Dispositions(slip.Dispositions, small));

        var decorations = new List<PageDecoration>
        {
            new PageNumber(small, p => $"Halaman {p.Number} dari {p.Count}", atTop: false),
        };
        decorations.AddRange(theme.StateMarks(isDraft: false, slip.Security));
        var info = new DocumentInfo(
            Title: $"Lembar Disposisi {slip.AgendaNumber}",
            Author: slip.Letterhead.UnitName,
            Subject: slip.Subject,
            Keywords: string.Join(", ", new[] { "Lembar Disposisi", slip.LetterNumber, slip.Classification }.OfType<string>()),
            Created: slip.GeneratedAt);
        return PdfComposer.Render(new DocumentSpec(theme.PortraitPage(), info, body, decorations));
    }

    /// <summary>Two label/value pairs per row, bordered, as on the printed form.</summary>
    private static Table Details(RoutingSlipDocument slip, TextStyle style)
    {
        TableCell Label(string text) => new(new Paragraph(text, style.AsBold()), Fill: Theme.HeaderFill);
        TableCell Value(string text, int span = 1) => new(new Paragraph(text, style), span);

        return new Table(ColumnWidth.Share(0.9f), ColumnWidth.Share(1.6f), ColumnWidth.Share(0.9f), ColumnWidth.Share(1.6f))
            .Row(Label("Surat dari"), Value(slip.Origin, span: 3))
            .Row(Label("Nomor surat"), Value(slip.LetterNumber), Label("Diterima tanggal"), Value(IndonesianDate.Format(slip.ReceivedOn)))
            .Row(Label("Tanggal surat"), Value(IndonesianDate.Format(slip.LetterDate)), Label("Nomor agenda"), Value(slip.AgendaNumber))
            .Row(Label("Sifat"), Value(PrintedLabels.Of(slip.Security)), Label("Kecepatan"), Value(PrintedLabels.Of(slip.Urgency)))
            .Row(Label("Klasifikasi"), Value(slip.Classification ?? "-", span: 3))
            .Row(Label("Hal"), Value(slip.Subject, span: 3));
    }

    private static Table Dispositions(IReadOnlyList<DispositionNode> roots, TextStyle style)
    {
        var header = new[] { "No.", "Dari", "Kepada", "Instruksi", "Batas waktu", "Paraf", "Tindak lanjut" }
            .Select(h => new TableCell(new Paragraph(h, style.AsBold()) { Align = TextAlign.Center }, Fill: Theme.HeaderFill))
            .ToArray();
        var table = new Table(
            ColumnWidth.Fixed(28), ColumnWidth.Share(1.5f), ColumnWidth.Share(1.4f), ColumnWidth.Share(1.3f),
            ColumnWidth.Share(0.95f), ColumnWidth.Share(1.2f), ColumnWidth.Share(1.05f)).Header(header);
        foreach (var (node, number, depth) in Flatten(roots, prefix: "", depth: 0))
            table.Row(Row(node, number, depth, style));
        return table;
    }

    private static IEnumerable<(DispositionNode Node, string Number, int Depth)> Flatten(IReadOnlyList<DispositionNode> nodes, string prefix, int depth)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            var number = $"{prefix}{i + 1}";
            yield return (nodes[i], number, depth);
            foreach (var child in Flatten(nodes[i].Children, number + ".", depth + 1))
                yield return child;
        }
    }

    private static Block[] Row(DispositionNode node, string number, int depth, TextStyle style)
    {
        var recipients = new Column(node.Recipients.Select(r => r.IsLead
            ? new Paragraph(r.Position, style.AsBold()).Span(" (utama)", style)
            : new Paragraph(r.Position, style)));
        var instructions = new Column(node.Instructions.Select(i => new Paragraph(i, style) { Marker = "\u2022", Indent = 8 }));
        if (node.Note is { } note) instructions.Add(new Paragraph(note, style with { Italic = true }));
        return
        [
            new Paragraph(number, style),
            new Paragraph(node.FromPosition, style) { Indent = depth * DepthIndent },
            recipients,
            instructions,
            new Paragraph(node.Deadline is { } d ? IndonesianDate.Format(d) : "-", style),
            new Paragraph($"{node.Initials.Name}\n{IndonesianDate.FormatDateTime(node.Initials.At)}", style),
            new Paragraph(node.FollowUp ?? "-", style),
        ];
    }
}
