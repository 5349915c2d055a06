using System.Text;
using Arsip.Pdf;
using UglyToad.PdfPig;

namespace Arsip.Tests.Pdf;

public class LetterPdfTests
{
    private static readonly byte[] Letter = LetterPdf.Render(Samples.Letter());

    [Fact]
    public void Head_reads_in_order_number_after_nomor_subject_after_hal()
    {
        var text = PdfRead.Pages(Letter)[0].Text;
        text.ShouldAppendInOrder("PEMERINTAH KOTA BEKASI", "SEKRETARIAT DAERAH", "Nomor", "000.1.2/15/Setda", "Sifat", "Biasa",
            "Lampiran", "1 (satu) berkas", "Hal", "Penertiban Administrasi", "Bekasi, 24 November 2026", "Yth.", "Kepala Perangkat Daerah", "di", "Bekasi");
    }

    [Fact]
    public void Letterhead_is_at_the_top_and_date_on_the_line_of_nomor_at_the_right()
    {
        var page = PdfRead.Pages(Letter)[0];
        var unit = PdfRead.Words(page, "SEKRETARIAT").MaxBy(w => w.BoundingBox.Bottom)!;
        unit.BoundingBox.Bottom.ShouldBeGreaterThan(page.Height * 0.85);

        var nomor = PdfRead.Words(page, "Nomor").Where(w => w.BoundingBox.Left < page.Width / 4).MaxBy(w => w.BoundingBox.Bottom)!;
        var year = page.GetWords().Where(w => w.Text == "2026" && w.BoundingBox.Left > page.Width / 2).MaxBy(w => w.BoundingBox.Bottom)!;
        year.BoundingBox.Bottom.ShouldBe(nomor.BoundingBox.Bottom, tolerance: 1);
    }

    [Fact]
    public void Signatory_is_at_the_lower_right_of_the_last_page_with_tembusan_after_it()
    {
        var pdf = LetterPdf.Render(Samples.Letter(paragraphs: 1));
        var last = PdfRead.Pages(pdf)[^1];
        var name = PdfRead.Words(last, "REZA").Single();
        name.BoundingBox.Left.ShouldBeGreaterThan(last.Width / 2);
        last.Text.ShouldAppendInOrder("SEKRETARIS DAERAH,", "REZA LUTHFI HASAN", "Pembina Utama Madya (IV/d)", "NIP 19680101 199003 1 005",
            "Tembusan:", "1.", "Yth. Wali Kota Bekasi", "2.", "Yth. Inspektur Kota Bekasi.");
        var tembusan = PdfRead.Words(last, "Tembusan:").Single();
        tembusan.BoundingBox.Top.ShouldBeLessThan(name.BoundingBox.Bottom);
        tembusan.BoundingBox.Left.ShouldBeLessThan(last.Width / 4);
    }

    [Fact]
    public void Signature_block_takes_the_closing_paragraph_along_to_a_new_page()
    {
        var pages = PdfRead.Pages(LetterPdf.Render(Samples.Letter(paragraphs: 3)));
        var signaturePage = pages.Single(p => p.Text.Contains("REZA"));
        signaturePage.Text.ShouldAppendInOrder("Demikian disampaikan", "SEKRETARIS DAERAH,", "REZA");
    }

    [Fact]
    public void Signatory_name_is_bold_and_underlined()
    {
        var page = PdfRead.Pages(LetterPdf.Render(Samples.Letter(paragraphs: 1)))[^1];
        var name = PdfRead.Words(page, "REZA").Single();
        name.Letters[0].FontName!.ShouldContain("Bold");
        // The underline is a filled rectangle just below the name's baseline.
        page.Paths.ShouldContain(p => Math.Abs(p.GetBoundingRectangle()!.Value.Top - name.BoundingBox.Bottom) < 3);
    }

    [Fact]
    public void Long_body_flows_over_pages_continuously_with_page_numbers_on_continuation_pages()
    {
        var pdf = LetterPdf.Render(Samples.Letter(paragraphs: 60));
        var pages = PdfRead.Pages(pdf);
        pages.Count.ShouldBeGreaterThanOrEqualTo(3);
        var text = PdfRead.Text(pdf);
        text.ShouldAppendInOrder(Enumerable.Range(1, 60).Select(i => $"Paragraf {i}. Seluruh").ToArray());
        pages[0].Text.ShouldNotContain("- 1 -");
        for (var i = 1; i < pages.Count; i++)
        {
            var number = PdfRead.Words(pages[i], $"{i + 1}").First();
            number.BoundingBox.Bottom.ShouldBeGreaterThan(pages[i].Height * 0.93);
        }
    }

