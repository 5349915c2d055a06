using Arsip.Pdf.Layout;

namespace Arsip.Pdf;

public static class LetterPdf
{
    private const float Cm = 72 / 2.54f;
    private const float LabelWidth = 2.4f * Cm;
    private const float ParagraphIndent = 1.25f * Cm;
    private const float ListTextIndent = 0.75f * Cm;
    private const float QrSize = 2.5f * Cm;
    private const float SignatureSpace = 2.2f * Cm;

    private const float RightColumnShare = 0.45f;

    public static byte[] Render(LetterDocument letter)
    {
        var theme = new Theme(letter.Letterhead);
        var body = letter.Kind == LetterKind.NotaDinas
            ? new Column(
                LetterheadSection.Compose(theme),
                NotaDinasHead(theme, letter),
                Body(theme, letter.Body),
                SignatureBlock(theme, letter.Signatory))
            : new Column(
                LetterheadSection.Compose(theme),
                SuratDinasHead(theme, letter),
                Addressee(theme, letter),
                Body(theme, letter.Body),
                SignatureBlock(theme, letter.Signatory),
                Copies(theme, letter.CopyTo));

        var decorations = new List<PageDecoration>
        {
            // Continuation pages are numbered at the top centre: "- 2 -".
            new PageNumber(theme.Body, p => $"- {p.Number} -", atTop: true, fromPage: 2),
        };
        decorations.AddRange(theme.StateMarks(letter.IsDraft, letter.Security));

        var info = new DocumentInfo(
            Title: $"{KindTitle(letter.Kind)} {letter.Number ?? "(draf)"}".Trim(),
            Author: string.Join(" ", [.. letter.Letterhead.NameLines, letter.Letterhead.UnitName]),
            Subject: letter.Subject,
            Keywords: string.Join(", ", new[] { KindTitle(letter.Kind), letter.Number, PrintedLabels.Of(letter.Security) }.OfType<string>()),
            Created: letter.GeneratedAt);
        return PdfComposer.Render(new DocumentSpec(theme.PortraitPage(), info, body, decorations));
    }

