namespace Arsip.Pdf.Layout;

internal sealed record PageSetup(float Width, float Height, float Left, float Top, float Right, float Bottom)
{
    public const float PointsPerMillimetre = 72f / 25.4f;

    public float ContentWidth => Width - Left - Right;
    public float ContentHeight => Height - Top - Bottom;
}
