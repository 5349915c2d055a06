using Arsip.Organization;
using Arsip.Search;
using Arsip.Searching;

namespace Arsip.Tests.Search;

/// <summary>The short forms of positions' titles an agency gets from its own organisation, without any upload.</summary>
public class OrganizationVocabularyTests
{
    private static readonly Unit Setda = new() { Id = Guid.NewGuid(), Code = "Setda", Name = "Sekretariat Daerah" };
    private static readonly Unit Umum = new() { Id = Guid.NewGuid(), Code = "Umum", Name = "Bagian Umum", ParentId = Setda.Id };
    private static readonly Unit Organisasi = new() { Id = Guid.NewGuid(), Code = "OR", Name = "Bagian Organisasi", ParentId = Setda.Id };
    private static readonly Unit Dinkes = new() { Id = Guid.NewGuid(), Code = "Dinkes", Name = "Dinas Kesehatan" };
    private static readonly Unit Bkpsdm = new()
    {
        Id = Guid.NewGuid(), Code = "BKPSDM", Name = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    };
    private static readonly Unit Kecamatan = new() { Id = Guid.NewGuid(), Code = "Kec.BT", Name = "Kecamatan Bekasi Timur" };

    private static Position Titled(string title, Unit unit) => new() { Id = Guid.NewGuid(), Title = title, UnitId = unit.Id };

    private static Dictionary<string, string> Titles(params Position[] positions) =>
        SearchVocabulary.FromOrganization([Setda, Umum, Organisasi, Dinkes, Bkpsdm, Kecamatan], positions)
            .Where(e => e.Origin == "jabatan").ToDictionary(e => e.Entry.Short, e => e.Entry.Long);

    [Fact]
    public void Heads_and_secretaries_get_the_short_forms_officials_write()
    {
        var titles = Titles(
            Titled("Sekretaris Daerah", Setda), Titled("Kepala Bagian Umum", Umum), Titled("Kepala Subbagian Tata Usaha", Umum),
            Titled("Kepala Bagian Organisasi", Organisasi), Titled("Kepala Dinas Kesehatan", Dinkes), Titled("Sekretaris Dinas Kesehatan", Dinkes),
            Titled("Kepala Seksi Pemerintahan", Kecamatan), Titled("Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", Bkpsdm),
            Titled("Kepala  Bidang Mutasi", Bkpsdm), Titled("Analis Kelembagaan", Organisasi), Titled("Camat Bekasi Timur", Kecamatan));

        titles.ShouldBe(new Dictionary<string, string>
        {
            ["Sekda"] = "Sekretaris Daerah",
            ["Kabag Umum"] = "Kepala Bagian Umum",
            ["Kasubbag Tata Usaha"] = "Kepala Subbagian Tata Usaha",
            ["Kabag Organisasi"] = "Kepala Bagian Organisasi",
            ["Kabag OR"] = "Kepala Bagian Organisasi",
            ["Kadinkes"] = "Kepala Dinas Kesehatan",
            ["Kadis Kesehatan"] = "Kepala Dinas Kesehatan",
            ["Sekdis Kesehatan"] = "Sekretaris Dinas Kesehatan",
            ["Kasi Pemerintahan"] = "Kepala Seksi Pemerintahan",
            ["Kaban Kepegawaian dan Pengembangan Sumber Daya Manusia"] = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            ["Kaban BKPSDM"] = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            ["Kabid Mutasi"] = "Kepala Bidang Mutasi",
        }, ignoreOrder: true);
    }

    [Fact]
    public void A_short_form_two_titles_would_give_is_left_out_and_one_title_held_twice_stays()
    {
        var titles = Titles(
            Titled("Kepala Subbagian Umum", Umum), Titled("Kepala Sub Bagian Umum", Dinkes),
            Titled("Kepala Seksi Pelayanan", Kecamatan), Titled("Kepala Seksi Pelayanan", Dinkes));

        titles.ShouldNotContainKey("Kasubbag Umum");
        titles["Kasi Pelayanan"].ShouldBe("Kepala Seksi Pelayanan");
    }

    [Fact]
    public void Every_derived_entry_passes_the_list_rules_and_expands_both_ways()
    {
        var entries = SearchVocabulary.FromOrganization([Setda, Umum, Dinkes],
            [Titled("Kepala Bagian Umum", Umum), Titled("Kepala Subbagian Tata Usaha", Umum), Titled("Sekretaris Dinas Kesehatan", Dinkes)])
            .Where(e => e.Origin == "jabatan").Select(e => e.Entry).ToList();

        // (The unit code "Umum" is refused as a common word, as before; the titles' forms all pass.)
        ExpansionRules.Check(entries).Where(p => !p.Warning).ShouldBeEmpty();
        var set = TermExpansions.Create(entries);
        set.For("kabag umum").ShouldBe(["Kepala Bagian Umum"]);
        set.For("Kepala Subbagian Tata Usaha").ShouldBe(["Kasubbag Tata Usaha"]);
        set.For("sekdis kesehatan").ShouldBe(["Sekretaris Dinas Kesehatan"]);
    }
}