    [Fact]
    public void Fonts_are_embedded_as_subsets()
    {
        var page = PdfRead.Pages(Letter)[0];
        var fonts = page.Letters.Select(l => l.FontName).Distinct().ToList();
        fonts.ShouldAllBe(f => f != null && f.Contains('+') && f.Contains("Liberation"));
        Encoding.Latin1.GetString(Letter).ShouldContain("/FontFile2");
        // Whole Liberation faces are 400 KB each; subsets keep a letter small.
        Letter.Length.ShouldBeLessThan(120_000);
    }

    [Fact]
    public void Is_pdfa_with_xmp_identification_and_metadata()
    {
        var raw = Encoding.Latin1.GetString(Letter);
        raw.ShouldContain("<pdfaid:part>2</pdfaid:part>");
        raw.ShouldContain("<pdfaid:conformance>B</pdfaid:conformance>");
        using var document = PdfDocument.Open(Letter);
        document.Information.Title.ShouldBe("Surat Dinas 000.1.2/15/Setda");
        document.Information.Subject.ShouldStartWith("Penertiban Administrasi");
        document.TryGetXmpMetadata(out var xmp).ShouldBeTrue();
        xmp.GetXDocument().ToString().ShouldContain("2026-11-24T02:30:00");
    }

    [Fact]
    public void Passes_qpdf_check_and_pdfinfo_sees_pdfa_metadata()
    {
        Directory.CreateDirectory(PdfSamples.Folder);
        var path = Path.Combine(PdfSamples.Folder, "check.pdf");
        File.WriteAllBytes(path, Letter);
        var check = PdfSamples.Require("qpdf", $"--check \"{path}\"", "qpdf");
        check.ExitCode.ShouldBe(0, check.Output);
        PdfSamples.Require("pdfinfo", $"-meta \"{path}\"", "poppler-utils").Output.ShouldContain("pdfaid:part");
    }

    [Fact]
    public void Draft_watermark_appears_only_on_drafts()
    {
        var draft = LetterPdf.Render(Samples.Letter(paragraphs: 30) with { IsDraft = true, Number = null });
        var pages = PdfRead.Pages(draft);
        // The mark is drawn diagonally, so look at its letters rather than extracted words.
        pages.ShouldAllBe(p => p.Text.Contains("DRAF") && p.Letters.Any(l => l.Value == "D" && l.PointSize > 100));
        pages[0].Text.ShouldContain("Nomor");
        pages[0].Text.ShouldContain("....");
        PdfRead.Pages(Letter).ShouldAllBe(p => !p.Text.Contains("DRAF"));
    }

    [Theory]
    [InlineData(PrintedSecurity.Rahasia, "RAHASIA")]
    [InlineData(PrintedSecurity.SangatRahasia, "SANGAT RAHASIA")]
    public void Secret_letters_carry_a_red_mark_at_top_and_bottom_of_every_page(PrintedSecurity level, string mark)
    {
        var pdf = LetterPdf.Render(Samples.Letter(paragraphs: 30) with { Security = level });
        foreach (var page in PdfRead.Pages(pdf))
        {
            var marks = PdfRead.Words(page, "RAHASIA");
            marks.Count.ShouldBe(2);
            marks.ShouldContain(w => w.BoundingBox.Bottom > page.Height * 0.95);
            marks.ShouldContain(w => w.BoundingBox.Top < page.Height * 0.05);
            foreach (var letter in marks.SelectMany(w => w.Letters))
            {
                var (r, g, b) = letter.Color.ToRGBValues();
                r.ShouldBeGreaterThan(0.7);
                g.ShouldBeLessThan(0.2);
                b.ShouldBeLessThan(0.2);
            }
            page.Text.ShouldContain(mark);
        }
        PdfRead.Pages(Letter).ShouldAllBe(p => PdfRead.Words(p, "RAHASIA").Count == 0);
    }

