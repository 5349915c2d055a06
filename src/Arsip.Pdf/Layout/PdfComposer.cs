using SkiaSharp;

namespace Arsip.Pdf.Layout;

internal sealed record DocumentInfo(string Title, string Author, string Subject, string Keywords, DateTimeOffset Created);

internal sealed record DocumentSpec(PageSetup Page, DocumentInfo Info, Block Body, IReadOnlyList<PageDecoration> Decorations);

/// <summary>Three passes: lay out and paginate (shaping all text), subset the fonts to the glyphs used, then draw into Skia's PDF/A back end.</summary>
internal static class PdfComposer
{
    public static byte[] Render(DocumentSpec spec)
    {
        var page = spec.Page;
        var context = new LayoutContext();
        var slices = spec.Body.Layout(context, page.ContentWidth).ToList();
        var pages = Paginator.Paginate(slices, page.ContentHeight);
        var decorations = pages.Select((_, i) => spec.Decorations
                .Select(d => (d.BehindContent, Draw: d.Prepare(context, new PageInfo(i + 1, pages.Count, page))))
                .Where(d => d.Draw is not null)
                .ToList())
            .ToList();

        var typefaces = context.BuildSubsets();
        try
        {
            using var output = new MemoryStream();
            using (var document = SKDocument.CreatePdf(output, Metadata(spec.Info)))
            {
                for (var i = 0; i < pages.Count; i++)
                {
                    var canvas = document.BeginPage(page.Width, page.Height);
                    using var dc = new DrawContext(canvas, typefaces);
                    foreach (var d in decorations[i].Where(d => d.BehindContent)) d.Draw!(dc);
                    foreach (var placed in pages[i]) placed.Slice.Draw(dc, page.Left, page.Top + placed.Y);
                    foreach (var d in decorations[i].Where(d => !d.BehindContent)) d.Draw!(dc);
                    document.EndPage();
                }
                document.Close();
            }
            return StableDocumentId.Apply(output.ToArray());
        }
        finally
        {
            foreach (var typeface in typefaces.Values) typeface.Dispose();
        }
    }

    private static SKDocumentPdfMetadata Metadata(DocumentInfo info)
    {
        // Fixed dates from the model keep re-renders of the same record stable.
        var created = info.Created.UtcDateTime;
        return new SKDocumentPdfMetadata
        {
            PdfA = true,
            Title = info.Title,
            Author = info.Author,
            Subject = info.Subject,
            Keywords = info.Keywords,
            Creator = "Arsip",
            Producer = "Arsip.Pdf (Skia)",
            Creation = created,
            Modified = created,
            RasterDpi = 300,
        };
    }
}
