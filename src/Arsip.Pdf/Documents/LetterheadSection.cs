using Arsip.Pdf.Layout;

namespace Arsip.Pdf;

internal static class LetterheadSection
{
    private const float EmblemWidth = 62; // about 2.2 cm

    public static Block Compose(Theme theme)
    {
        var head = theme.Letterhead;
        var size = theme.Body.Size;
        var lines = new Column();
        foreach (var name in head.NameLines)
            lines.Add(new Paragraph(name, theme.Body.WithSize(size + 2)) { Align = TextAlign.Center });
        lines.Add(new Paragraph(head.UnitName, theme.Bold.WithSize(size + 4)) { Align = TextAlign.Center });
        var small = theme.Body.WithSize(size - 3);
        if (head.Address is { } address) lines.Add(new Paragraph(address, small) { Align = TextAlign.Center });
        if (Contacts(head) is { Length: > 0 } contacts) lines.Add(new Paragraph(contacts, small) { Align = TextAlign.Center });

        Block top = lines;
        if (head.EmblemPng is { } emblem)
        {
            // Text centred on the page, not on what is left beside the emblem: a mirror column balances it.
            top = new Table(ColumnWidth.Fixed(EmblemWidth), ColumnWidth.Share(), ColumnWidth.Fixed(EmblemWidth * 0.25f)) { Borders = false, Padding = 0 }
                .Row(new Picture(emblem, EmblemWidth, EmblemWidth * 1.2f), lines, new Spacer(0));
        }
        return new Column(top, new Rule(2.2f, spaceAbove: 4), new Rule(0.6f, spaceAbove: 1.2f, spaceBelow: 12));
    }

    /// <summary>The head of the region's kop: the emblem centred above the head's title ("WALI KOTA BEKASI"), no address, no rule.</summary>
    public static Block ComposeHead(Theme theme, string title)
    {
        var column = new Column();
        if (theme.Letterhead.EmblemPng is { } emblem)
            column.Add(new Table(ColumnWidth.Share(), ColumnWidth.Fixed(EmblemWidth), ColumnWidth.Share()) { Borders = false, Padding = 0 }
                .Row(new Spacer(0), new Picture(emblem, EmblemWidth, EmblemWidth * 1.2f), new Spacer(0)));
        column.Add(new Spacer(6));
        column.Add(new Paragraph(title, theme.Bold.WithSize(theme.Body.Size + 2)) { Align = TextAlign.Center });
        column.Add(new Spacer(theme.Body.Size * 1.5f));
        return column;
    }

    private static string Contacts(PrintedLetterhead head)
    {
        var parts = new List<string>();
        if (head.Phone is { } phone) parts.Add($"Telepon {phone}");
        if (head.Email is { } email) parts.Add($"Pos-el {email}");
        if (head.Website is { } website) parts.Add($"Laman {website}");
        return string.Join(", ", parts);
    }
}
