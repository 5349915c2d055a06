using System.Globalization;
using Arsip.Pdf.Layout;

namespace Arsip.Pdf;

/// <summary>The two documents of a pemusnahan: the daftar arsip usul musnah and the berita acara pemusnahan arsip, landscape like the other lists.</summary>
public static class DisposalPdf
{
    private const float TableFontSize = 8.5f;
    public const string ListTitle = "DAFTAR ARSIP USUL MUSNAH";
    public const string ReportTitle = "BERITA ACARA PEMUSNAHAN ARSIP";

    /// <summary>Renders the proposal's list; safe to call concurrently.</summary>
    public static byte[] RenderList(DisposalListDocument list)
    {
        var theme = new Theme(list.Letterhead, fontSize: 11);
        var cell = theme.Body.WithSize(TableFontSize);
        string[] titles = ["No.", "Unit pengolah", "Nomor berkas", "Kode klasifikasi", "Uraian informasi berkas", "Kurun waktu", "Jumlah", "Retensi", "Keterangan"];
        var table = new Table(ColumnWidth.Fixed(24), ColumnWidth.Share(1.1f), ColumnWidth.Share(0.7f), ColumnWidth.Share(0.8f), ColumnWidth.Share(2.6f),
                ColumnWidth.Share(1.1f), ColumnWidth.Share(0.6f), ColumnWidth.Share(1f), ColumnWidth.Share(2.2f)) { Padding = 2.5f }
            .Header(titles.Select(t => new TableCell(new Paragraph(t, cell.AsBold()) { Align = TextAlign.Center }, Fill: Theme.HeaderFill)).ToArray());
        var n = 0;
        foreach (var line in list.Lines)
            table.Row(new Paragraph((++n).ToString(CultureInfo.InvariantCulture), cell), new Paragraph(line.Unit, cell), new Paragraph(line.Number, cell),
                new Paragraph(line.Classification, cell), new Paragraph(line.Title, cell), new Paragraph(line.Period, cell),
                new Paragraph($"{line.Count} item", cell), new Paragraph(line.Retention, cell), new Paragraph(line.Remarks, cell));

        var body = new Column(
            new Paragraph(string.Join("\n", [.. list.Letterhead.NameLines, list.Letterhead.UnitName]), theme.Bold) { Align = TextAlign.Center },
            new Spacer(4),
            new Paragraph(ListTitle, theme.Bold.WithSize(13)) { Align = TextAlign.Center },
            new Paragraph($"Diusulkan {IndonesianDate.Format(list.ProposedOn)} oleh {list.ProposedBy}; status: {list.Status}", theme.Body) { Align = TextAlign.Center },
            new Spacer(8),
            list.Lines.Count == 0 ? new Paragraph("Tidak ada berkas.", theme.Body) : table);
        var footer = new PageNumber(theme.Body.WithSize(9),
            p => $"{ListTitle} \u2013 dicetak {IndonesianDate.FormatDateTime(list.GeneratedAt)} \u2013 Halaman {p.Number} dari {p.Count}", atTop: false);
        var info = new DocumentInfo($"{ListTitle} {IndonesianDate.Format(list.ProposedOn)}", list.Letterhead.UnitName, ListTitle, "Usul Musnah, Pemusnahan Arsip", list.GeneratedAt);
        return PdfComposer.Render(new DocumentSpec(theme.LandscapePage(), info, body, [footer]));
    }

