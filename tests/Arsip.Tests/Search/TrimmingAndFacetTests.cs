using Arsip.Search;
using static Arsip.Tests.Search.Letters;

namespace Arsip.Tests.Search;

public class TrimmingAndFacetTests : IDisposable
{
    private readonly IndexedLetter open1 = Letter("Laporan banjir Kecamatan Utara", classification: "300.1.2", units: ["U1"], status: "Selesai", date: new DateOnly(2025, 1, 10));
    private readonly IndexedLetter open2 = Letter("Laporan banjir Kecamatan Selatan", classification: "300.2", units: ["U1", "U2"], date: new DateOnly(2026, 2, 10));
    private readonly IndexedLetter open3 = Letter("Laporan kebakaran pasar", classification: "300.1", units: ["U2"], date: new DateOnly(2026, 3, 10));
    private readonly IndexedLetter secret = Letter("Laporan banjir rahasia investigasi", classification: "700.1", security: "Rahasia",
        units: ["U9"], status: "Rahasia-status", date: new DateOnly(2024, 4, 10), tokens: ["pos:P7", "person:X"]);
    private readonly IndexedLetter foreign = Letter("Laporan banjir kota tetangga", tenant: OtherTenant, classification: "600.1", units: ["U1"]);
    private readonly TestIndex index;

    public TrimmingAndFacetTests() => index = new TestIndex(open1, open2, open3, secret, foreign);

    public void Dispose() => index.Dispose();

    private static readonly AccessScope Auditor = new(Tenant, [AgencyWide]);
    private static readonly AccessScope Investigator = new(Tenant, [AgencyWide, "pos:P7"]);
    private static readonly AccessScope OnlyTheSecret = new(Tenant, ["person:X"]);

    [Fact]
    public void A_hidden_letter_shows_in_no_hit_count_or_facet()
    {
        var result = index.Search("banjir", Auditor);
        result.Hits.Select(h => h.Id).ShouldBe([open1.Id, open2.Id], ignoreOrder: true);
        result.TotalHits.ShouldBe(2);
        result.Facets.ClassificationTopLevel.ShouldBe([new FacetCount("300", 2)]);
        result.Facets.Units.ShouldNotContain(f => f.Value == "U9");
        result.Facets.Years.ShouldNotContain(f => f.Value == "2024");
        result.Facets.Statuses.ShouldNotContain(f => f.Value == "rahasia-status");

        index.Search("sifat:rahasia", Auditor).TotalHits.ShouldBe(0);
        index.Search("investigasi", Auditor).TotalHits.ShouldBe(0);
    }

    [Fact]
    public void A_holder_of_one_token_sees_the_letter()
    {
        var result = index.Search("banjir", Investigator);
        result.TotalHits.ShouldBe(3);
        result.Facets.Units.ShouldContain(new FacetCount("U9", 1));
        index.Ids("banjir", OnlyTheSecret).ShouldBe([secret.Id]);
    }

    [Fact]
    public void Another_tenant_never_shows_even_with_matching_tokens()
    {
        index.Ids("tetangga", Investigator).ShouldBeEmpty();
        index.Ids("tetangga", new AccessScope(OtherTenant, [AgencyWide])).ShouldBe([foreign.Id]);
        index.Search("banjir", new AccessScope(OtherTenant, [AgencyWide])).Facets.ClassificationTopLevel.ShouldBe([new FacetCount("600", 1)]);
    }

    [Fact]
    public void An_empty_token_set_finds_nothing() =>
        index.Search("", new AccessScope(Tenant, [])).TotalHits.ShouldBe(0);

    [Fact]
    public void A_scope_needs_a_tenant()
    {
        Should.Throw<ArgumentException>(() => new AccessScope(" ", [AgencyWide]));
        Should.Throw<ArgumentNullException>(() => new SearchRequest(null!));
    }

    [Fact]
    public void Facets_count_every_visible_match_by_level()
    {
        var facets = index.Search("laporan", Investigator).Facets;
        facets.ClassificationTopLevel.ShouldBe([new FacetCount("300", 3), new FacetCount("700", 1)]);
        facets.ClassificationSecondLevel.ShouldBe([new FacetCount("300.1", 2), new FacetCount("300.2", 1), new FacetCount("700.1", 1)]);
        facets.Units.ShouldBe([new FacetCount("U1", 2), new FacetCount("U2", 2), new FacetCount("U9", 1)]);
        facets.Years.ShouldBe([new FacetCount("2026", 2), new FacetCount("2024", 1), new FacetCount("2025", 1)]);
        facets.Statuses.ShouldBe([new FacetCount("terdaftar", 2), new FacetCount("rahasia-status", 1), new FacetCount("selesai", 1)]);
    }

