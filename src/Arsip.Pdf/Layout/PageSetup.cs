namespace Arsip.Pdf.Layout;

/// <summary>Page size and margins in points (1/72 inch).</summary>
internal sealed record PageSetup(float Width, float Height, float Left, float Top, float Right, float Bottom)
{
    public const float PointsPerMillimetre = 72f / 25.4f;

    public float ContentWidth => Width - Left - Right;
    public float ContentHeight => Height - Top - Bottom;
}