    /// <summary>Renders the berita acara with its final list (exactly the destroyed records); safe to call concurrently.</summary>
    public static byte[] RenderReport(DisposalReportDocument report)
    {
        var theme = new Theme(report.Letterhead, fontSize: 11);
        var cell = theme.Body.WithSize(TableFontSize);
        var para = (string text) => new Paragraph(text, theme.Body) { Align = TextAlign.Justify, SpaceAfter = 4 };

        var people = new Table(ColumnWidth.Fixed(24), ColumnWidth.Share(1.4f), ColumnWidth.Share(2f)) { Padding = 2.5f }
            .Header(new[] { "No.", "Nama", "Jabatan dalam panitia" }.Select(t => new TableCell(new Paragraph(t, cell.AsBold()), Fill: Theme.HeaderFill)).ToArray());
        var m = 0;
        foreach (var member in report.Committee)
            people.Row(new Paragraph((++m).ToString(CultureInfo.InvariantCulture), cell), new Paragraph(member.Name, cell), new Paragraph(member.Role, cell));

        string[] titles = ["No.", "Berkas", "Nomor surat", "Tanggal", "Pengirim / tujuan", "Perihal", "Kode klasifikasi"];
        var records = new Table(ColumnWidth.Fixed(24), ColumnWidth.Share(1.3f), ColumnWidth.Share(1.3f), ColumnWidth.Share(0.9f), ColumnWidth.Share(1.6f),
                ColumnWidth.Share(2.6f), ColumnWidth.Share(0.8f)) { Padding = 2.5f }
            .Header(titles.Select(t => new TableCell(new Paragraph(t, cell.AsBold()) { Align = TextAlign.Center }, Fill: Theme.HeaderFill)).ToArray());
        var n = 0;
        foreach (var r in report.Records)
            records.Row(new Paragraph((++n).ToString(CultureInfo.InvariantCulture), cell), new Paragraph(r.CaseFile, cell), new Paragraph(r.Number, cell),
                new Paragraph(r.Date is { } d ? IndonesianDate.Format(d) : "-", cell), new Paragraph(r.Correspondent, cell),
                new Paragraph(r.Subject, cell), new Paragraph(r.Classification, cell));

        var blocks = new List<Block>
        {
            LetterheadSection.Compose(theme),
            new Paragraph(ReportTitle, theme.Bold.WithSize(13)) { Align = TextAlign.Center },
            new Paragraph($"Nomor: {report.Reference}", theme.Body) { Align = TextAlign.Center, SpaceAfter = 10 },
            para($"Pada hari {IndonesianDate.InWords(report.Date)} ({IndonesianDate.Format(report.Date)}), bertempat di {report.Place}, telah dilaksanakan pemusnahan arsip " +
                 $"sebanyak {report.Records.Count} arsip sebagaimana tercantum dalam daftar di bawah ini, yang merupakan bagian tidak terpisahkan dari berita acara ini."),
            para("Pemusnahan dilaksanakan setelah dinilai oleh panitia penilai arsip:"),
            people,
            new Spacer(6),
            para($"dan disetujui oleh {report.ApprovedBy.Name} selaku {report.ApprovedBy.Role} pada tanggal {IndonesianDate.Format(report.ApprovedOn)}" +
                 (report.ExternalApproval is { } external ? $", dengan persetujuan {external}." : ".")),
            para($"Pemusnahan dilaksanakan oleh {report.ExecutedBy.Name} ({report.ExecutedBy.Role}) secara total sehingga isi arsip tidak dapat dikenali lagi; " +
                 "metadata arsip (nomor, tanggal, pengirim/tujuan, perihal, kode klasifikasi, berkas) dan riwayatnya tetap disimpan."),
        };
        if (report.SkippedNotes.Count > 0)
        {
            blocks.Add(para("Berkas berikut tidak dimusnahkan karena berada dalam penangguhan pada saat pelaksanaan:"));
            blocks.AddRange(report.SkippedNotes.Select(note => new Paragraph(note, theme.Body) { Marker = "\u2022", MarkerIndent = 0, Indent = 12 }));
            blocks.Add(new Spacer(6));
        }
        blocks.Add(new Paragraph("DAFTAR ARSIP YANG DIMUSNAHKAN", theme.Bold) { Align = TextAlign.Center, SpaceAfter = 4 });
        blocks.Add(report.Records.Count == 0 ? new Paragraph("Tidak ada arsip yang dimusnahkan.", theme.Body) : records);
        blocks.Add(new Spacer(14));
        blocks.Add(new Paragraph($"{report.Place}, {IndonesianDate.Format(report.Date)}", theme.Body) { Align = TextAlign.Right });
        blocks.Add(new Paragraph($"{report.ExecutedBy.Role},\n\n\n{report.ExecutedBy.Name}", theme.Body) { Align = TextAlign.Right });
        var body = new Column(blocks);
        var footer = new PageNumber(theme.Body.WithSize(9), p => $"{ReportTitle} {report.Reference} \u2013 Halaman {p.Number} dari {p.Count}", atTop: false);
        var info = new DocumentInfo($"{ReportTitle} {report.Reference}", report.Letterhead.UnitName, ReportTitle, "Berita Acara, Pemusnahan Arsip", report.GeneratedAt);
        return PdfComposer.Render(new DocumentSpec(theme.LandscapePage(), info, body, [footer]));
    }
}
