using Arsip.Pdf.Layout;

namespace Arsip.Pdf;

/// <summary>The two documents of a pemindahan: the list alone, and the berita acara with the list as lampiran (landscape, as the other lists).</summary>
public static class TransferPdf
{
    private const float TableFontSize = 8.5f;
    public const string ListTitle = "DAFTAR ARSIP YANG DIPINDAHKAN";
    public const string ReportTitle = "BERITA ACARA PEMINDAHAN ARSIP INAKTIF";

    public static byte[] RenderList(TransferListDocument list)
    {
        var theme = new Theme(list.Letterhead, fontSize: 11);
        var body = new Column(Heading(theme, list, ListTitle, null), new Spacer(8), Table(theme, list));
        return Compose(theme, list, body, ListTitle, $"{ListTitle} {list.UnitName}");
    }

    public static byte[] RenderReport(TransferReportDocument report)
    {
        var list = report.List;
        var theme = new Theme(list.Letterhead, fontSize: 11);
        var text = theme.Body;
        var files = list.Files.Count;
        var items = list.Files.Sum(f => f.Items.Count);
        Block Party(int n, BeritaAcaraParty p, string called) => theme.Fields(
        [
            new Field($"{n}. Nama", p.Name),
            new Field("   NIP", p.Nip ?? "-"),
            new Field("   Jabatan", p.Position),
            new Field("", $"dalam hal ini bertindak untuk dan atas nama {p.ActingFor}, selanjutnya disebut {called}."),
        ], 90, text);
        Block Sign(string called, BeritaAcaraParty p) => new Column(
            new Paragraph(called, theme.Bold) { Align = TextAlign.Center },
            new Paragraph(p.Position, text) { Align = TextAlign.Center },
            new Spacer(40),
            new Paragraph(p.Name, theme.Bold) { Align = TextAlign.Center },
            new Paragraph($"NIP {p.Nip ?? "-"}", text) { Align = TextAlign.Center });

        var body = new Column(
            new Paragraph(string.Join("\n", [.. list.Letterhead.NameLines, list.Letterhead.UnitName]), theme.Bold) { Align = TextAlign.Center },
            new Spacer(6),
            new Paragraph(ReportTitle, theme.Bold.WithSize(13)) { Align = TextAlign.Center },
            new Paragraph($"Nomor: {report.Number}", text) { Align = TextAlign.Center },
            new Spacer(10),
            theme.Text($"Pada hari ini, {IndonesianDate.InWords(report.Date)}, bertempat di {report.Place}, kami yang bertanda tangan di bawah ini:"),
            new Spacer(4),
            Party(1, report.FirstParty, "PIHAK PERTAMA"),
            new Spacer(4),
            Party(2, report.SecondParty, "PIHAK KEDUA"),
            new Spacer(6),
            theme.Text($"PIHAK PERTAMA memindahkan arsip inaktif {list.UnitName} kepada PIHAK KEDUA sebanyak {files} berkas ({items} item) " +
                       "sebagaimana tercantum dalam Daftar Arsip yang Dipindahkan terlampir, dan PIHAK KEDUA telah menerimanya " +
                       $"(diterima oleh {report.ReceivedBy}). Sejak tanggal tersebut arsip itu berada dalam penyimpanan {list.RecordsCentreName}."),
            new Spacer(4),
            theme.Text("Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya."),
            new Spacer(14),
            new KeepTogether(new Table(ColumnWidth.Share(), ColumnWidth.Share()) { Borders = false }
                .Row(Sign("PIHAK PERTAMA", report.FirstParty), Sign("PIHAK KEDUA", report.SecondParty))),
            new PageBreak(),
            Heading(theme, list, $"LAMPIRAN {ReportTitle}", $"Nomor: {report.Number} tanggal {IndonesianDate.Format(report.Date)}"),
            new Spacer(8),
            Table(theme, list));
        return Compose(theme, list, body, ReportTitle, $"{ReportTitle} {report.Number}");
    }

    private static Block Heading(Theme theme, TransferListDocument list, string title, string? subtitle) => new Column(
        new Paragraph(string.Join("\n", [.. list.Letterhead.NameLines, list.Letterhead.UnitName]), theme.Bold) { Align = TextAlign.Center },
        new Spacer(4),
        new Paragraph(title, theme.Bold.WithSize(13)) { Align = TextAlign.Center },
        new Paragraph(subtitle ?? $"Unit pengolah: {list.UnitName}; unit kearsipan: {list.RecordsCentreName}", theme.Body) { Align = TextAlign.Center });

    private static Block Table(Theme theme, TransferListDocument list)
    {
        if (list.Files.Count == 0) return new Paragraph("Tidak ada berkas.", theme.Body);
        var cell = theme.Body.WithSize(TableFontSize);
        var bold = cell.AsBold();
        string[] titles = ["Nomor berkas", "Kode klasifikasi", "Uraian informasi", "Kurun waktu", "Jumlah", "Retensi", "Keterangan"];
        var table = new Table(ColumnWidth.Share(0.7f), ColumnWidth.Share(0.8f), ColumnWidth.Share(3.2f), ColumnWidth.Share(1.1f),
                ColumnWidth.Share(0.7f), ColumnWidth.Share(1.3f), ColumnWidth.Share(1.8f)) { Padding = 2.5f }
            .Header(titles.Select(t => new TableCell(new Paragraph(t, bold) { Align = TextAlign.Center }, Fill: Theme.HeaderFill)).ToArray());
        foreach (var f in list.Files)
        {
            table.Row(new[] { f.Number, f.Classification, f.Title, f.Period, f.Count, f.Retention, f.Remarks }
                .Select(v => new TableCell(new Paragraph(v, bold), Fill: Theme.HeaderFill)).ToArray());
            foreach (var i in f.Items)
                table.Row(new[] { "", "", $"{i.Number}. {i.Description}", "", i.Count, "", i.Remarks }
                    .Select(v => (Block)new Paragraph(v, cell)).ToArray());
        }
        return table;
    }

    private static byte[] Compose(Theme theme, TransferListDocument list, Block body, string title, string documentTitle)
    {
        var footer = new PageNumber(theme.Body.WithSize(9),
            p => $"{title} \u2013 {list.UnitName} \u2013 dicetak {IndonesianDate.FormatDateTime(list.GeneratedAt)} \u2013 Halaman {p.Number} dari {p.Count}", atTop: false);
        var info = new DocumentInfo(documentTitle, list.Letterhead.UnitName, title, "Pemindahan Arsip", list.GeneratedAt);
        return PdfComposer.Render(new DocumentSpec(theme.LandscapePage(), info, body, [footer]));
    }
}
