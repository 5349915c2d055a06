namespace Arsip.Pdf.Layout;

/// <summary>Each line becomes its own slice, so paragraphs flow across pages.</summary>
internal sealed class Paragraph : Block
{
    private readonly List<(string Text, TextStyle Style)> _spans = [];

    public Paragraph(string text, TextStyle style) => _spans.Add((text, style));

    public TextAlign Align { get; init; }

    public float Indent { get; init; }

    public float FirstLineIndent { get; init; }

    public string? Marker { get; init; }

    public float MarkerIndent { get; init; }
    public float SpaceAfter { get; init; }

    public float LineSpacing { get; init; } = 1;

    public Paragraph Span(string text, TextStyle style)
    {
        _spans.Add((text, style));
        return this;
    }

    public override IEnumerable<Slice> Layout(LayoutContext context, float width)
    {
        var baseStyle = _spans[0].Style;
        var lines = new List<TextLine>();
        foreach (var hardLine in Tokenize(context))
            lines.AddRange(Break(hardLine, width, baseStyle, first: lines.Count == 0));

        var marker = Marker is null ? null : TextLine.Single(context, Marker, baseStyle);
        var slices = new List<Slice>(lines.Count + 1);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var lineMarker = i == 0 ? marker : null;
            slices.Add(new Slice(line.Height, (dc, x, y) =>
            {
                lineMarker?.Draw(dc, x + MarkerIndent, y);
                line.Draw(dc, x, y);
            }));
        }
        if (SpaceAfter > 0) slices.Add(Slice.Space(SpaceAfter));
        return slices;
    }

    private List<List<Unit>> Tokenize(LayoutContext context)
    {
        var hardLines = new List<List<Unit>> { new() };
        var spacePending = false;
        foreach (var (text, style) in _spans)
        {
            var segments = text.Split('\n');
            for (var s = 0; s < segments.Length; s++)
            {
                if (s > 0)
                {
                    hardLines.Add([]);
                    spacePending = false;
                }
                var segment = segments[s];
                var pos = 0;
                while (pos < segment.Length)
                {
                    if (char.IsWhiteSpace(segment[pos]))
                    {
                        spacePending = true;
                        pos++;
                        continue;
                    }
                    var end = pos;
                    while (end < segment.Length && !char.IsWhiteSpace(segment[end])) end++;
                    var word = context.Measure(segment[pos..end], style);
                    var units = hardLines[^1];
                    if (!spacePending && units.Count > 0) units[^1].Words.Add(word);
                    else units.Add(new Unit([word]));
                    spacePending = false;
                    pos = end;
                }
            }
        }
        return hardLines;
    }

    private IEnumerable<TextLine> Break(List<Unit> units, float width, TextStyle baseStyle, bool first)
    {
        if (units.Count == 0)
        {
            yield return new TextLine([], baseStyle, LineSpacing);
            yield break;
        }
        var start = 0;
        while (start < units.Count)
        {
            var left = Indent + (first ? FirstLineIndent : 0);
            var available = width - left;
            SplitIfTooWide(units, start, available);
            var end = start;
            var natural = units[start].Width;
            while (end + 1 < units.Count && natural + units[end].SpaceWidth + units[end + 1].Width <= available)
            {
                natural += units[end].SpaceWidth + units[end + 1].Width;
                end++;
            }
            var isLast = end == units.Count - 1;
            yield return Place(units, start, end, left, available, natural, isLast);
            start = end + 1;
            first = false;
        }
    }

    private TextLine Place(List<Unit> units, int start, int end, float left, float available, float natural, bool isLast)
    {
        var gaps = end - start;
        var extraPerGap = Align == TextAlign.Justify && !isLast && gaps > 0 ? Math.Max(0, (available - natural) / gaps) : 0;
        var x = left + Align switch
        {
            TextAlign.Center => Math.Max(0, (available - natural) / 2),
            TextAlign.Right => Math.Max(0, available - natural),
            _ => 0,
        };
        var placed = new List<PlacedWord>();
        for (var u = start; u <= end; u++)
        {
            var words = units[u].Words;
            for (var w = 0; w < words.Count; w++)
            {
                // A space glyph also ends a wrapped line, so extracted text keeps its word boundaries.
                var trailingSpace = w == words.Count - 1 && (u < end || !isLast) && !units[u].Glued;
                placed.Add(new PlacedWord(words[w], x, trailingSpace));
                x += words[w].Width;
            }
            x += units[u].SpaceWidth + extraPerGap;
        }
        return new TextLine(placed, units[start].Words[0].Style, LineSpacing);
    }

    /// <summary>A single word wider than the line is cut; the pieces join without a space.</summary>
    private static void SplitIfTooWide(List<Unit> units, int index, float available)
    {
        var unit = units[index];
        if (unit.Width <= available || unit.Words.Count != 1 || unit.Words[0].Shaped.Glyphs.Length < 2) return;
        var (head, tail) = unit.Words[0].SplitToFit(available);
        units[index] = new Unit([head]) { Glued = true };
        units.Insert(index + 1, new Unit([tail]));
    }

    /// <summary>Words joined without spaces (e.g. a bold name followed by a comma in another style).</summary>
    private sealed record Unit(List<Word> Words)
    {
        public bool Glued { get; init; }

        public float Width => Words.Sum(w => w.Width);
        public float SpaceWidth => Glued ? 0 : Words[^1].SpaceWidth;
    }
}
