using Arsip.Pdf.Layout;

namespace Arsip.Pdf;

/// <summary>The daftar arsip statis yang diserahkan (landscape, like the other lists) and the berita acara penyerahan (portrait, the list as lampiran).</summary>
public static class HandoverPdf
{
    private const float TableFontSize = 8.5f;
    public const string ListTitle = "DAFTAR ARSIP STATIS YANG DISERAHKAN";
    public const string BeritaAcaraTitle = "BERITA ACARA PENYERAHAN ARSIP STATIS";

    public static byte[] RenderList(HandoverDocument handover)
    {
        var theme = new Theme(handover.Letterhead, fontSize: 11);
        var body = new Column(
            new Paragraph(string.Join("\n", [.. handover.Letterhead.NameLines, handover.Letterhead.UnitName]), theme.Bold) { Align = TextAlign.Center },
            new Spacer(4),
            new Paragraph(ListTitle, theme.Bold.WithSize(13)) { Align = TextAlign.Center },
            new Paragraph($"Nomor {handover.Number}, kepada {handover.ReceivingInstitution}", theme.Body) { Align = TextAlign.Center },
            new Spacer(8),
            ListTable(theme, handover),
            new Spacer(6),
            new Paragraph($"Jumlah: {handover.Lines.Count} berkas, {handover.Records} item.", theme.Body));
        var footer = new PageNumber(theme.Body.WithSize(9),
            p => $"{ListTitle} {handover.Number} \u2013 dicetak {IndonesianDate.FormatDateTime(handover.GeneratedAt)} \u2013 Halaman {p.Number} dari {p.Count}", atTop: false);
        var info = new DocumentInfo($"{ListTitle} {handover.Number}", handover.Letterhead.UnitName, ListTitle, "Penyerahan, Arsip Statis", handover.GeneratedAt);
        return PdfComposer.Render(new DocumentSpec(theme.LandscapePage(), info, body, [footer]));
    }

    public static byte[] RenderBeritaAcara(HandoverDocument handover)
    {
        var theme = new Theme(handover.Letterhead, fontSize: 11);
        var text = (string t) => new Paragraph(t, theme.Body) { Align = TextAlign.Justify, LineSpacing = theme.LineSpacing, SpaceAfter = 6 };
        var parties = theme.Fields(
        [
            new Field("1. Nama / jabatan", $"{handover.HandingOverName}, {handover.HandingOverTitle}"),
            new Field("", $"bertindak untuk dan atas nama {handover.AgencyName}, selanjutnya disebut PIHAK PERTAMA;"),
            new Field("2. Lembaga", handover.ReceivingInstitution),
            new Field("", "selanjutnya disebut PIHAK KEDUA."),
        ], 110);
        var signatures = new Table(ColumnWidth.Share(), ColumnWidth.Share()) { Borders = false, Padding = 2 }
            .Row(new Paragraph("PIHAK KEDUA,\n" + handover.ReceivingInstitution + "\n\n\n\n\n(.................................)", theme.Body) { Align = TextAlign.Center },
                new Paragraph($"PIHAK PERTAMA,\n{handover.HandingOverTitle}\n\n\n\n\n{handover.HandingOverName}", theme.Body) { Align = TextAlign.Center });
        var body = new Column(
            LetterheadSection.Compose(theme),
            new Paragraph(BeritaAcaraTitle, theme.Bold.WithSize(13)) { Align = TextAlign.Center },
            new Paragraph($"Nomor: {handover.Number}", theme.Body) { Align = TextAlign.Center, SpaceAfter = 10 },
            text($"Pada hari ini, {IndonesianDate.InWords(handover.Date)} ({handover.Date:dd-MM-yyyy}), yang bertanda tangan di bawah ini:"),
            parties,
            new Spacer(6),
            text($"PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA arsip statis sebanyak {handover.Lines.Count} " +
                 $"({IndonesianDate.NumberInWords(handover.Lines.Count)}) berkas berisi {handover.Records} ({IndonesianDate.NumberInWords(handover.Records)}) item, " +
                 "sebagaimana tercantum dalam daftar arsip statis yang diserahkan terlampir, beserta paket arsip elektroniknya (metadata, berkas, riwayat " +
                 "peristiwa dengan rantai hash, dan manifes bertanda tangan). PIHAK KEDUA menerima penyerahan tersebut untuk disimpan dan dilestarikan."),
            text("Demikian berita acara ini dibuat dalam rangkap dua untuk dipergunakan sebagaimana mestinya."),
            new Spacer(10),
            new KeepTogether(signatures),
            new PageBreak(),
            new Paragraph($"LAMPIRAN BERITA ACARA PENYERAHAN NOMOR {handover.Number}", theme.Bold) { Align = TextAlign.Center },
            new Paragraph(ListTitle, theme.Bold) { Align = TextAlign.Center, SpaceAfter = 8 },
            ListTable(theme, handover));
        var footer = new PageNumber(theme.Body.WithSize(9),
            p => $"{BeritaAcaraTitle} {handover.Number} \u2013 Halaman {p.Number} dari {p.Count}", atTop: false);
        var info = new DocumentInfo($"{BeritaAcaraTitle} {handover.Number}", handover.Letterhead.UnitName, BeritaAcaraTitle, "Berita Acara, Penyerahan", handover.GeneratedAt);
        return PdfComposer.Render(new DocumentSpec(theme.PortraitPage(), info, body, [footer]));
    }

    private static Block ListTable(Theme theme, HandoverDocument handover)
    {
        if (handover.Lines.Count == 0) return new Paragraph("Tidak ada berkas.", theme.Body);
        var cell = theme.Body.WithSize(TableFontSize);
        var table = new Table(HandoverColumns.All.Select(c => ColumnWidth.Share(c.Share)).ToArray()) { Padding = 2.5f }
            .Header(HandoverColumns.All.Select(c => new TableCell(new Paragraph(c.Title, cell.AsBold()) { Align = TextAlign.Center }, Fill: Theme.HeaderFill)).ToArray());
        foreach (var line in handover.Lines)
            table.Row(HandoverColumns.All.Select(c => (Block)new Paragraph(c.Value(line), cell)).ToArray());
        return table;
    }
}
