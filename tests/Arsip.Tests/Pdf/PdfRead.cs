using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Arsip.Tests.Pdf;

/// <summary>Helpers to read rendered PDFs back with PdfPig.</summary>
internal static class PdfRead
{
    public static List<Page> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().ToList();
    }

    /// <summary>All page text joined, in content order.</summary>
    public static string Text(byte[] pdf) => string.Join("\n", Pages(pdf).Select(p => p.Text));

    /// <summary>The words of a page whose text equals <paramref name="text"/>.</summary>
    public static List<Word> Words(Page page, string text) => page.GetWords().Where(w => w.Text == text).ToList();

    public static void ShouldAppendInOrder(this string text, params string[] parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var next = text.IndexOf(part, at, StringComparison.Ordinal);
            next.ShouldBeGreaterThanOrEqualTo(0, $"'{part}' should follow position {at} in:\n{text}");
            at = next + part.Length;
        }
    }
}
