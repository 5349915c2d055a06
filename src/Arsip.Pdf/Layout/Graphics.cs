using System.Runtime.CompilerServices;
using QRCoder;
using SkiaSharp;

namespace Arsip.Pdf.Layout;

internal sealed class Rule(float thickness, float spaceAbove = 0, float spaceBelow = 0) : Block
{
    public override IEnumerable<Slice> Layout(LayoutContext context, float width) =>
        [new Slice(spaceAbove + thickness + spaceBelow, (dc, x, y) =>
            dc.Canvas.DrawRect(x, y + spaceAbove, width, thickness, dc.Fill(SKColors.Black)))];
}

internal sealed class Picture(byte[] encoded, float maxWidth, float maxHeight) : Block
{
    /// <summary>Decoded once and shared (Skia images are immutable and thread-safe), released with the template.</summary>
    private static readonly ConditionalWeakTable<byte[], SKImage> Decoded = [];

    public override IEnumerable<Slice> Layout(LayoutContext context, float width)
    {
        var image = Decoded.GetValue(encoded, bytes => SKImage.FromEncodedData(bytes)
            ?? throw new ArgumentException("The image bytes are not a PNG or JPEG Skia can decode."));
        var scale = Math.Min(Math.Min(maxWidth, width) / image.Width, maxHeight / image.Height);
        var (w, h) = (image.Width * scale, image.Height * scale);
        return [new Slice(h, (dc, x, y) =>
            dc.Canvas.DrawImage(image, SKRect.Create(x + (width - w) / 2, y, w, h), new SKSamplingOptions(SKCubicResampler.Mitchell), dc.Fill(SKColors.Black)))];
    }
}

/// <summary>Vector rectangles, one per run of dark modules: sharp at any zoom, a few kilobytes, and much faster for Skia's PDF back end than one complex path.</summary>
internal sealed class QrCode(string payload, float size) : Block
{
    public override IEnumerable<Slice> Layout(LayoutContext context, float width)
    {
        using var data = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        var runs = new List<SKRect>();
        for (var row = 0; row < matrix.Count; row++)
        {
            var bits = matrix[row];
            var col = 0;
            while (col < bits.Length)
            {
                if (!bits[col]) { col++; continue; }
                var start = col;
                while (col < bits.Length && bits[col]) col++;
                runs.Add(SKRect.Create(start * module, row * module, (col - start) * module, module));
            }
        }
        return [new Slice(size, (dc, x, y) =>
        {
            var ink = dc.Fill(SKColors.Black);
            foreach (var run in runs) dc.Canvas.DrawRect(run.Left + x, run.Top + y, run.Width, run.Height, ink);
        })];
    }
}
