using System.Text;
using Arsip.Pdf.Fonts;
using SkiaSharp;

namespace Arsip.Pdf.Layout;

/// <summary>One instance per document: it records every glyph used, so each face can be subset before drawing.</summary>
internal sealed class LayoutContext
{
    private readonly Dictionary<FontFace, (HashSet<ushort> Glyphs, HashSet<int> Codepoints)> _usage = [];
    private readonly Dictionary<(FontFace, string), ShapedText> _shaped = [];

    public Word Measure(string text, TextStyle style)
    {
        var face = style.Face;
        if (!_shaped.TryGetValue((face, text), out var shaped))
        {
            shaped = face.Shape(text);
            _shaped[(face, text)] = shaped;
            Record(face, shaped.Glyphs, text);
        }
        return new Word(text, style, shaped, style.Size / face.UnitsPerEm);
    }

    private void Record(FontFace face, ushort[] glyphs, string text)
    {
        if (!_usage.TryGetValue(face, out var usage))
        {
            usage = ([], []);
            _usage[face] = usage;
            usage.Glyphs.Add(face.SpaceGlyph);
            usage.Codepoints.Add(' ');
        }
        usage.Glyphs.UnionWith(glyphs);
        foreach (var rune in text.EnumerateRunes()) usage.Codepoints.Add(rune.Value);
    }

    public Dictionary<FontFace, SKTypeface> BuildSubsets() =>
        _usage.ToDictionary(u => u.Key, u => FontSubsetter.Subset(u.Key, u.Value.Glyphs, u.Value.Codepoints));
}

internal sealed record Word(string Text, TextStyle Style, ShapedText Shaped, float Scale)
{
    public float Width => Shaped.Width * Scale;
    public float SpaceWidth => Style.Face.SpaceAdvance * Scale;

    /// <summary>Prefers a break after '/', '-' or '.' (letter numbers, URLs).</summary>
    public (Word Head, Word Tail) SplitToFit(float maxWidth)
    {
        var glyphs = Shaped.Glyphs.Length;
        var fit = 0;
        var width = 0f;
        while (fit < glyphs - 1 && width + Shaped.Advances[fit] * Scale <= maxWidth) width += Shaped.Advances[fit++] * Scale;
        fit = Math.Max(1, fit);
        var preferred = fit;
        while (preferred > 1 && !IsBreakAfter(Shaped.Clusters[preferred - 1])) preferred--;
        var cut = preferred > 1 ? preferred : fit;
        var textCut = Shaped.Clusters[cut];
        return (new Word(Text[..textCut], Style, Shaped.Slice(0, cut), Scale), new Word(Text[textCut..], Style, Shaped.Slice(cut, glyphs), Scale));
    }

    private bool IsBreakAfter(int cluster) => Text[cluster] is '/' or '-' or '.' or '_';
}