    [Fact]
    public void Nota_dinas_has_its_table_head_and_no_tembusan_at_the_foot()
    {
        var pdf = LetterPdf.Render(Samples.NotaDinas());
        var text = PdfRead.Text(pdf);
        text.ShouldAppendInOrder("NOTA DINAS", "Kepada", "Yth. Kepala Bagian Umum", "Dari", "Sekretaris Daerah", "Tembusan", "Asisten Administrasi Umum",
            "Tanggal", "24 November 2026", "Nomor", "000.1.2/15/Setda", "Sifat", "Lampiran", "Hal", "Laporan Penataan Arsip Inaktif",
            "Sehubungan", "No.", "Unit Kerja", "Jumlah Berkas", "Bagian Umum", "120", "REZA");
        text[text.IndexOf("REZA", StringComparison.Ordinal)..].ShouldNotContain("Tembusan");
    }

    [Fact]
    public void Invitation_lists_the_event_details()
    {
        var text = PdfRead.Text(LetterPdf.Render(Samples.Invitation()));
        text.ShouldAppendInOrder("hari, tanggal", ":", "Selasa, 1 Desember 2026", "waktu", "09.00 WIB", "tempat", "Ruang Rapat", "acara", "Evaluasi");
    }

    [Fact]
    public void Without_a_verification_url_the_signature_space_is_left_blank()
    {
        var model = Samples.Letter(paragraphs: 1) with { Signatory = Samples.Letter().Signatory with { VerificationUrl = null } };
        var page = PdfRead.Pages(LetterPdf.Render(model))[^1];
        var title = PdfRead.Words(page, "DAERAH,").Single();
        var name = PdfRead.Words(page, "REZA").Single();
        (title.BoundingBox.Bottom - name.BoundingBox.Top).ShouldBeGreaterThan(50);
    }

    [Fact]
    public void Re_rendering_the_same_model_gives_the_same_bytes_with_a_content_derived_id()
    {
        LetterPdf.Render(Samples.Letter()).ShouldBe(Letter);
        var raw = Encoding.Latin1.GetString(Letter);
        var uuid = System.Text.RegularExpressions.Regex.Match(raw, "uuid:([0-9a-f-]{36})").Groups[1].Value;
        Guid.Parse(uuid).Version.ShouldBe(8);
        raw.ShouldContain($"/ID [<{uuid.Replace("-", "").ToUpperInvariant()}>");
        LetterPdf.Render(Samples.Letter() with { Subject = "Lain" }).ShouldNotBe(Letter);
    }

    [Fact]
    public void Paper_size_and_line_spacing_come_from_the_letterhead_template()
    {
        var f4 = PdfRead.Pages(LetterPdf.Render(Samples.Letter(paragraphs: 20)));
        f4[0].Width.ShouldBe(215 * 72 / 25.4, tolerance: 0.5);
        f4[0].Height.ShouldBe(330 * 72 / 25.4, tolerance: 0.5);

        var a4 = Samples.Letter(paragraphs: 20) with { Letterhead = Samples.Bekasi with { Paper = PaperSize.A4, LineSpacing = 1.5f } };
        var wide = PdfRead.Pages(LetterPdf.Render(a4));
        wide[0].Width.ShouldBe(595.3, tolerance: 0.5);
        wide[0].Height.ShouldBe(841.9, tolerance: 0.5);
        wide.Count.ShouldBeGreaterThan(f4.Count);

        double LineGap(UglyToad.PdfPig.Content.Page page)
        {
            var lines = page.GetWords().Where(w => w.Text == "Paragraf").Select(w => w.BoundingBox.Bottom).ToList();
            var next = page.GetWords().Where(w => w.Text == "penertiban").Select(w => w.BoundingBox.Bottom).First(y => y < lines[0]);
            return lines[0] - next;
        }
        LineGap(wide[1]).ShouldBe(LineGap(f4[1]) * 1.5, tolerance: 0.5);
    }

    [Fact]
    public void Renders_concurrently()
    {
        var results = new byte[8][];
        Parallel.For(0, results.Length, i => results[i] = LetterPdf.Render(Samples.Letter(paragraphs: 10)));
        results.ShouldAllBe(r => r.Length == results[0].Length);
        results.ShouldAllBe(r => PdfRead.Text(r).Contains("Paragraf 10."));
    }
}