    [Fact]
    public void The_kind_facet_counts_visible_letters_per_naskah_kind_and_narrows_by_its_value()
    {
        IndexedLetter Outgoing(string subject, string kind, string[]? tokens = null) =>
            Letter(subject, direction: LetterDirection.Outgoing, tokens: tokens) with { NaskahKind = kind };
        using var kinds = new TestIndex(
            Outgoing("Tugas rapat anggaran", "SuratTugas"), Outgoing("Tugas rapat banjir", "SuratTugas"),
            Outgoing("Nota rapat", "NotaDinas"), Letter("Undangan rapat masuk"),
            Outgoing("Tugas rapat rahasia", "SuratTugas", ["pos:P7"]), Outgoing("Keputusan rapat rahasia", "SuratKeputusan", ["pos:P7"]));

        kinds.Search("rapat", Auditor).Facets.Kinds.ShouldBe(
            [new FacetCount("SuratTugas", 2), new FacetCount("NotaDinas", 1), new FacetCount("Surat Dinas", 1)]);
        kinds.Search("rapat", Investigator).Facets.Kinds.ShouldBe(
            [new FacetCount("SuratTugas", 3), new FacetCount("NotaDinas", 1), new FacetCount("Surat Dinas", 1), new FacetCount("SuratKeputusan", 1)]);

        var narrowed = kinds.Index.Search(new SearchRequest(Auditor) { Query = "rapat", Kind = "SuratTugas" });
        narrowed.TotalHits.ShouldBe(2);
        narrowed.Hits.ShouldAllBe(h => h.NaskahKind == "SuratTugas");
        narrowed.Facets.Kinds.ShouldBe([new FacetCount("SuratTugas", 2)]);
    }

    [Fact]
    public void Filters_narrow_hits_and_facets_alike()
    {
        var result = index.Index.Search(new SearchRequest(Investigator)
        {
            Query = "laporan",
            From = new DateOnly(2025, 1, 1),
            To = new DateOnly(2026, 2, 28),
            Unit = "U1",
        });
        result.Hits.Select(h => h.Id).ShouldBe([open1.Id, open2.Id], ignoreOrder: true);
        result.Facets.Years.ShouldBe([new FacetCount("2025", 1), new FacetCount("2026", 1)]);

        index.Index.Search(new SearchRequest(Investigator) { SecurityLevel = "RAHASIA" }).Hits.Single().Id.ShouldBe(secret.Id);
        index.Index.Search(new SearchRequest(Investigator) { Status = "selesai", Year = 2025 }).Hits.Single().Id.ShouldBe(open1.Id);
        index.Index.Search(new SearchRequest(Investigator) { Sender = "dinas  KESEHATAN", Kind = "masuk" }).TotalHits.ShouldBe(4);
        index.Index.Search(new SearchRequest(Investigator) { Kind = "outgoing" }).TotalHits.ShouldBe(0);
    }

    [Fact]
    public void Pages_follow_the_chosen_order()
    {
        SearchResult Page(int page, SearchSort sort) =>
            index.Index.Search(new SearchRequest(Investigator) { Query = "laporan", Sort = sort, Page = page, PageSize = 3 });

        var newest = Page(1, SearchSort.DateDescending);
        newest.TotalHits.ShouldBe(4);
        newest.Hits.Select(h => h.Id).ShouldBe([open3.Id, open2.Id, open1.Id]);
        Page(2, SearchSort.DateDescending).Hits.Select(h => h.Id).ShouldBe([secret.Id]);
        Page(1, SearchSort.DateAscending).Hits.Select(h => h.Id).ShouldBe([secret.Id, open1.Id, open2.Id]);
        Page(3, SearchSort.Relevance).Hits.ShouldBeEmpty();
        Should.Throw<ArgumentOutOfRangeException>(() => index.Index.Search(new SearchRequest(Investigator) { PageSize = 101 }));
    }

    [Fact]
    public void Hits_carry_display_fields()
    {
        var hit = index.Index.Search(new SearchRequest(Investigator) { Query = "kebakaran" }).Hits.Single();
        hit.ShouldSatisfyAllConditions(
            () => hit.Subject.ShouldBe("Laporan kebakaran pasar"),
            () => hit.Sender.ShouldBe("Dinas Kesehatan"),
            () => hit.LetterDate.ShouldBe(new DateOnly(2026, 3, 10)),
            () => hit.Classification.ShouldBe("300.1"),
            () => hit.Status.ShouldBe("Terdaftar"),
            () => hit.SecurityLevel.ShouldBe("Biasa"),
            () => hit.Direction.ShouldBe("incoming"),
            () => hit.NaskahKind.ShouldBe("Surat Dinas"));
    }
}