    private static string KindTitle(LetterKind kind) => kind switch
    {
        LetterKind.SuratDinas => "Surat Dinas",
        LetterKind.NotaDinas => "Nota Dinas",
        LetterKind.SuratUndangan => "Surat Undangan",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string NumberText(LetterDocument letter) => letter.Number ?? "..................";

    private static Block SuratDinasHead(Theme theme, LetterDocument letter)
    {
        var fields = theme.Fields(
        [
            new Field("Nomor", NumberText(letter)),
            new Field("Sifat", PrintedLabels.Of(letter.Security)),
            new Field("Lampiran", letter.Attachment),
            new Field("Hal", letter.Subject),
        ], LabelWidth);
        var date = theme.Text($"{letter.Place}, {IndonesianDate.Format(letter.Date)}");
        return new Table(ColumnWidth.Share(1 - RightColumnShare - 0.03f), ColumnWidth.Share(0.03f), ColumnWidth.Share(RightColumnShare)) { Borders = false, Padding = 0 }
            .Row(fields, new Spacer(0), date);
    }

    private static Block Addressee(Theme theme, LetterDocument letter)
    {
        var column = new Column(new Spacer(theme.Body.Size));
        foreach (var (addressee, i) in letter.Addressees.Select((a, i) => (a, i)))
        {
            column.Add(new Paragraph(addressee, theme.Body)
            {
                Marker = i == 0 ? "Yth." : null,
                Indent = ListTextIndent + 0.25f * Cm,
                LineSpacing = theme.LineSpacing,
            });
        }
        if (letter.AddresseeLocation is { } location)
        {
            column.Add(theme.Text("di"));
            column.Add(new Paragraph(location, theme.Body) { Indent = ListTextIndent + 0.25f * Cm, LineSpacing = theme.LineSpacing });
        }
        return column.Add(new Spacer(theme.Body.Size));
    }

    private static Block NotaDinasHead(Theme theme, LetterDocument letter)
    {
        var fields = new List<Field>
        {
            new("Kepada", string.Join("\n", letter.Addressees.Select(a => $"Yth. {a}"))),
            new("Dari", letter.From ?? string.Join(" ", letter.Signatory.TitleLines).TrimEnd(',')),
        };
        if (letter.CopyTo.Count > 0) fields.Add(new Field("Tembusan", string.Join("\n", letter.CopyTo)));
        fields.Add(new Field("Tanggal", IndonesianDate.Format(letter.Date)));
        fields.Add(new Field("Nomor", NumberText(letter)));
        fields.Add(new Field("Sifat", PrintedLabels.Of(letter.Security)));
        fields.Add(new Field("Lampiran", letter.Attachment));
        fields.Add(new Field("Hal", letter.Subject));
        return new Column(
            new Paragraph("NOTA DINAS", theme.Bold.WithSize(theme.Body.Size + 2)) { Align = TextAlign.Center },
            new Spacer(theme.Body.Size),
            theme.Fields(fields, LabelWidth),
            new Rule(0.8f, spaceAbove: 6, spaceBelow: theme.Body.Size));
    }

    /// <summary>The closing block travels with the signature, so a signature never stands alone on a page.</summary>
    private static Block Body(Theme theme, IReadOnlyList<LetterBlock> blocks) =>
        new Column(blocks.Select((b, i) => i == blocks.Count - 1 ? new KeepWithNext(BodyBlock(theme, b)) : BodyBlock(theme, b)));

    private static Block BodyBlock(Theme theme, LetterBlock block)
    {
        var after = theme.Body.Size / 2;
        return block switch
        {
            TextParagraph p => new Paragraph(p.Text, theme.Body)
            {
                Align = TextAlign.Justify, FirstLineIndent = ParagraphIndent, LineSpacing = theme.LineSpacing, SpaceAfter = after,
            },
            ItemList list => new Column(list.Items.Select((item, i) => new Paragraph(item, theme.Body)
            {
                Align = TextAlign.Justify,
                Marker = list.Numbered ? $"{i + 1}." : "\u2022",
                MarkerIndent = ParagraphIndent,
                Indent = ParagraphIndent + ListTextIndent,
                LineSpacing = theme.LineSpacing,
                SpaceAfter = i == list.Items.Count - 1 ? after : 0,
            })),
            FieldList fields => new Column(
                new Table(ColumnWidth.Fixed(ParagraphIndent), ColumnWidth.Share()) { Borders = false, Padding = 0 }
                    .Row(new Spacer(0), theme.Fields(fields.Fields, 3.2f * Cm)),
                new Spacer(after)),
            SimpleTable table => new Column(SimpleTableBlock(theme, table), new Spacer(after)),
            _ => throw new NotSupportedException($"Unknown letter block {block.GetType().Name}."),
        };
    }

    private static Table SimpleTableBlock(Theme theme, SimpleTable model)
    {
        var small = theme.Body.WithSize(theme.Body.Size - 1);
        var table = new Table(model.Header.Select(_ => ColumnWidth.Share()).ToArray());
        table.Header(model.Header.Select(h => new TableCell(new Paragraph(h, small.AsBold()) { Align = TextAlign.Center }, Fill: Theme.HeaderFill)).ToArray());
        foreach (var row in model.Rows)
            table.Row(row.Select(c => (Block)new Paragraph(c, small)).ToArray());
        return table;
    }

    /// <summary>Position, QR or signature space, name (bold, underlined), rank, NIP; kept on one page.</summary>
    private static Block SignatureBlock(Theme theme, Signatory signatory)
    {
        var block = new Column();
        foreach (var line in signatory.TitleLines) block.Add(theme.Text(line));
        block.Add(new Spacer(theme.Body.Size / 2));
        if (signatory.VerificationUrl is { } url)
            block.Add(new Table(ColumnWidth.Fixed(QrSize), ColumnWidth.Share()) { Borders = false, Padding = 0 }
                .Row(new QrCode(url, QrSize), signatory.Certified is { } certified ? CertifiedBlock(theme, certified) : new Spacer(0)));
        else
            block.Add(new Rule(0, spaceAbove: SignatureSpace)); // a rule, not a spacer: must not vanish at a page top
        block.Add(new Spacer(theme.Body.Size / 2));
        block.Add(theme.Text(signatory.Name, theme.Bold.AsUnderlined()));
        if (signatory.Rank is { } rank) block.Add(theme.Text(rank));
        if (signatory.Nip is { } nip) block.Add(theme.Text($"NIP {nip}"));

        var row = new Table(ColumnWidth.Share(1 - RightColumnShare), ColumnWidth.Share(RightColumnShare)) { Borders = false, Padding = 0 }
            .Row(new Spacer(0), block);
        return new KeepTogether(new Column(new Spacer(theme.Body.Size), row));
    }

    private static Block CertifiedBlock(Theme theme, CertifiedSignature certified)
    {
        var small = theme.Body with { Size = theme.Body.Size * 0.7f };
        return new Column(
            new Paragraph("Ditandatangani secara elektronik oleh:", small) { Indent = theme.Body.Size / 2 },
            new Paragraph(certified.SignedBy, small) { Indent = theme.Body.Size / 2 },
            new Paragraph(certified.Position, small) { Indent = theme.Body.Size / 2 },
            new Paragraph($"Sertifikat: {certified.CertificateIssuer}", small) { Indent = theme.Body.Size / 2 });
    }

    private static Block Copies(Theme theme, IReadOnlyList<string> copies)
    {
        if (copies.Count == 0) return new Column();
        var list = new Column(theme.Text("Tembusan:"));
        foreach (var (copy, i) in copies.Select((c, i) => (c, i)))
            list.Add(new Paragraph($"Yth. {copy}", theme.Body) { Marker = $"{i + 1}.", Indent = ListTextIndent, LineSpacing = theme.LineSpacing });
        return new Column(new Spacer(theme.Body.Size), new KeepTogether(list));
    }
}
