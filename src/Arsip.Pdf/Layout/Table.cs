using SkiaSharp;

namespace Arsip.Pdf.Layout;

internal readonly record struct ColumnWidth(float Value, bool Relative)
{
    public static ColumnWidth Fixed(float points) => new(points, false);
    public static ColumnWidth Share(float weight = 1) => new(weight, true);
}

internal sealed record TableCell(Block Content, int ColumnSpan = 1, SKColor? Fill = null);

/// <summary>Rows never split; header rows repeat on continuation pages; without borders it also lays out the letter head and signature block side by side.</summary>
internal sealed class Table(params ColumnWidth[] columns) : Block
{
    private static readonly SKColor BorderColor = SKColors.Black;
    private const float BorderWidth = 0.5f;

    private readonly List<TableCell[]> _header = [];
    private readonly List<TableCell[]> _rows = [];

    public bool Borders { get; init; } = true;
    public float Padding { get; init; } = 3;

    public Table Header(params TableCell[] cells)
    {
        _header.Add(cells);
        return this;
    }

    public Table Row(params TableCell[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public Table Row(params Block[] cells) => Row(cells.Select(c => new TableCell(c)).ToArray());

    public override IEnumerable<Slice> Layout(LayoutContext context, float width)
    {
        var widths = ResolveWidths(width);
        Slice? header = null;
        if (_header.Count > 0)
            header = Slice.Stack(_header.Select(r => LayoutRow(context, r, widths)).ToList()) with { KeepWithNext = _rows.Count > 0 };
        if (header is not null) yield return header;
        foreach (var row in _rows)
            yield return LayoutRow(context, row, widths) with { RepeatedHeader = header is null ? null : header with { KeepWithNext = false } };
    }

    private float[] ResolveWidths(float width)
    {
        var fixedTotal = columns.Where(c => !c.Relative).Sum(c => c.Value);
        var shares = columns.Where(c => c.Relative).Sum(c => c.Value);
        var perShare = shares > 0 ? Math.Max(0, width - fixedTotal) / shares : 0;
        return columns.Select(c => c.Relative ? c.Value * perShare : c.Value).ToArray();
    }

    private Slice LayoutRow(LayoutContext context, TableCell[] cells, float[] widths)
    {
        var placed = new List<(float X, float Width, Slice Content, SKColor? Fill)>();
        var column = 0;
        var x = 0f;
        foreach (var cell in cells)
        {
            var span = Math.Min(cell.ColumnSpan, widths.Length - column);
            var cellWidth = widths.Skip(column).Take(span).Sum();
            var content = Slice.Stack(cell.Content.Layout(context, Math.Max(1, cellWidth - 2 * Padding)).ToList());
            placed.Add((x, cellWidth, content, cell.Fill));
            x += cellWidth;
            column += span;
        }
        var height = placed.Count == 0 ? 0 : placed.Max(p => p.Content.Height) + 2 * Padding;
        return new Slice(height, (dc, left, top) =>
        {
            foreach (var (cx, cw, content, fill) in placed)
            {
                if (fill is { } color) dc.Canvas.DrawRect(left + cx, top, cw, height, dc.Fill(color));
                content.Draw(dc, left + cx + Padding, top + Padding);
                if (Borders) dc.Canvas.DrawRect(left + cx, top, cw, height, dc.Stroke(BorderColor, BorderWidth));
            }
        });
    }
}
