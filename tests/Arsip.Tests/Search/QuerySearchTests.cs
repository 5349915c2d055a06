using Arsip.Search;
using static Arsip.Tests.Search.Letters;

namespace Arsip.Tests.Search;

public class QuerySearchTests : IDisposable
{
    private readonly IndexedLetter flood = Letter(
        "Undangan Rapat Koordinasi Penanganan Banjir",
        body: "Dalam rangka penanganan banjir di Kecamatan Bekasi Timur, kami mengundang Saudara hadir pada rapat koordinasi.",
        sender: "Badan Penanggulangan Bencana Daerah", status: "Didisposisikan", security: "Terbatas") with { PositionIds = ["P7"] };
    private readonly IndexedLetter procurement = Letter(
        "Permohonan Pengadaan Komputer",
        body: "Bersama ini kami mengajukan permohonan pengadaan komputer untuk bagian umum.",
        sender: "Bagian Umum", direction: LetterDirection.Outgoing, status: "Selesai", date: new DateOnly(2025, 5, 2));
    private readonly IndexedLetter staff = Letter(
        "Permohonan Data Kepegawaian",
        body: "Mohon disampaikan data kepegawaian dan rapat evaluasi banjir tahun lalu.",
        sender: "Badan Kepegawaian Daerah", classification: "800.1");
    private readonly TestIndex index;

    public QuerySearchTests() => index = new TestIndex(flood, procurement, staff);

    public void Dispose() => index.Dispose();

    [Fact]
    public void All_words_are_required() =>
        index.Ids("rapat banjir koordinasi").ShouldBe([flood.Id]);

    [Fact]
    public void Affixed_forms_find_each_other_through_the_stem()
    {
        index.Ids("diadakan").ShouldBe([procurement.Id]);
        index.Ids("mengadakan komputer").ShouldBe([procurement.Id]);
        index.Ids("ditangani banjir").ShouldBe([flood.Id]);
        index.Ids("menangani banjir").ShouldBe([flood.Id]); // me-N- + tangan + -i: through the override dictionary
        index.Ids("dinilai").ShouldBeEmpty();
    }

    [Fact]
    public void Phrases_keep_word_order()
    {
        index.Ids("\"rapat koordinasi\"").ShouldBe([flood.Id]);
        index.Ids("\"koordinasi rapat\"").ShouldBeEmpty();
        index.Ids("\"data kepegawaian\"").ShouldBe([staff.Id]);
    }

    [Fact]
    public void Exclusions_remove_matches()
    {
        index.Ids("banjir -koordinasi").ShouldBe([staff.Id]);
        index.Ids("rapat -\"rapat koordinasi\"").ShouldBe([staff.Id]);
        index.Ids("-banjir").ShouldBe([procurement.Id]);
    }

    [Fact]
    public void Field_syntax_filters_exact_fields()
    {
        index.Ids("pengirim:\"Badan Kepegawaian\"").ShouldBe([staff.Id]);
        index.Ids("banjir status:didisposisikan").ShouldBe([flood.Id]);
        index.Ids("jenis:keluar").ShouldBe([procurement.Id]);
        index.Ids("kind:\"surat dinas\" tahun:2025").ShouldBe([procurement.Id]);
        index.Ids("permohonan klasifikasi:800").ShouldBe([staff.Id]);
        index.Ids("unit:U1").Count.ShouldBe(3);
        index.Ids("unit:U2").ShouldBeEmpty();
        index.Ids("jabatan:P7").ShouldBe([flood.Id]);
    }

    [Theory]
    [InlineData("pengadan")]  // 8 letters: two edits allowed, one needed
    [InlineData("pengadaaan")]
    [InlineData("komputr")]   // 7 letters: one edit
    [InlineData("kepegawain data")]
    public void Typos_in_longer_words_are_tolerated(string query) =>
        index.Ids(query).ShouldNotBeEmpty();

    [Fact]
    public void Short_words_need_exact_spelling() =>
        index.Ids("rapt").ShouldBeEmpty(); // 4 letters: no fuzzy

    [Fact]
    public void Exact_matches_rank_above_fuzzy_ones()
    {
        using var ranked = new TestIndex(
            Letter("Laporan banjar", id: Guid.Parse("00000000-0000-0000-0000-000000000001")),
            Letter("Laporan banjir", id: Guid.Parse("00000000-0000-0000-0000-000000000002")));
        ranked.Ids("banjir").ShouldBe([Guid.Parse("00000000-0000-0000-0000-000000000002"), Guid.Parse("00000000-0000-0000-0000-000000000001")]);
    }

    [Theory]
    [InlineData("\"penanganan banjir")]
    [InlineData("banjir : penanganan")]
    [InlineData("- banjir penanganan")]
    [InlineData("penanganan: banjir")]
    public void Malformed_syntax_searches_the_plain_words(string query) =>
        index.Ids(query).ShouldBe([flood.Id]);

    [Fact]
    public void Stop_words_alone_match_everything_visible() =>
        index.Ids("dan yang").Count.ShouldBe(3);

    [Fact]
    public void Snippets_mark_matches_in_the_best_window_and_escape_html()
    {
        using var html = new TestIndex(Letter("Pemberitahuan",
            body: string.Concat(Enumerable.Repeat("Isi awal tanpa kata kunci. ", 12)) +
                  "Mohon <b>segera</b> ditindaklanjuti & dilaporkan: penanganan banjir di wilayah \"Jatiasih\"." +
                  string.Concat(Enumerable.Repeat(" Penutup surat ini.", 12))));
        var snippet = html.Search("ditangani banjir").Hits.Single().Snippet!;
        snippet.ShouldContain("<mark>penanganan</mark> <mark>banjir</mark>");
        snippet.ShouldContain("&lt;b&gt;segera&lt;/b&gt;");
        snippet.ShouldContain("&amp;");
        snippet.ShouldContain("&quot;Jatiasih&quot;");
        snippet.ShouldStartWith("…");
        snippet.ShouldEndWith("…");
        snippet.Replace("<mark>", "").Replace("</mark>", "").Length.ShouldBeLessThan(220);
    }

    [Fact]
    public void Snippets_prefer_the_window_holding_every_query_word()
    {
        using var repeated = new TestIndex(Letter("Pemberitahuan",
            body: "Banjir, banjir dan banjir lagi di banyak tempat. " + string.Concat(Enumerable.Repeat("Kalimat pengisi tanpa kata kunci. ", 10)) +
                  "Rapat membahas banjir kemarin."));
        var snippet = repeated.Search("rapat banjir").Hits.Single().Snippet!;
        snippet.ShouldContain("<mark>Rapat</mark> membahas <mark>banjir</mark>");
    }

    [Fact]
    public void Snippets_mark_fuzzy_matches_too() =>
        index.Search("pengadan").Hits.Single().Snippet!.ShouldContain("<mark>pengadaan</mark>");

    [Fact]
    public void Without_text_matches_the_snippet_is_the_opening_of_the_letter() =>
        index.Search("jenis:keluar").Hits.Single().Snippet.ShouldBe("Bersama ini kami mengajukan permohonan pengadaan komputer untuk bagian umum.");
}
