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

    private const float ClauseLabelWidth = 3.2f * Cm;
    private const float ColonWidth = 0.5f * Cm;
    private const float DiktumLabelWidth = ClauseLabelWidth;

    public static byte[] Render(LetterDocument letter)
    {
        var theme = new Theme(letter.Letterhead);
        var head = letter.IssuedByHead && letter.Letterhead.HeadKopKinds.Contains(letter.Kind)
            ? LetterheadSection.ComposeHead(theme, IssuerOf(letter)) : LetterheadSection.Compose(theme);
        var body = new Column(head);
        foreach (var part in Parts(theme, letter)) body.Add(part);
        foreach (var (appendix, i) in letter.Appendices.Select((a, i) => (a, i)))
            body.Add(AppendixPages(theme, letter, appendix, letter.Appendices.Count > 1 ? $" {RomanNumeral(i + 1)}" : ""));

        var numbers = letter.Letterhead.PageNumbers;
        var decorations = new List<PageDecoration>
        {
            // "- 2 -": the regulation's models number continuation pages at the top centre; the region may choose otherwise.
            new PageNumber(theme.Body, p => $"- {p.Number} -", atTop: numbers == PageNumberPosition.TopCentre,
                fromPage: letter.Letterhead.NumberFirstPage ? 1 : 2, atRight: numbers == PageNumberPosition.BottomRight),
        };
        decorations.AddRange(theme.StateMarks(letter.IsDraft, letter.Security));

        var info = new DocumentInfo(
            Title: $"{letter.KindName} {letter.Number ?? "(draf)"}".Trim(),
            Author: string.Join(" ", [.. letter.Letterhead.NameLines, letter.Letterhead.UnitName]),
            Subject: letter.Subject,
            Keywords: string.Join(", ", new[] { letter.KindName, letter.Number, PrintedLabels.Of(letter.Security) }.OfType<string>()),
            Created: letter.GeneratedAt);
        return PdfComposer.Render(new DocumentSpec(theme.PortraitPage(), info, body, decorations));
    }

    /// <summary>Each kind's model in Permendagri 1/2023: head, body, the place/date line, signature, tembusan.</summary>
    private static IEnumerable<Block> Parts(Theme theme, LetterDocument letter)
    {
        var number = $"NOMOR {NumberText(letter)}";
        var subject = letter.Subject.ToUpperInvariant();
        var title = letter.KindName.ToUpperInvariant();
        var issued = IssuedAt(theme, letter, letter.Letterhead.EnactedKinds.Contains(letter.Kind) ? "Ditetapkan di" : "Dikeluarkan di");
        switch (letter.Kind)
        {
            case LetterKind.NotaDinas:
            case LetterKind.TelaahanStaf:
                return [TableHead(theme, letter), Body(theme, letter.Body), SignatureBlock(theme, letter.Signatory)];
            case LetterKind.SuratEdaran:
                return [Addressee(theme, letter, spaceBefore: false), Title(theme, title, number, "TENTANG", subject),
                    Body(theme, letter.Body), SignatureBlock(theme, letter.Signatory, issued), Copies(theme, letter.CopyTo)];
            case LetterKind.SuratKeputusan:
            case LetterKind.Instruksi:
                var issuer = IssuerOf(letter);
                var word = letter.Kind == LetterKind.SuratKeputusan ? "KEPUTUSAN" : "INSTRUKSI";
                return [Title(theme, $"{word} {issuer}", number, "TENTANG", subject), theme.Text($"{issuer},", TextAlign.Center), new Spacer(theme.Body.Size),
                    Body(theme, letter.Body),
                    SignatureBlock(theme, letter.Signatory, issued),
                    Copies(theme, letter.CopyTo)];
            case LetterKind.SuratPerintah:
            case LetterKind.SuratTugas:
                return [Title(theme, title, number), Body(theme, letter.Body),
                    SignatureBlock(theme, letter.Signatory, issued), Copies(theme, letter.CopyTo)];
            case LetterKind.Pengumuman:
                return [Title(theme, title, number, "TENTANG", subject), Body(theme, letter.Body),
                    SignatureBlock(theme, letter.Signatory, issued), Copies(theme, letter.CopyTo)];
            case LetterKind.SuratKeterangan:
                return [Title(theme, title, number), Body(theme, letter.Body),
                    SignatureBlock(theme, letter.Signatory, [PlaceAndDate(theme, letter)]), Copies(theme, letter.CopyTo)];
            case LetterKind.Laporan:
                return [Title(theme, title, "TENTANG", subject), Body(theme, letter.Body),
                    SignatureBlock(theme, letter.Signatory, [PlaceAndDate(theme, letter)]), Copies(theme, letter.CopyTo)];
            case LetterKind.BeritaAcara:
                return [Title(theme, title, subject, number), Body(theme, letter.Body),
                    SignatureBlock(theme, letter.Signatory, [], letter.OtherParties.Count > 0 ? Parties(theme, letter.OtherParties) : null,
                        letter.OtherParties.Count > 0 ? "PIHAK PERTAMA," : null),
                    Copies(theme, letter.CopyTo)];
            case LetterKind.SuratPengantar:
                return [PlaceAndDateAtRight(theme, letter), Addressee(theme, letter, spaceBefore: false), Title(theme, title, number), Body(theme, letter.Body),
                    SignatureBlock(theme, letter.Signatory, [], Receiver(theme)), Copies(theme, letter.CopyTo)];
            default:
                return [SuratDinasHead(theme, letter), Addressee(theme, letter), Body(theme, letter.Body),
                    SignatureBlock(theme, letter.Signatory), Copies(theme, letter.CopyTo)];
        }
    }

    private static string IssuerOf(LetterDocument letter) =>
        (letter.Issuer ?? letter.Signatory.TitleLines[^1].TrimEnd(',')).ToUpperInvariant();

    /// <summary>The kind's title centred in bold, the lines under it (NOMOR, TENTANG, the subject) centred in regular type.</summary>
    private static Block Title(Theme theme, string title, params string[] lines)
    {
        var column = new Column(new Paragraph(title, theme.Bold) { Align = TextAlign.Center, LineSpacing = theme.LineSpacing });
        foreach (var line in lines) column.Add(new Paragraph(line, theme.Body) { Align = TextAlign.Center, LineSpacing = theme.LineSpacing });
        return new KeepTogether(new Column(column, new Spacer(theme.Body.Size)));
    }

    /// <summary>"Ditetapkan di Bekasi / pada tanggal 24 November 2026" (or "Dikeluarkan di"), above the signatory's title.</summary>
    private static Block[] IssuedAt(Theme theme, LetterDocument letter, string verb) =>
    [
        theme.Fields([new Field(verb, letter.Place), new Field("pada tanggal", IndonesianDate.Format(letter.Date))], 3.2f * Cm),
        new Rule(0.6f, spaceAbove: 2, spaceBelow: theme.Body.Size / 2),
    ];

    private static Paragraph PlaceAndDate(Theme theme, LetterDocument letter) => theme.Text($"{letter.Place}, {IndonesianDate.Format(letter.Date)}");

    private static Block PlaceAndDateAtRight(Theme theme, LetterDocument letter) =>
        new Table(ColumnWidth.Share(1 - RightColumnShare), ColumnWidth.Share(RightColumnShare)) { Borders = false, Padding = 0 }
            .Row(new Spacer(0), PlaceAndDate(theme, letter));

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

    private static Block Addressee(Theme theme, LetterDocument letter, bool spaceBefore = true)
    {
        var column = new Column(new Spacer(spaceBefore ? theme.Body.Size : 0));
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

    /// <summary>Nota dinas and telaahan staf: the title, then Kepada/Dari/Tembusan/Tanggal/Nomor/Sifat/Lampiran/Hal, then a rule.</summary>
    private static Block TableHead(Theme theme, LetterDocument letter)
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
            new Paragraph(letter.KindName.ToUpperInvariant(), theme.Bold.WithSize(theme.Body.Size + 2)) { Align = TextAlign.Center },
            new Spacer(theme.Body.Size),
            theme.Fields(fields, LabelWidth),
            new Rule(0.8f, spaceAbove: 6, spaceBelow: theme.Body.Size));
    }

    /// <summary>The closing block travels with the signature, so a signature never stands alone on a page.</summary>
    /// <remarks>A list or table at the end (a keputusan's diktums, a pengantar's items) sends only its last row along.</remarks>
    private static Block Body(Theme theme, IReadOnlyList<LetterBlock> blocks) =>
        new Column(blocks.Select((b, i) => i < blocks.Count - 1 ? BodyBlock(theme, b)
            : b is TextParagraph or Heading ? new KeepWithNext(BodyBlock(theme, b))
            : new KeepLastWithNext(BodyBlock(theme, b))));

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
            Clause clause => ClauseBlock(theme, clause, after),
            PersonClause people => PersonClauseBlock(theme, people, after),
            DiktumList diktums => DiktumBlock(theme, diktums, after),
            Heading heading => new KeepWithNext(new Paragraph(heading.Text, theme.Bold)
            {
                Align = heading.Centred ? TextAlign.Center : TextAlign.Left, LineSpacing = theme.LineSpacing, SpaceAfter = after,
            }),
            _ => throw new NotSupportedException($"Unknown letter block {block.GetType().Name}."),
        };
    }

    private static Table SimpleTableBlock(Theme theme, SimpleTable model)
    {
        var small = theme.Body.WithSize(theme.Body.Size - 1);
        var table = new Table(model.Header.Select((_, i) => ColumnWidth.Share(model.Widths is { } w && i < w.Count ? w[i] : 1)).ToArray());
        table.Header(model.Header.Select(h => new TableCell(new Paragraph(h, small.AsBold()) { Align = TextAlign.Center }, Fill: Theme.HeaderFill)).ToArray());
        foreach (var row in model.Rows)
            table.Row(row.Select(c => (Block)new Paragraph(c, small)).ToArray());
        return table;
    }

    /// <summary>
    /// Position, QR or signature space, name (bold, underlined), rank, NIP, at the right and kept on one page; above it the
    /// place/date lines a kind has, at its left another party's block (berita acara, the receiver of a pengantar).
    /// </summary>
    private static Block SignatureBlock(Theme theme, Signatory signatory, IEnumerable<Block>? above = null, Block? left = null, string? role = null)
    {
        var block = new Column(above ?? []);
        if (role is not null) block.Add(theme.Text(role));
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
            .Row(left ?? new Spacer(0), block);
        return new KeepTogether(new Column(new Spacer(theme.Body.Size), row));
    }

    /// <summary>Each other party of a berita acara: its role, jabatan, signature space, name, NIP.</summary>
    private static Block Parties(Theme theme, IReadOnlyList<PrintedPerson> parties)
    {
        var column = new Column();
        foreach (var party in parties)
        {
            column.Add(theme.Text($"{party.Role ?? "PIHAK KEDUA"},"));
            if (party.Position is { } position) column.Add(theme.Text(position.ToUpperInvariant()));
            column.Add(new Rule(0, spaceAbove: SignatureSpace + theme.Body.Size));
            column.Add(theme.Text(party.Name, theme.Bold.AsUnderlined()));
            if (party.Rank is { } rank) column.Add(theme.Text(rank));
            if (party.Nip is { } nip) column.Add(theme.Text($"NIP {nip}"));
            column.Add(new Spacer(theme.Body.Size));
        }
        return new Table(ColumnWidth.Share(0.9f), ColumnWidth.Share(0.1f)) { Borders = false, Padding = 0 }.Row(column, new Spacer(0));
    }

    /// <summary>A surat pengantar's receipt: the receiver dates, signs and names themself on the paper.</summary>
    private static Block Receiver(Theme theme) => new Column(
        theme.Text("Diterima tanggal ................"),
        theme.Text("Penerima,"),
        new Rule(0, spaceAbove: SignatureSpace + theme.Body.Size),
        theme.Text("(.............................)"),
        theme.Text("NIP ........................."));

    private static Block ClauseBlock(Theme theme, Clause clause, float after)
    {
        var table = new Table(ColumnWidth.Fixed(ClauseLabelWidth), ColumnWidth.Fixed(ColonWidth), ColumnWidth.Share()) { Borders = false, Padding = 0 };
        foreach (var (item, i) in clause.Items.Select((x, i) => (x, i)))
        {
            var marker = clause.Items.Count == 1 ? null : clause.Numbering == ClauseNumbering.Letters ? $"{Letter(i)}." : $"{i + 1}.";
            table.Row(theme.Text(i == 0 ? clause.Label : ""), theme.Text(i == 0 ? ":" : ""), new Paragraph(item, theme.Body)
            {
                Align = TextAlign.Justify, Marker = marker, Indent = marker is null ? 0 : ListTextIndent, LineSpacing = theme.LineSpacing,
            });
        }
        return new Column(table, new Spacer(after));
    }

    /// <summary>Without a label (a surat keterangan's "Yang bertanda tangan di bawah ini:") the people are indented under the sentence.</summary>
    private static Block PersonClauseBlock(Theme theme, PersonClause clause, float after)
    {
        var labelled = clause.Label.Length > 0;
        var table = new Table(ColumnWidth.Fixed(labelled ? ClauseLabelWidth : ParagraphIndent), ColumnWidth.Fixed(labelled ? ColonWidth : 0),
            ColumnWidth.Fixed(ListTextIndent), ColumnWidth.Share()) { Borders = false, Padding = 0 };
        foreach (var (person, i) in clause.People.Select((x, i) => (x, i)))
        {
            var fields = new List<Field> { new("Nama", person.Name) };
            if (person.Nip is { } nip) fields.Add(new Field("NIP", nip));
            if (person.Rank is { } rank) fields.Add(new Field("Pangkat/Gol.", rank));
            if (person.Position is { } position) fields.Add(new Field("Jabatan", position));
            table.Row(theme.Text(i == 0 ? clause.Label : ""), theme.Text(i == 0 && labelled ? ":" : ""), theme.Text(clause.People.Count == 1 ? "" : $"{i + 1}."),
                new Column(theme.Fields(fields, 3.2f * Cm), new Spacer(i == clause.People.Count - 1 ? 0 : theme.Body.Size / 2)));
        }
        return new Column(table, new Spacer(after));
    }

    private static Block DiktumBlock(Theme theme, DiktumList list, float after)
    {
        var table = new Table(ColumnWidth.Fixed(DiktumLabelWidth), ColumnWidth.Fixed(ColonWidth), ColumnWidth.Share()) { Borders = false, Padding = 0 };
        foreach (var (diktum, i) in list.Diktums.Select((x, i) => (x, i)))
            table.Row(theme.Text(Diktum(i + 1)), theme.Text(":"),
                new Column(new Paragraph(diktum, theme.Body) { Align = TextAlign.Justify, LineSpacing = theme.LineSpacing }, new Spacer(after)));
        return table;
    }

    /// <summary>KESATU, KEDUA, ..., KESEPULUH, KESEBELAS, KEDUA BELAS: diktums are numbered in words.</summary>
    public static string Diktum(int n) => n == 1 ? "KESATU" : "KE" + IndonesianDate.NumberInWords(n).ToUpperInvariant();

    private static string Letter(int i) => i < 26 ? ((char)('a' + i)).ToString() : Letter(i / 26 - 1) + (char)('a' + i % 26);

    private static string RomanNumeral(int n) =>
        n switch { >= 10 => "X" + RomanNumeral(n - 10), 9 => "IX", >= 5 => "V" + RomanNumeral(n - 5), 4 => "IV", >= 1 => "I" + RomanNumeral(n - 1), _ => "" };

    /// <summary>
    /// A lampiran starts a page: at the right, what it belongs to (a keputusan or instruksi names its issuer, number, date
    /// and subject, as the regulation's model does; other kinds their kind, number, date and hal), then its title centred.
    /// A keputusan's or instruksi's lampiran is signed again at its end.
    /// </summary>
    private static Block AppendixPages(Theme theme, LetterDocument letter, Appendix appendix, string ordinal)
    {
        var decree = letter.Kind is LetterKind.SuratKeputusan or LetterKind.Instruksi;
        var small = theme.Body.WithSize(theme.Body.Size - 1);
        var owner = decree
            ? $"{(letter.Kind == LetterKind.SuratKeputusan ? "KEPUTUSAN" : "INSTRUKSI")} {IssuerOf(letter)}"
            : $"{letter.KindName.ToUpperInvariant()}";
        var head = new Column(new Paragraph($"LAMPIRAN{ordinal}", small), new Paragraph(owner, small));
        head.Add(theme.Fields(
        [
            new Field("NOMOR", NumberText(letter)),
            new Field("TANGGAL", IndonesianDate.Format(letter.Date)),
            new Field(decree ? "TENTANG" : "HAL", letter.Subject.ToUpperInvariant()),
        ], 2.3f * Cm, small));
        var column = new Column(
            new PageBreak(),
            new Table(ColumnWidth.Share(0.4f), ColumnWidth.Share(0.6f)) { Borders = false, Padding = 0 }.Row(new Spacer(0), head),
            new Spacer(theme.Body.Size * 1.5f),
            new Paragraph(appendix.Title.ToUpperInvariant(), theme.Bold) { Align = TextAlign.Center, LineSpacing = theme.LineSpacing },
            new Spacer(theme.Body.Size),
            Body(theme, appendix.Body));
        if (decree) column.Add(SignatureBlock(theme, letter.Signatory));
        return column;
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
