using System.Text.Json;
using Arsip.Correspondence;
using Arsip.Documents;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.Pdf;
using Arsip.Tests.ReferenceData;
using Microsoft.AspNetCore.Mvc;
using LetterKind = Arsip.Kernel.LetterKind;
using UglyToad.PdfPig.Content;

namespace Arsip.Tests.Pdf;

/// <summary>
/// Every kind of naskah dinas from samples/naskah-dinas.json, drafted as the API takes it, rendered the way the server
/// issues it (LetterModels) and read back: where its title sits, how it is numbered, its signature block, tembusan, lampiran
/// and page numbers. The PDFs and PNGs land in TestResults/pdf-samples as naskah-{name}.
/// </summary>
public class NaskahDinasKindsTests
{
    public sealed record KindSample(string Name, string Signatory, DraftOutgoingLetter Draft);

    private const string Number = "000.5/12/Setda/2026";
    private static readonly DateOnly Date = new(2026, 12, 7);
    private static readonly Guid SignatoryPosition = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private const float Mm = 72 / 25.4f;

    private static readonly Lazy<IReadOnlyList<KindSample>> All = new(() => JsonSerializer.Deserialize<KindSample[]>(
        File.ReadAllText(Path.Combine(ClassificationSchemeFileTests.RepositoryRoot(), "samples", "naskah-dinas.json")),
        EnumNames.Options(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!);

    public static TheoryData<string> Names => [.. All.Value.Select(s => s.Name)];

    private static readonly DraftReferences Known = DraftReferences.None with { ExistingPositions = new HashSet<Guid> { SignatoryPosition } };

    private static KindSample Sample(string name) => All.Value.Single(s => s.Name == name);

    /// <summary>Title (bold, centred) and the line under it that carries the number, or null where the model has none.</summary>
    private static (string? Title, string? NumberLine) Expected(string name) => name switch
    {
        "surat-dinas" or "surat-undangan" => (null, null),
        "nota-dinas" => ("NOTA DINAS", null),
        "telaahan-staf" => ("TELAAHAN STAF", null),
        "surat-edaran" => ("SURAT EDARAN", $"NOMOR {Number}"),
        "surat-keputusan" => ("KEPUTUSAN WALI KOTA BEKASI", $"NOMOR {Number}"),
        "instruksi" => ("INSTRUKSI WALI KOTA BEKASI", $"NOMOR {Number}"),
        "surat-perintah" => ("SURAT PERINTAH", $"NOMOR {Number}"),
        "surat-tugas" => ("SURAT TUGAS", $"NOMOR {Number}"),
        "surat-keterangan" => ("SURAT KETERANGAN", $"NOMOR {Number}"),
        "berita-acara" => ("BERITA ACARA", $"NOMOR {Number}"),
        "surat-pengantar" => ("SURAT PENGANTAR", $"NOMOR {Number}"),
        "pengumuman" => ("PENGUMUMAN", $"NOMOR {Number}"),
        "laporan" => ("LAPORAN", null),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static LetterDocument Model(KindSample sample, string? extraAppendix = null)
    {
        var draft = extraAppendix is null ? sample.Draft : sample.Draft with
        {
            Structure = (sample.Draft.Structure ?? new LetterStructure()) with
            {
                Appendices = [.. sample.Draft.Structure?.Appendices ?? [], new LetterAppendix("Daftar Tambahan", extraAppendix)],
            },
        };
        var content = DraftReferences.None.ContentOf(draft);
        var position = new Position { Id = SignatoryPosition, Title = sample.Signatory };
        var signer = new Person { FullName = "Dr. H. REZA LUTHFI HASAN, M.Si.", Nip = "19680101 199003 1 005", Rank = "Pembina Utama Madya (IV/d)", PositionId = SignatoryPosition };
        return LetterModels.For("kota-bekasi", Samples.Bekasi, content, position, signer, Number, Date, Samples.Generated,
            "https://arsip.bekasikota.go.id/v/0123456789abc", isDraft: false);
    }

    private static byte[] Render(string name) => LetterPdf.Render(Model(Sample(name)));

    [Theory]
    [MemberData(nameof(Names))]
    public void Sample_draft_is_valid_for_its_kind(string name)
    {
        var sample = Sample(name);
        OutgoingDrafts.Refusal(sample.Draft, Known).ShouldBeNull();
        var structure = DraftReferences.None.ContentOf(sample.Draft).Structure;
        if (sample.Draft.Structure is null) structure.ShouldBeNull();
        else // the sample carries nothing its kind does not take
            JsonSerializer.Serialize(structure.ShouldNotBeNull()).ShouldBe(JsonSerializer.Serialize(sample.Draft.Structure with
            {
                People = sample.Draft.Structure.People?.Select(p => p with { PersonId = null }).ToArray(),
            }));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Title_is_bold_and_centred_with_the_number_under_it(string name)
    {
        var pdf = Render(name);
        PdfSamples.Save($"naskah-{name}", pdf);
        var page = PdfRead.Pages(pdf)[0];
        var lines = Lines(page);
        var (title, numberLine) = Expected(name);
        if (title is null)
        {
            // a letter: Nomor : number at the left on the line of the place and date
            var nomor = lines.First(l => l.Text.StartsWith("Nomor : ", StringComparison.Ordinal));
            nomor.Text.ShouldContain(Number);
            nomor.Left.ShouldBeLessThan(page.Width / 4);
            lines.ShouldContain(l => l.Bottom == nomor.Bottom && l.Words.Any(w => w.Text == "Bekasi," && w.BoundingBox.Left > page.Width / 2));
            lines.ShouldNotContain(l => l.Text.StartsWith("NOMOR", StringComparison.Ordinal));
            return;
        }
        var titleLine = lines.First(l => l.Text == title);
        ShouldBeCentred(page, titleLine);
        titleLine.Words[0].Letters[0].FontName!.ShouldContain("Bold");
        if (numberLine is not null)
        {
            var numbered = lines.First(l => l.Text == numberLine);
            ShouldBeCentred(page, numbered);
            numbered.Top.ShouldBeLessThan(titleLine.Top);
        }
        else
        {
            // nota dinas and telaahan staf: Nomor in the table head; a laporan has no number line
            if (name != "laporan") lines.ShouldContain(l => l.Text == $"Nomor : {Number}");
            else page.Text.ShouldNotContain(Number);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Signature_block_is_at_the_right_after_the_body_with_tembusan_below_at_the_left(string name)
    {
        var sample = Sample(name);
        var pdf = Render(name);
        var pages = PdfRead.Pages(pdf);
        var signed = pages.First(p => p.Text.Contains("REZA"));
        var signer = PdfRead.Words(signed, "REZA").Last(); // a surat keterangan names its signatory in the body too
        signer.Letters[0].FontName!.ShouldContain("Bold");
        signer.BoundingBox.Left.ShouldBeGreaterThan(signed.Width / 2);
        var lines = Lines(signed);
        // the title line nearest above the name (a berita acara's other party may share its baseline at the left)
        var title = $"{sample.Signatory.ToUpperInvariant()},";
        var signatory = lines.Last(l => l.Text.EndsWith(title, StringComparison.Ordinal) && l.Bottom > signer.BoundingBox.Top);
        signatory.Words[^title.Split(' ').Length].BoundingBox.Left.ShouldBeGreaterThan(signed.Width / 2);
        signed.Text.ShouldAppendInOrder("REZA LUTHFI HASAN", "Pembina Utama Madya (IV/d)", "NIP 19680101 199003 1 005");

        var issued = name switch
        {
            "surat-keputusan" => "Ditetapkan di : Bekasi",
            "surat-edaran" or "instruksi" or "surat-perintah" or "surat-tugas" or "pengumuman" => "Dikeluarkan di : Bekasi",
            "surat-keterangan" or "laporan" => "Bekasi, 7 Desember 2026",
            _ => null,
        };
        if (issued is not null)
        {
            var place = lines.Single(l => l.Text == issued);
            place.Top.ShouldBeGreaterThan(signatory.Top);
            place.Left.ShouldBeGreaterThan(signed.Width / 2);
        }

        var copies = sample.Draft.CopyTo ?? [];
        var at = pages.IndexOf(signed);
        if (copies.Length > 0 && name != "nota-dinas")
        {
            // on the signature's page below it, or (kept together) at the top of the next
            var copyPage = pages.Skip(at).First(p => p.Text.Contains("Tembusan:"));
            var tembusan = Lines(copyPage).Single(l => l.Text == "Tembusan:");
            if (copyPage == signed) tembusan.Top.ShouldBeLessThan(signer.BoundingBox.Bottom);
            else pages.IndexOf(copyPage).ShouldBe(at + 1);
            tembusan.Left.ShouldBeLessThan(signed.Width / 4);
            string.Join("\n", pages.Skip(at).Select(p => p.Text)).ShouldAppendInOrder(["Tembusan:", .. copies.Select(c => $"Yth. {c.Name}")]);
        }
        else
        {
            // a nota dinas names its tembusan in the head, never at the foot
            PdfRead.Text(pdf).Split("REZA")[1].ShouldNotContain("Tembusan");
        }
    }

    [Fact]
    public void Keputusan_reads_menimbang_mengingat_memutuskan_then_its_diktums_in_words()
    {
        var text = PdfRead.Text(Render("surat-keputusan"));
        text.ShouldAppendInOrder("KEPUTUSAN WALI KOTA BEKASI", $"NOMOR {Number}", "TENTANG", "PEMBENTUKAN TIM PENERTIBAN", "WALI KOTA BEKASI,",
            "Menimbang", ":", "a.", "bahwa dalam rangka", "b.", "bahwa berdasarkan", "Mengingat", ":", "1.", "Undang-Undang Nomor 43", "4.", "Peraturan Menteri Dalam Negeri Nomor 83",
            "MEMUTUSKAN:", "Menetapkan", ":", "KEPUTUSAN WALI KOTA BEKASI TENTANG PEMBENTUKAN TIM",
            "KESATU", ":", "Membentuk Tim", "KEDUA", ":", "KETIGA", ":", "KEEMPAT", ":", "Keputusan Wali Kota ini mulai berlaku",
            "Ditetapkan di", "pada tanggal", "7 Desember 2026", "WALI KOTA BEKASI,");
        var page = PdfRead.Pages(Render("surat-keputusan"))[0];
        ShouldBeCentred(page, Lines(page).Single(l => l.Text == "MEMUTUSKAN:"));
    }

    [Theory]
    [InlineData("surat-perintah", "MEMERINTAHKAN:")]
    [InlineData("surat-tugas", "MENUGASKAN:")]
    public void Perintah_and_tugas_list_dasar_the_people_with_nip_pangkat_jabatan_and_untuk(string name, string verb)
    {
        var pdf = Render(name);
        var text = PdfRead.Text(pdf);
        text.ShouldAppendInOrder("Dasar", ":", "1.", "Peraturan", "2.", verb, "Kepada", ":", "1.", "Nama", ":", "dr. SITI NURJANAH, M.K.M.", "NIP", ":", "19750312 200312 2 004",
            "Pangkat/Gol.", ":", "Pembina (IV/a)", "Jabatan", ":", "Kepala Bidang Pencegahan", "2.", "Nama", ":", "BUDI SANTOSO", "Untuk", ":", "1.", "2.", "Dikeluarkan di");
        var page = PdfRead.Pages(pdf)[0];
        ShouldBeCentred(page, Lines(page).Single(l => l.Text == verb));
    }

    [Fact]
    public void Berita_acara_has_the_other_party_sign_at_the_left_beside_the_first()
    {
        var page = PdfRead.Pages(Render("berita-acara")).First(p => p.Text.Contains("REZA"));
        var lines = Lines(page);
        var second = lines.Single(l => l.Text == "PIHAK KEDUA,");
        second.Left.ShouldBeLessThan(page.Width / 4);
        var first = lines.Single(l => l.Text == "PIHAK PERTAMA,");
        first.Left.ShouldBeGreaterThan(page.Width / 2);
        second.Bottom.ShouldBe(first.Bottom, tolerance: 1);
        PdfRead.Words(page, "AHMAD").Single().BoundingBox.Left.ShouldBeLessThan(page.Width / 4);
    }

    [Fact]
    public void Pengantar_lists_its_items_in_a_table_and_leaves_the_receiver_a_block_at_the_left()
    {
        var page = PdfRead.Pages(Render("surat-pengantar"))[0];
        var lines = Lines(page);
        page.Text.ShouldAppendInOrder("Bekasi, 7 Desember 2026", "Yth.", "Kepala Dinas Perpustakaan", "SURAT PENGANTAR", $"NOMOR {Number}",
            "No.", "Naskah Dinas/Barang yang Dikirimkan", "Banyaknya", "Keterangan", "1.", "Daftar arsip inaktif", "1 (satu) berkas", "2.", "Berita acara", "2 (dua) lembar");
        lines.Single(l => l.Text.StartsWith("Diterima tanggal", StringComparison.Ordinal)).Left.ShouldBeLessThan(page.Width / 4);
        page.Paths.Count.ShouldBeGreaterThan(4); // the item table's borders
    }

    [Theory]
    [InlineData("laporan", new[] { "A. Pendahuluan", "B. Kegiatan yang Dilaksanakan", "C. Hasil yang Dicapai", "D. Simpulan dan Saran", "E. Penutup" })]
    [InlineData("telaahan-staf", new[] { "A. Persoalan", "B. Praanggapan", "C. Fakta-Fakta yang Mempengaruhi", "D. Analisis", "E. Simpulan", "F. Saran" })]
    public void Laporan_and_telaahan_staf_letter_their_sections_in_bold(string name, string[] headings)
    {
        var pages = PdfRead.Pages(Render(name));
        string.Join("\n", pages.Select(p => p.Text)).ShouldAppendInOrder(headings);
        var lines = pages.SelectMany(p => Lines(p)).ToList();
        foreach (var heading in headings) lines.Single(l => l.Text == heading).Words[0].Letters[0].FontName!.ShouldContain("Bold");
    }

    [Fact]
    public void Instruksi_names_its_addressees_under_kepada_and_its_instructions_as_diktums()
    {
        PdfRead.Text(Render("instruksi")).ShouldAppendInOrder("INSTRUKSI WALI KOTA BEKASI", $"NOMOR {Number}", "TENTANG", "GERAKAN TERTIB ARSIP", "WALI KOTA BEKASI,",
            "Dalam rangka", "Kepada", ":", "1.", "Kepala Perangkat Daerah", "2.", "Camat", "3.", "Lurah", "Untuk:", "KESATU", ":", "KEDUA", ":", "KETIGA", ":", "Dikeluarkan di");
    }

    [Fact]
    public void Undangan_prints_hari_tanggal_waktu_tempat_acara_after_the_opening()
    {
        PdfRead.Text(Render("surat-undangan")).ShouldAppendInOrder("Dengan hormat", "hari, tanggal", ":", "Selasa, 15 Desember 2026", "waktu", ":", "09.00 WIB",
            "tempat", ":", "Ruang Rapat", "acara", ":", "Evaluasi", "Mengingat pentingnya");
    }

    /// <summary>A lampiran starts a new page, headed at the right with what it belongs to; pages after the first are numbered "- n -" at the top.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Lampiran_starts_a_page_with_its_own_heading_and_pages_are_numbered_from_page_two(string name)
    {
        var sample = Sample(name);
        var model = Model(sample, extraAppendix: string.Join("\n\n", Enumerable.Range(1, 30).Select(i => $"Butir tambahan nomor {i} dari daftar lampiran ini.")));
        var pdf = LetterPdf.Render(model);
        PdfSamples.Save($"naskah-{name}-lampiran", pdf);
        var pages = PdfRead.Pages(pdf);
        pages.Count.ShouldBeGreaterThanOrEqualTo(2);
        Lines(pages[0]).ShouldNotContain(l => l.Text == "- 1 -");
        for (var i = 1; i < pages.Count; i++)
        {
            var number = Lines(pages[i]).Single(l => l.Text == $"- {i + 1} -");
            number.Bottom.ShouldBeGreaterThan(pages[i].Height - 25 * Mm);
            ShouldBeCentred(pages[i], number, pageCentre: true);
        }

        var appendixPage = pages.First(p => p.Text.Contains("DAFTAR TAMBAHAN"));
        var lines = Lines(appendixPage);
        var head = lines.First(l => l.Text.StartsWith("LAMPIRAN", StringComparison.Ordinal));
        head.Left.ShouldBeGreaterThan(appendixPage.Width * 0.35);
        var owner = sample.Draft.Kind is LetterKind.SuratKeputusan ? "KEPUTUSAN WALI KOTA BEKASI"
            : sample.Draft.Kind is LetterKind.Instruksi ? "INSTRUKSI WALI KOTA BEKASI" : null;
        if (owner is not null) lines.ShouldContain(l => l.Text == owner);
        lines.ShouldContain(l => l.Text == $"NOMOR : {Number}" && l.Left > appendixPage.Width * 0.35);
        lines.ShouldContain(l => l.Text == "TANGGAL : 7 Desember 2026");
        var title = lines.Single(l => l.Text == "DAFTAR TAMBAHAN");
        title.Top.ShouldBeLessThan(head.Bottom);
        ShouldBeCentred(appendixPage, title);
        // the lampiran is the last thing: it follows the signature (and for a keputusan or instruksi is signed again)
        pages.FindIndex(p => p.Text.Contains("REZA")).ShouldBeLessThan(pages.IndexOf(appendixPage));
        if (owner is not null) PdfRead.Text(pdf).Split("DAFTAR TAMBAHAN")[1].ShouldContain("REZA LUTHFI HASAN");
    }

    private static readonly Position WaliKota = new() { Id = Guid.Parse("00000000-0000-0000-0000-0000000000a1"), Title = "Wali Kota Bekasi" };
    private static readonly Position Sekda = new() { Id = Guid.Parse("00000000-0000-0000-0000-0000000000a2"), Title = "Sekretaris Daerah", ReportsTo = WaliKota.Id };

    /// <summary>
    /// a.n. (Sekretaris Daerah for the Wali Kota) and u.b. (Kepala Bagian Umum under the Sekretaris Daerah), Permendagri 1/2023:
    /// in every kind, at the right, in the order a.n. line, the signing position(s), signature space, name, pangkat, NIP.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Signed_an_or_ub_prints_the_principal_then_the_signing_position_then_the_signature(string name)
    {
        foreach (var form in new[] { SignatureForm.AtasNama, SignatureForm.UntukBeliau })
        {
            var sample = Sample(name);
            var draft = sample.Draft with { Structure = (sample.Draft.Structure ?? new LetterStructure()) with { OnBehalf = form } };
            var content = DraftReferences.None.ContentOf(draft);
            content.Structure!.OnBehalf.ShouldBe(form, "every kind takes the signature form");
            var position = form == SignatureForm.AtasNama ? Sekda : new Position { Id = SignatoryPosition, Title = "Kepala Bagian Umum", ReportsTo = Sekda.Id };
            Position[] superiors = form == SignatureForm.AtasNama ? [WaliKota] : [Sekda, WaliKota];
            var signer = new Person { FullName = "Dr. H. REZA LUTHFI HASAN, M.Si.", Nip = "19680101 199003 1 005", Rank = "Pembina Utama Madya (IV/d)", PositionId = position.Id };
            var pdf = LetterPdf.Render(LetterModels.For("kota-bekasi", Samples.Bekasi, content, position, signer, Number, Date, Samples.Generated, null, isDraft: false, superiors));
            if (name is "surat-dinas" or "surat-keputusan") PdfSamples.Save($"naskah-{name}-{(form == SignatureForm.AtasNama ? "an" : "ub")}", pdf);

            var page = PdfRead.Pages(pdf).First(p => p.Text.Contains("REZA"));
            var right = Lines(page, w => w.BoundingBox.Left > page.Width / 2);
            string[] expected = form == SignatureForm.AtasNama
                ? ["a.n. WALI KOTA BEKASI", "SEKRETARIS DAERAH,"]
                : ["a.n. WALI KOTA BEKASI", "SEKRETARIS DAERAH,", "u.b.", "KEPALA BAGIAN UMUM,"];
            var start = right.FindLastIndex(l => l.Text == expected[0] && l.Top > PdfRead.Words(page, "REZA").Last().BoundingBox.Top);
            start.ShouldBeGreaterThanOrEqualTo(0, $"{name} {form}: {string.Join(" | ", right.Select(l => l.Text))}");
            right.Skip(start).Take(expected.Length + 3).Select(l => l.Text).ShouldBe(
                [.. expected, "Dr. H. REZA LUTHFI HASAN, M.Si.", "Pembina Utama Madya (IV/d)", "NIP 19680101 199003 1 005"], $"{name} {form}");
            var titleLine = right[start + expected.Length - 1];
            var nameLine = right[start + expected.Length];
            (titleLine.Bottom - nameLine.Bottom).ShouldBeGreaterThan(2 * 72 / 2.54, "the signature space between the position and the name");
            if (name == "surat-keputusan")
            {
                PdfRead.Text(pdf).ShouldContain("KEPUTUSAN WALI KOTA BEKASI", Case.Sensitive, "signed a.n., the head issues it");
                PdfRead.Text(pdf).ShouldNotContain("KEPUTUSAN SEKRETARIS", Case.Sensitive);
            }
        }
    }

    private static readonly string LongAppendix = string.Join("\n\n", Enumerable.Range(1, 30).Select(i => $"Butir tambahan nomor {i} dari daftar lampiran ini."));

    [Theory]
    [InlineData(PageNumberPosition.TopCentre, true)]
    [InlineData(PageNumberPosition.BottomCentre, false)]
    [InlineData(PageNumberPosition.BottomRight, true)]
    public void Page_numbers_go_where_the_agency_chose_from_page_two_or_from_page_one(PageNumberPosition at, bool firstPage)
    {
        var model = Model(Sample("surat-dinas"), LongAppendix) with { Letterhead = Samples.Bekasi with { PageNumbers = at, NumberFirstPage = firstPage } };
        var pdf = LetterPdf.Render(model);
        PdfSamples.Save($"naskah-halaman-{at}-{(firstPage ? "dari-1" : "dari-2")}", pdf);
        var pages = PdfRead.Pages(pdf);
        pages.Count.ShouldBeGreaterThanOrEqualTo(2);
        for (var i = 0; i < pages.Count; i++)
        {
            var numbers = Lines(pages[i]).Where(l => l.Text == $"- {i + 1} -").ToList();
            if (i == 0 && !firstPage)
            {
                numbers.ShouldBeEmpty();
                continue;
            }
            var number = numbers.Single();
            if (at == PageNumberPosition.TopCentre) number.Bottom.ShouldBeGreaterThan(pages[i].Height - 25 * Mm);
            else number.Bottom.ShouldBeLessThan(30 * Mm, "in the bottom margin");
            if (at == PageNumberPosition.BottomRight) number.Right.ShouldBe(pages[i].Width - 25 * Mm, tolerance: 2, "flush with the right margin");
            else ShouldBeCentred(pages[i], number, pageCentre: true);
        }
    }

    [Fact]
    public void Ditetapkan_or_dikeluarkan_di_follows_the_agencys_choice_per_kind()
    {
        PdfRead.Text(LetterPdf.Render(Model(Sample("surat-edaran")))).ShouldContain("Dikeluarkan di");
        var enacted = Samples.Bekasi with { EnactedKinds = new HashSet<Arsip.Pdf.LetterKind> { Arsip.Pdf.LetterKind.SuratEdaran } };
        var edaran = PdfRead.Text(LetterPdf.Render(Model(Sample("surat-edaran")) with { Letterhead = enacted }));
        edaran.ShouldContain("Ditetapkan di");
        edaran.ShouldNotContain("Dikeluarkan di");
        var keputusan = PdfRead.Text(LetterPdf.Render(Model(Sample("surat-keputusan")) with { Letterhead = enacted }));
        keputusan.ShouldContain("Dikeluarkan di");
        keputusan.ShouldNotContain("Ditetapkan di");
    }

    [Fact]
    public void A_keputusan_of_the_head_carries_the_heads_kop_unless_the_agency_turns_it_off_or_another_official_signs()
    {
        // the sample keputusan is signed by the Wali Kota, at the top of the chart: the emblem centred above "WALI KOTA BEKASI", no address
        using var document = UglyToad.PdfPig.PdfDocument.Open(Render("surat-keputusan"));
        var page = document.GetPage(1);
        var first = Lines(page)[0];
        first.Text.ShouldBe("WALI KOTA BEKASI");
        first.Words[0].Letters[0].FontName!.ShouldContain("Bold");
        ShouldBeCentred(page, first);
        page.Text.ShouldNotContain("SEKRETARIAT DAERAH");
        page.Text.ShouldNotContain("Jalan Jenderal");
        var emblem = page.GetImages().Single();
        ((emblem.BoundingBox.Left + emblem.BoundingBox.Right) / 2).ShouldBe((30 * Mm + page.Width - 25 * Mm) / 2, tolerance: 2, "the emblem centred");
        emblem.BoundingBox.Bottom.ShouldBeGreaterThan(first.Top, "the emblem above the title");
        PdfRead.Pages(LetterPdf.Render(Model(Sample("instruksi"))))[0].Text.ShouldNotContain("Jalan Jenderal");

        var off = Model(Sample("surat-keputusan")) with { Letterhead = Samples.Bekasi with { HeadKopKinds = new HashSet<Arsip.Pdf.LetterKind>() } };
        PdfRead.Pages(LetterPdf.Render(off))[0].Text.ShouldContain("SEKRETARIAT DAERAH");

        // the Sekretaris Daerah's own keputusan (not a.n. the head) keeps the unit's letterhead
        var content = DraftReferences.None.ContentOf(Sample("surat-keputusan").Draft);
        var signer = new Person { FullName = "Dr. H. REZA LUTHFI HASAN, M.Si.", Nip = "19680101 199003 1 005", PositionId = Sekda.Id };
        var own = LetterModels.For("kota-bekasi", Samples.Bekasi, content, Sekda, signer, Number, Date, Samples.Generated, null, isDraft: false);
        own.IssuedByHead.ShouldBeFalse();
        var ownPage = PdfRead.Pages(LetterPdf.Render(own))[0].Text;
        ownPage.ShouldContain("SEKRETARIAT DAERAH");
        ownPage.ShouldContain("KEPUTUSAN SEKRETARIS DAERAH KOTA BEKASI");
    }

    [Fact]
    public void An_is_refused_without_a_superior_and_ub_without_two_levels()
    {
        var draft = Sample("surat-dinas").Draft;
        OutgoingDrafts.Refusal(draft with { Structure = new LetterStructure(OnBehalf: SignatureForm.AtasNama) }, Known)
            .ShouldBeOfType<ValidationProblemDetails>().Errors.Keys.ShouldBe(["structure.onBehalf"]);
        var oneUp = Known with { SignatorySuperiors = [WaliKota] };
        OutgoingDrafts.Refusal(draft with { Structure = new LetterStructure(OnBehalf: SignatureForm.AtasNama) }, oneUp).ShouldBeNull();
        OutgoingDrafts.Refusal(draft with { Structure = new LetterStructure(OnBehalf: SignatureForm.UntukBeliau) }, oneUp)
            .ShouldBeOfType<ValidationProblemDetails>().Errors.Keys.ShouldBe(["structure.onBehalf"]);
        OutgoingDrafts.Refusal(draft with { Structure = new LetterStructure(OnBehalf: SignatureForm.UntukBeliau) }, Known with { SignatorySuperiors = [Sekda, WaliKota] })
            .ShouldBeNull();
    }

    [Fact]
    public void Every_kind_has_a_number_template_in_the_samples_of_every_agency()
    {
        var file = Path.Combine(ClassificationSchemeFileTests.RepositoryRoot(), "samples", "reference", "templates.json");
        var agencies = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, JsonElement>>>(File.ReadAllText(file))!;
        agencies.Count.ShouldBeGreaterThan(0);
        foreach (var (agency, templates) in agencies)
            foreach (var kind in Enum.GetValues<LetterKind>())
            {
                templates.ShouldContainKey(LetterNumbers.Slug(kind), $"{agency} has no number template for {kind}");
                Arsip.ReferenceData.LetterNumberTemplate.Parse(templates[LetterNumbers.Slug(kind)].GetProperty("template").GetString()).Template
                    .ShouldNotBeNull($"{agency}'s template for {kind}");
            }
        All.Value.Select(s => s.Draft.Kind!.Value).ShouldBe(Enum.GetValues<LetterKind>(), ignoreOrder: true, "samples/naskah-dinas.json has a draft of every kind");
    }

    [Fact]
    public void Keputusan_without_diktum_and_surat_tugas_without_people_or_nip_are_refused_with_the_field()
    {
        var keputusan = Sample("surat-keputusan").Draft;
        var noDiktum = OutgoingDrafts.FieldRefusal(keputusan with { Structure = keputusan.Structure! with { Diktums = [] } }).ShouldBeOfType<ValidationProblemDetails>();
        noDiktum.Errors.Keys.ShouldBe(["structure.diktums"]);

        var tugas = Sample("surat-tugas").Draft;
        OutgoingDrafts.FieldRefusal(tugas with { Structure = tugas.Structure! with { People = null } }).ShouldBeOfType<ValidationProblemDetails>()
            .Errors.Keys.ShouldBe(["structure.people"]);
        var withoutNip = tugas with { Structure = tugas.Structure! with { People = [tugas.Structure.People![0], new AssignedPerson(Name: "HONORER TANPA NIP")] } };
        OutgoingDrafts.FieldRefusal(withoutNip).ShouldBeNull();
        OutgoingDrafts.Refusal(withoutNip, Known).ShouldBeOfType<ValidationProblemDetails>().Errors.Keys.ShouldBe(["structure.people[1].nip"]);
        // a letter signed on paper (a reservation) keeps its structure on the paper
        OutgoingDrafts.Refusal(tugas with { Structure = null, Body = "Surat tugas ditandatangani di atas kertas." }, Known, structured: false).ShouldBeNull();
    }

    private sealed record Line(string Text, double Left, double Right, double Top, double Bottom, IReadOnlyList<Word> Words);

    /// <summary>Words grouped by baseline, top to bottom, split where a gap wider than 40 pt separates columns; Bottom is the baseline.</summary>
    private static List<Line> Lines(Page page, Func<Word, bool>? only = null)
    {
        var lines = new List<Line>();
        foreach (var row in page.GetWords().Where(only ?? (_ => true)).GroupBy(w => Math.Round(w.Letters[0].StartBaseLine.Y)).OrderByDescending(g => g.Key))
        {
            var segment = new List<Word>();
            foreach (var word in row.OrderBy(w => w.BoundingBox.Left))
            {
                if (segment.Count > 0 && word.BoundingBox.Left - segment[^1].BoundingBox.Right > 40) Flush();
                segment.Add(word);
            }
            Flush();

            void Flush()
            {
                lines.Add(new Line(string.Join(" ", segment.Select(w => w.Text)), segment.Min(w => w.BoundingBox.Left), segment.Max(w => w.BoundingBox.Right),
                    segment.Max(w => w.BoundingBox.Top), row.Key, segment.ToList()));
                segment.Clear();
            }
        }
        return lines;
    }

    /// <summary>Centred between the margins (3 cm left, 2.5 cm right), or on the page for what sits in the margin.</summary>
    private static void ShouldBeCentred(Page page, Line line, bool pageCentre = false)
    {
        var centre = pageCentre ? page.Width / 2 : (30 * Mm + page.Width - 25 * Mm) / 2;
        ((line.Left + line.Right) / 2).ShouldBe(centre, tolerance: 2, $"'{line.Text}' from {line.Left:0} to {line.Right:0}");
    }
}
