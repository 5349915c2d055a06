using Arsip.Pdf.Fonts;
using Arsip.Pdf.Layout;
using SkiaSharp;

namespace Arsip.Pdf;

internal sealed class Theme
{
    private const float Mm = PageSetup.PointsPerMillimetre;
    private static readonly SKColor Ink = SKColors.Black;
    private static readonly SKColor WatermarkGrey = new(0xD8, 0xD8, 0xD8);

    public static readonly SKColor HeaderFill = new(0xE8, 0xE8, 0xE8);

    public Theme(PrintedLetterhead letterhead, float? fontSize = null)
    {
        Letterhead = letterhead;
        Family = FontCatalog.Get(letterhead.FontFamily);
        Body = new TextStyle(Family, fontSize ?? letterhead.FontSize, Ink);
        Bold = Body.AsBold();
    }

    public PrintedLetterhead Letterhead { get; }
    public FontFamily Family { get; }
    public TextStyle Body { get; }
    public TextStyle Bold { get; }
    public float LineSpacing => Letterhead.LineSpacing;

    public PageSetup PortraitPage()
    {
        var (w, h) = PaperMillimetres(Letterhead.Paper);
        var m = Letterhead.Margins;
        return new PageSetup(w * Mm, h * Mm, (float)m.LeftMm * Mm, (float)m.TopMm * Mm, (float)m.RightMm * Mm, (float)m.BottomMm * Mm);
    }

    public PageSetup LandscapePage()
    {
        var (w, h) = PaperMillimetres(Letterhead.Paper);
        const float margin = 15 * Mm;
        return new PageSetup(h * Mm, w * Mm, margin, margin, margin, margin);
    }

    public IEnumerable<PageDecoration> StateMarks(bool isDraft, PrintedSecurity security)
    {
        if (isDraft) yield return new Watermark("DRAF", new TextStyle(Family, 160, WatermarkGrey, Bold: true));
        if (PrintedLabels.SecurityMark(security) is { } mark) yield return new MarginMark(mark, new TextStyle(Family, 14, MarginMark.Red, Bold: true));
    }

    public Paragraph Text(string text, TextAlign align = TextAlign.Left) => new(text, Body) { Align = align, LineSpacing = LineSpacing };

    public Paragraph Text(string text, TextStyle style, TextAlign align = TextAlign.Left) => new(text, style) { Align = align, LineSpacing = LineSpacing };

    public Table Fields(IEnumerable<Field> fields, float labelWidth, TextStyle? style = null)
    {
        var s = style ?? Body;
        var table = new Table(ColumnWidth.Fixed(labelWidth), ColumnWidth.Fixed(s.Size * 0.8f), ColumnWidth.Share()) { Borders = false, Padding = 0 };
        foreach (var field in fields)
            table.Row(Text(field.Label, s), Text(":", s), Text(field.Value, s));
        return table;
    }

    private static (float Width, float Height) PaperMillimetres(PaperSize paper) => paper switch
    {
        PaperSize.A4 => (210, 297),
        PaperSize.F4 => (215, 330),
        _ => throw new ArgumentOutOfRangeException(nameof(paper)),
    };
}
