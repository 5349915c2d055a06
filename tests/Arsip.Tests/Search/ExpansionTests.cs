using Arsip.Search;
using static Arsip.Tests.Search.Letters;

namespace Arsip.Tests.Search;

public class ExpansionListTests
{
    [Fact]
    public void The_bundled_list_is_large_cited_and_passes_its_own_rules()
    {
        var list = TermExpansions.BundledList;
        list.Count.ShouldBeGreaterThanOrEqualTo(150);
        list.ShouldAllBe(e => !string.IsNullOrWhiteSpace(e.Source));
        ExpansionRules.Check(list).Where(p => !p.Warning).ShouldBeEmpty();
        TermExpansions.Bundled.For("BKPSDM").ShouldBe(["Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"]);
        TermExpansions.Bundled.For("dinas kependudukan dan pencatatan sipil").ShouldBe(["Disdukcapil"]);
        TermExpansions.Bundled.For("PPK").Count.ShouldBe(2);
    }

    [Fact]
    public void An_empty_side_a_common_word_and_a_cycle_are_refused_with_the_entry()
    {
        var problems = ExpansionRules.Check(
        [
            new("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
            new("", "Dinas Sosial"),
            new("Kadis", "  "),
            new("DAN", "Dana Alokasi Nasional"),
            new("surat", "Surat Dinas Umum"),
            new("Kabag", "Kepala Bagian"),
            new("Kepala Bagian", "Kabag"),
            new("AB", "CD"), new("CD", "EF"), new("EF", "AB"),
        ]);
        var refused = problems.Where(p => !p.Warning).ToList();
        // every entry on a cycle is named
        refused.Select(p => p.Index).ShouldBe([1, 2, 3, 4, 5, 6, 7, 8, 9], ignoreOrder: true);
        refused.Single(p => p.Index == 3).Message.ShouldContain("kata umum");
        refused.Single(p => p.Index == 6).Message.ShouldContain("Siklus");
        refused.Single(p => p.Index == 1).Field.ShouldBe("akronim");
        refused.Single(p => p.Index == 2).Field.ShouldBe("kepanjangan");
    }

    [Fact]
    public void One_side_containing_the_other_is_a_warning_and_expands_only_towards_the_shorter_side()
    {
        ExpansionRules.Check([new("undangan", "surat undangan")]).ShouldHaveSingleItem().Warning.ShouldBeTrue();
        var set = TermExpansions.Create([new("undangan", "surat undangan")]);
        set.For("undangan").ShouldBeEmpty(); // every letter saying "surat undangan" says "undangan" already
        set.For("surat undangan").ShouldBe(["undangan"]);
    }

    [Fact]
    public void Refused_entries_are_left_out_of_a_built_list()
    {
        var set = TermExpansions.Create([new("DAN", "Dana Alokasi Nasional"), new("Kadis", "Kepala Dinas")]);
        set.Count.ShouldBe(1);
        set.For("dan").ShouldBeEmpty();
    }
}

public class ExpansionSearchTests : IDisposable
{
    private readonly IndexedLetter acronym = Letter("Usulan mutasi pegawai", body: "Mohon BKPSDM memproses usulan mutasi pegawai.");
    private readonly IndexedLetter expansion = Letter("Usulan mutasi pegawai",
        body: "Mohon Badan Kepegawaian dan Pengembangan Sumber Daya Manusia memproses usulan mutasi pegawai.");
    private readonly IndexedLetter looseWords = Letter("Rapat sumber daya",
        body: "Badan usaha milik daerah membahas pengembangan manusia dan sumber daya kepegawaian.");
    private readonly IndexedLetter fromSender = Letter("Pemberitahuan jadwal layanan",
        body: "Pelayanan KTP-el dibuka pada hari Sabtu.", sender: "Dinas Kependudukan dan Pencatatan Sipil");
    private readonly IndexedLetter inDisposition = Letter("Permohonan data penduduk", body: "Mohon data penduduk per kecamatan.")
        with { DispositionTexts = ["Koordinasikan dengan Disdukcapil"] };
    private readonly IndexedLetter inScan = Letter("Kiriman berkas", body: "Terlampir.") with { AttachmentText = "SURAT KEPUTUSAN WALI KOTA NOMOR 12" };
    private readonly IndexedLetter hidden = Letter("Rahasia kepegawaian", body: "Pemeriksaan oleh BKPSDM atas pelanggaran disiplin.",
        tokens: ["pos:P9"]);
    private readonly IndexedLetter hiddenLong = Letter("Rahasia kepegawaian lain",
        body: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia memeriksa pelanggaran.", tokens: ["pos:P9"]);
    private readonly TestIndex index;

    public ExpansionSearchTests() => index = new TestIndex(acronym, expansion, looseWords, fromSender, inDisposition, inScan, hidden, hiddenLong);

    public void Dispose() => index.Dispose();

    private SearchResult Search(string query, TermExpansions? expansions, AccessScope? scope = null) =>
        index.Index.Search(new SearchRequest(scope ?? Everyone) { Query = query, Expansions = expansions });

    private IReadOnlyList<Guid> Ids(string query, TermExpansions? expansions = null, AccessScope? scope = null) =>
        Search(query, expansions ?? TermExpansions.Bundled, scope).Hits.Select(h => h.Id).ToList();

    [Fact]
    public void Without_a_list_one_form_does_not_find_the_other() =>
        Search("BKPSDM", null).Hits.Select(h => h.Id).ShouldBe([acronym.Id]);

    [Fact]
    public void An_acronym_finds_its_expansion_as_a_phrase_not_as_loose_words()
    {
        var ids = Ids("BKPSDM");
        ids.ShouldBe([acronym.Id, expansion.Id], ignoreOrder: true);
        ids.ShouldNotContain(looseWords.Id);
    }

    [Fact]
    public void An_expansion_typed_as_words_or_as_a_phrase_finds_the_acronym()
    {
        Ids("badan kepegawaian dan pengembangan sumber daya manusia").ShouldBe([expansion.Id, acronym.Id, looseWords.Id], ignoreOrder: true);
        Ids("\"Badan Kepegawaian dan Pengembangan Sumber Daya Manusia\"").ShouldBe([expansion.Id, acronym.Id], ignoreOrder: true);
        Ids("\"Badan Kepegawaian dan Pengembangan Sumber Daya Manusia\" mutasi").ShouldBe([expansion.Id, acronym.Id], ignoreOrder: true);
    }

    [Fact]
    public void The_form_typed_ranks_above_the_expanded_one()
    {
        Ids("BKPSDM")[0].ShouldBe(acronym.Id);
        Ids("\"Badan Kepegawaian dan Pengembangan Sumber Daya Manusia\"")[0].ShouldBe(expansion.Id);
        Ids("BKPSDM mutasi").ShouldBe([acronym.Id, expansion.Id]);
    }

    [Fact]
    public void Sender_disposition_notes_and_scans_are_searched_in_either_form()
    {
        Ids("Disdukcapil").ShouldBe([inDisposition.Id, fromSender.Id]);
        Ids("\"Dinas Kependudukan dan Pencatatan Sipil\"").ShouldBe([fromSender.Id, inDisposition.Id]);
        Ids("SK wali kota").ShouldBe([inScan.Id]);
    }

    [Fact]
    public void Expansion_never_crosses_access_trimming()
    {
        var result = Search("BKPSDM", TermExpansions.Bundled);
        result.TotalHits.ShouldBe(2);
        result.Hits.Select(h => h.Id).ShouldNotContain(hidden.Id);
        result.Hits.Select(h => h.Id).ShouldNotContain(hiddenLong.Id);
        Ids("BKPSDM", scope: new AccessScope(Tenant, ["pos:P9"])).ShouldBe([hidden.Id, hiddenLong.Id]);
    }

    [Fact]
    public void The_result_names_the_other_forms_and_snippets_mark_them()
    {
        var result = Search("BKPSDM", TermExpansions.Bundled);
        result.AlsoMatched.ShouldBe(["Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"]);
        result.Hits.Single(h => h.Id == expansion.Id).Snippet!.ShouldContain("<mark>Badan</mark> <mark>Kepegawaian</mark>");
    }

    [Fact]
    public void The_other_forms_kept_between_queries_follow_letters_added_changed_and_removed()
    {
        Ids("BKPSDM").ShouldBe([acronym.Id, expansion.Id], ignoreOrder: true);
        var added = Letter("Usulan kenaikan pangkat", body: "Disampaikan kepada Badan Kepegawaian dan Pengembangan Sumber Daya Manusia.");
        index.Index.Upsert(added);
        index.Index.Upsert(expansion with { Body = "Mohon diproses usulan mutasi pegawai." });
        index.Index.Refresh();
        Ids("BKPSDM").ShouldBe([acronym.Id, added.Id], ignoreOrder: true);
        index.Index.Delete(added.Id);
        index.Index.Refresh();
        Ids("BKPSDM").ShouldBe([acronym.Id]);
    }

    [Fact]
    public void An_agency_list_adds_its_own_words()
    {
        var own = TermExpansions.Create([.. TermExpansions.BundledList, new ExpansionEntry("Pelsab", "Pelayanan KTP-el dibuka pada hari Sabtu")]);
        Ids("Pelsab", own).ShouldBe([fromSender.Id]);
        Ids("Pelsab").ShouldBeEmpty();
    }
}

public class TypoAndSuggestionTests : IDisposable
{
    private readonly IndexedLetter archives = Letter("Pembinaan kearsipan perangkat daerah", body: "Pembinaan pengelolaan kearsipan.");
    private readonly IndexedLetter archive = Letter("Penyerahan arsip statis", body: "Arsip statis diserahkan ke depo.");
    private readonly IndexedLetter videotron = Letter("Izin reklame videotron", body: "Pemasangan videotron di persimpangan.",
        sender: "Dinas Penanaman Modal", number: "503/217/DPMPTSP/2026", classification: "500.16.7");
    private readonly IndexedLetter secret = Letter("Penyadapan telekomunikasi", body: "Penyadapan rahasia.",
        sender: "Badan Intelijen Daerah", number: "R-01/BIN/2026", classification: "700.9", tokens: ["pos:P9"]);
    private readonly TestIndex index;

