using Arsip.Pdf.Fonts;
using Arsip.Pdf.Layout;
using SkiaSharp;

namespace Arsip.Tests.Pdf;

public class LayoutTests
{
    private static readonly TextStyle Style = new(FontCatalog.Get("Arial"), 12, SKColors.Black);

    [Fact]
    public void Arial_resolves_to_its_metric_compatible_twin()
    {
        FontCatalog.Get("Arial").Name.ShouldBe("Liberation Sans");
        FontCatalog.Get("Times New Roman").Name.ShouldBe("Liberation Serif");
        FontCatalog.Get("No Such Family").Name.ShouldBe("Liberation Sans");
    }

    [Fact]
    public void Text_in_dejavu_keeps_fi_extractable_and_serif_letterheads_embed_liberation_serif()
    {
        FontCatalog.Get("DejaVu Sans").Name.ShouldBe("DejaVu Sans");
        var model = Samples.Letter(paragraphs: 1) with { Letterhead = Samples.Bekasi with { FontFamily = "DejaVu Sans" }, Subject = "Verifikasi file final" };
        PdfRead.Text(Arsip.Pdf.LetterPdf.Render(model)).ShouldContain("Verifikasi file final");

        var serif = Samples.Letter(paragraphs: 1) with { Letterhead = Samples.Bekasi with { FontFamily = "Times New Roman" } };
        PdfRead.Pages(Arsip.Pdf.LetterPdf.Render(serif))[0].Letters.ShouldAllBe(l => l.FontName!.Contains("LiberationSerif"));
    }

    [Fact]
    public void Paginator_repeats_a_table_header_and_keeps_it_with_the_first_row()
    {
        var header = new Slice(10, (_, _, _) => { }) { KeepWithNext = true };
        var rows = Enumerable.Range(0, 9).Select(_ => new Slice(30, (_, _, _) => { }) { RepeatedHeader = header with { KeepWithNext = false } });
        var slices = new[] { new Slice(85, (_, _, _) => { }), header }.Concat(rows).ToList();

        var pages = Paginator.Paginate(slices, pageHeight: 100);

        pages[0].Count.ShouldBe(1); // the header does not dangle at the page foot without a row
        pages.Skip(1).ShouldAllBe(p => p[0].Slice.Height == 10);
        pages.Skip(1).Sum(p => p.Count - 1).ShouldBe(9);
    }

    [Fact]
    public void Space_is_dropped_at_the_top_of_a_page()
    {
        var slices = new[] { new Slice(95, (_, _, _) => { }), Slice.Space(20), new Slice(50, (_, _, _) => { }) };
        var pages = Paginator.Paginate(slices, pageHeight: 100);
        pages[1].Single().Y.ShouldBe(0);
    }

    [Fact]
    public void Justified_lines_fill_the_width_except_the_last()
    {
        var text = string.Join(" ", Enumerable.Repeat("tertib administrasi persuratan", 10));
        var paragraph = new Paragraph(text, Style) { Align = TextAlign.Justify };
        var lines = paragraph.Layout(new LayoutContext(), 200).ToList();
        lines.Count.ShouldBeGreaterThan(3);
    }

    [Fact]
    public void Words_wider_than_the_column_break_after_a_slash()
    {
        var context = new LayoutContext();
        var word = context.Measure("800.1.11.1/123/Setda/2026", Style);
        var (head, tail) = word.SplitToFit(word.Width * 0.7f);
        head.Text.ShouldEndWith("/");
        (head.Text + tail.Text).ShouldBe("800.1.11.1/123/Setda/2026");
        head.Width.ShouldBeLessThanOrEqualTo(word.Width * 0.7f);
    }
}
