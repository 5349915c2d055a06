using SkiaSharp;

namespace Arsip.Pdf.Layout;

/// <summary>A word at its horizontal offset in a line; a trailing space glyph keeps extracted text readable.</summary>
internal sealed record PlacedWord(Word Word, float X, bool TrailingSpace);

internal sealed class TextLine
{
    /// <summary>Single line spacing as a multiple of the font size, the convention of word processors.</summary>
    private const float SingleSpacing = 1.15f;

    private readonly IReadOnlyList<PlacedWord> _words;

    public TextLine(IReadOnlyList<PlacedWord> words, TextStyle fallbackStyle, float lineSpacing)
    {
        _words = words;
        var styles = words.Count == 0 ? [fallbackStyle] : words.Select(w => w.Word.Style).Distinct().ToList();
        var ascent = styles.Max(s => -s.Face.Metrics.Ascent / 1000 * s.Size);
        var descent = styles.Max(s => s.Face.Metrics.Descent / 1000 * s.Size);
        var single = Math.Max(ascent + descent, styles.Max(s => s.Size) * SingleSpacing);
        Baseline = ascent + (single - ascent - descent) / 2;
        Height = single * lineSpacing;
        Width = words.Count == 0 ? 0 : words[^1].X + words[^1].Word.Width;
    }

    public float Height { get; }
    public float Baseline { get; }
    public float Width { get; }

    public static TextLine Single(LayoutContext context, string text, TextStyle style)
    {
        var words = new List<PlacedWord>();
        var x = 0f;
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var word = context.Measure(parts[i], style);
            var last = i == parts.Length - 1;
            words.Add(new PlacedWord(word, x, !last));
            x += word.Width + (last ? 0 : word.SpaceWidth);
        }
        return new TextLine(words, style, 1);
    }

    public void Draw(DrawContext dc, float x, float top)
    {
        var baseline = top + Baseline;
        var start = 0;
        while (start < _words.Count)
        {
            var style = _words[start].Word.Style;
            var end = start;
            while (end + 1 < _words.Count && _words[end + 1].Word.Style == style) end++;
            DrawRun(dc, x, baseline, start, end, style);
            start = end + 1;
        }
    }

    private void DrawRun(DrawContext dc, float x, float baseline, int start, int end, TextStyle style)
    {
        var glyphs = new List<ushort>();
        var xs = new List<float>();
        var spaceGlyph = style.Face.SpaceGlyph;
        for (var i = start; i <= end; i++)
        {
            var placed = _words[i];
            var shaped = placed.Word.Shaped;
            var gx = placed.X;
            for (var g = 0; g < shaped.Glyphs.Length; g++)
            {
                glyphs.Add(shaped.Glyphs[g]);
                xs.Add(gx);
                gx += shaped.Advances[g] * placed.Word.Scale;
            }
            if (placed.TrailingSpace)
            {
                glyphs.Add(spaceGlyph);
                xs.Add(gx);
            }
        }
        if (glyphs.Count == 0) return;

        var font = dc.Font(style.Face, style.Size);
        var paint = dc.Fill(style.Color);
        using (var builder = new SKTextBlobBuilder())
        {
            builder.AddHorizontalRun(glyphs.ToArray(), font, xs.ToArray(), 0);
            using var blob = builder.Build();
            if (blob is not null) dc.Canvas.DrawText(blob, x, baseline, paint);
        }

        if (style.Underline)
        {
            var metrics = style.Face.Metrics;
            var offset = (metrics.UnderlinePosition ?? 100) / 1000 * style.Size;
            var thickness = Math.Max((metrics.UnderlineThickness ?? 50) / 1000 * style.Size, 0.5f);
            var last = _words[end];
            dc.Canvas.DrawRect(x + _words[start].X, baseline + offset, last.X + last.Word.Width - _words[start].X, thickness, paint);
        }
    }
}