    public TypoAndSuggestionTests() => index = new TestIndex(archives, archive, videotron, secret);

    public void Dispose() => index.Dispose();

    [Fact]
    public void A_typo_is_stemmed_like_a_typed_word_and_reaches_the_root()
    {
        index.Ids("kearsipn").ShouldBe([archives.Id, archive.Id]);
        index.Ids("pembinan")[0].ShouldBe(archives.Id);
    }

    [Fact]
    public void A_query_that_finds_little_suggests_the_index_own_words()
    {
        var result = index.Search("videotrom");
        result.TotalHits.ShouldBe(1); // the typo already finds it through the near spelling
        result.Suggestion.ShouldBe("videotron");
        index.Search("reklame videotron").Suggestion.ShouldBeNull();
    }

    [Fact]
    public void A_suggestion_never_offers_a_word_only_hidden_letters_hold()
    {
        index.Search("penyadapann").Suggestion.ShouldBeNull();
        index.Search("penyadapann", new AccessScope(Tenant, ["pos:P9"])).Suggestion.ShouldBe("penyadapan");
    }

    [Fact]
    public void Senders_numbers_and_codes_complete_by_prefix_within_the_scope()
    {
        index.Index.Complete(Everyone, CompletionField.Sender, "dinas pen").ShouldBe(["Dinas Penanaman Modal"]);
        index.Index.Complete(Everyone, CompletionField.Sender, "badan").ShouldBeEmpty();
        index.Index.Complete(new AccessScope(Tenant, ["pos:P9"]), CompletionField.Sender, "Badan").ShouldBe(["Badan Intelijen Daerah"]);
        index.Index.Complete(Everyone, CompletionField.Number, "503/2").ShouldBe(["503/217/DPMPTSP/2026"]);
        index.Index.Complete(Everyone, CompletionField.Number, "r-").ShouldBeEmpty();
        index.Index.Complete(Everyone, CompletionField.Classification, "500.1").ShouldBe(["500.16.7"]);
        index.Index.Complete(Everyone, CompletionField.Classification, "700").ShouldBeEmpty();
        index.Index.Complete(new AccessScope(OtherTenant, [AgencyWide]), CompletionField.Sender, "dinas").ShouldBeEmpty();
    }
}
