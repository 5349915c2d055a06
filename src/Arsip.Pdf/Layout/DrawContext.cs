using Arsip.Pdf.Fonts;
using SkiaSharp;

namespace Arsip.Pdf.Layout;

internal sealed class DrawContext(SKCanvas canvas, IReadOnlyDictionary<FontFace, SKTypeface> typefaces) : IDisposable
{
    private readonly Dictionary<(FontFace, float), SKFont> _fonts = [];
    private readonly Dictionary<SKColor, SKPaint> _fills = [];
    private readonly Dictionary<(SKColor, float), SKPaint> _strokes = [];

    public SKCanvas Canvas { get; } = canvas;

    public SKFont Font(FontFace face, float size)
    {
        if (!_fonts.TryGetValue((face, size), out var font))
        {
            font = FontFace.CreateFont(typefaces[face], size);
            _fonts[(face, size)] = font;
        }
        return font;
    }

    public SKPaint Fill(SKColor color)
    {
        if (!_fills.TryGetValue(color, out var paint))
        {
            paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
            _fills[color] = paint;
        }
        return paint;
    }

    public SKPaint Stroke(SKColor color, float width)
    {
        if (!_strokes.TryGetValue((color, width), out var paint))
        {
            paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width };
            _strokes[(color, width)] = paint;
        }
        return paint;
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values) font.Dispose();
        foreach (var paint in _fills.Values.Concat(_strokes.Values)) paint.Dispose();
    }
}
