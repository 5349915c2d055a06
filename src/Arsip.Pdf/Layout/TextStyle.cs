using Arsip.Pdf.Fonts;
using SkiaSharp;

namespace Arsip.Pdf.Layout;

internal sealed record TextStyle(FontFamily Family, float Size, SKColor Color, bool Bold = false, bool Italic = false, bool Underline = false)
{
    public FontFace Face => Family.Face(Bold, Italic);
    public TextStyle AsBold() => this with { Bold = true };
    public TextStyle AsUnderlined() => this with { Underline = true };
    public TextStyle WithSize(float size) => this with { Size = size };
}

internal enum TextAlign { Left, Center, Right, Justify }
