using SkiaSharp;

namespace Arsip.Pdf.Layout;

internal readonly record struct PageInfo(int Number, int Count, PageSetup Setup);

/// <summary>Prepared during layout (so its glyphs get subset) and drawn after pagination.</summary>
internal abstract class PageDecoration
{
    /// <summary>Drawn before the content, so the content stays readable on top of it.</summary>
    public virtual bool BehindContent => false;

    public abstract Action<DrawContext>? Prepare(LayoutContext context, PageInfo page);
}

/// <summary><paramref name="atRight"/>: flush with the right margin instead of centred on the page.</summary>
internal sealed class PageNumber(TextStyle style, Func<PageInfo, string> format, bool atTop, int fromPage = 1, bool atRight = false) : PageDecoration
{
    public override Action<DrawContext>? Prepare(LayoutContext context, PageInfo page)
    {
        if (page.Number < fromPage) return null;
        var line = TextLine.Single(context, format(page), style);
        var setup = page.Setup;
        var y = atTop ? (setup.Top - line.Height) / 2 : setup.Height - (setup.Bottom + line.Height) / 2;
        var x = atRight ? setup.Width - setup.Right - line.Width : (setup.Width - line.Width) / 2;
        return dc => line.Draw(dc, x, y);
    }
}

internal sealed class Watermark(string text, TextStyle style) : PageDecoration
{
    public override bool BehindContent => true;

    public override Action<DrawContext>? Prepare(LayoutContext context, PageInfo page)
    {
        var line = TextLine.Single(context, text, style);
        var setup = page.Setup;
        var angle = (float)(Math.Atan2(setup.Height, setup.Width) * 180 / Math.PI);
        return dc =>
        {
            dc.Canvas.Save();
            dc.Canvas.Translate(setup.Width / 2, setup.Height / 2);
            dc.Canvas.RotateDegrees(-angle);
            line.Draw(dc, -line.Width / 2, -line.Height / 2);
            dc.Canvas.Restore();
        };
    }
}

/// <summary>A mark centred at the top and bottom of every page (RAHASIA in red on secret letters).</summary>
internal sealed class MarginMark(string text, TextStyle style) : PageDecoration
{
    public override Action<DrawContext>? Prepare(LayoutContext context, PageInfo page)
    {
        var line = TextLine.Single(context, text, style);
        var setup = page.Setup;
        var x = (setup.Width - line.Width) / 2;
        var top = Math.Max(4, setup.Top / 4 - line.Height / 2);
        var bottom = setup.Height - Math.Max(4, setup.Bottom / 4) - line.Height / 2;
        return dc =>
        {
            line.Draw(dc, x, top);
            line.Draw(dc, x, bottom);
        };
    }

    public static readonly SKColor Red = new(0xC0, 0x00, 0x00);
}
