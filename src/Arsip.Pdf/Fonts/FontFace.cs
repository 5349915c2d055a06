using HarfBuzzSharp;
using SkiaSharp;

namespace Arsip.Pdf.Fonts;

/// <summary>Loaded once and shared by every render; Skia typeface and HarfBuzz font are safe for concurrent reads.</summary>
internal sealed class FontFace
{
    /// <summary>Ligature glyphs have no cmap entry, so Skia could not map them back to text in the PDF; kerning stays on.</summary>
    private static readonly Feature[] NoLigatures = [new(Tag.Parse("liga"), 0), new(Tag.Parse("clig"), 0)];

    private readonly Blob _blob;
    private readonly HarfBuzzSharp.Font _shaper;

    public FontFace(string path)
    {
        Path = path;
        Typeface = SKTypeface.FromFile(path)
            ?? throw new InvalidOperationException($"Skia cannot read font '{path}'.");
        // The blob owns native memory the face reads lazily, so it lives as long as the face.
        _blob = Blob.FromFile(path);
        HarfBuzzFace = new Face(_blob, 0);
        UnitsPerEm = HarfBuzzFace.UnitsPerEm;
        _shaper = new HarfBuzzSharp.Font(HarfBuzzFace);
        _shaper.SetScale(UnitsPerEm, UnitsPerEm);
        using var font = CreateFont(Typeface, 1000);
        Metrics = font.Metrics;
        var space = Shape(" ");
        SpaceAdvance = space.Width;
        SpaceGlyph = space.Glyphs[0];
    }

    public string Path { get; }
    public SKTypeface Typeface { get; }
    public Face HarfBuzzFace { get; }
    public int UnitsPerEm { get; }

    /// <summary>Metrics at size 1000; scale by size / 1000.</summary>
    public SKFontMetrics Metrics { get; }

    public float SpaceAdvance { get; }

    public ushort SpaceGlyph { get; }

    public ShapedText Shape(string text)
    {
        using var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf16(text);
        buffer.GuessSegmentProperties();
        _shaper.Shape(buffer, NoLigatures);
        var infos = buffer.GlyphInfos;
        var positions = buffer.GlyphPositions;
        var glyphs = new ushort[infos.Length];
        var clusters = new int[infos.Length];
        var advances = new float[infos.Length];
        var width = 0f;
        for (var i = 0; i < infos.Length; i++)
        {
            glyphs[i] = (ushort)infos[i].Codepoint;
            clusters[i] = (int)infos[i].Cluster;
            advances[i] = positions[i].XAdvance;
            width += advances[i];
        }
        return new ShapedText(glyphs, clusters, advances, width);
    }

    /// <summary>A Skia font tuned for PDF output: unhinted outlines and exact, unrounded positions.</summary>
    public static SKFont CreateFont(SKTypeface typeface, float size) => new(typeface, size)
    {
        Hinting = SKFontHinting.None,
        Subpixel = true,
        LinearMetrics = true,
    };
}

internal sealed record ShapedText(ushort[] Glyphs, int[] Clusters, float[] Advances, float Width)
{
    public ShapedText Slice(int start, int end)
    {
        var advances = Advances[start..end];
        var offset = Clusters[start];
        return new ShapedText(Glyphs[start..end], Clusters[start..end].Select(c => c - offset).ToArray(), advances, advances.Sum());
    }
}
