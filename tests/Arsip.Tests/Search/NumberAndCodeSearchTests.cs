using static Arsip.Tests.Search.Letters;

namespace Arsip.Tests.Search;

public class NumberAndCodeSearchTests : IDisposable
{
    private readonly Arsip.Search.IndexedLetter regional =
        Letter("Surat Perintah Dinas", number: "800.1.11.1/123/Setda/2026", classification: "800.1.11.1");
    private readonly Arsip.Search.IndexedLetter central =
        Letter("Laporan Kepegawaian", number: "B-99/IJ/KP.07.6/04/2020", classification: "800.1");
    private readonly Arsip.Search.IndexedLetter other =
        Letter("Undangan Rapat", number: "000.1.2.3/1234/Dinkes/2026", classification: "000.10.1");
    private readonly TestIndex index;

    public NumberAndCodeSearchTests() => index = new TestIndex(regional, central, other);

    public void Dispose() => index.Dispose();

    [Theory]
    [InlineData("123/Setda")]
    [InlineData("800.1.11.1/123/Setda/2026")]
    [InlineData("800.1/123")]
    [InlineData("Setda/2026 dinas")]
    [InlineData("nomor:123/setda")]
    public void Number_fragments_find_regional_numbers(string query) =>
        index.Ids(query).ShouldBe([regional.Id]);

    [Theory]
    [InlineData("B-99")]
    [InlineData("b-99/ij")]
    [InlineData("99/IJ")]
    [InlineData("KP.07.6/04")]
    [InlineData("nomor:B-99")]
    public void Number_fragments_find_central_numbers(string query) =>
        index.Ids(query).ShouldBe([central.Id]);

    [Fact]
    public void A_number_part_matches_exactly_not_as_a_substring() =>
        index.Ids("nomor:123").ShouldBe([regional.Id]); // not 1234

    [Fact]
    public void A_dotted_fragment_finds_a_longer_number_and_a_classification()
    {
        index.Ids("000.1.2").ShouldBe([other.Id]);
        index.Ids("800.1").ShouldBe([regional.Id, central.Id], ignoreOrder: true);
    }

    [Fact]
    public void Classification_prefix_follows_the_dotted_hierarchy()
    {
        index.Ids("klasifikasi:800.1").ShouldBe([regional.Id, central.Id], ignoreOrder: true);
        index.Ids("klasifikasi:800.1.11").ShouldBe([regional.Id]);
        index.Ids("kode:000.1").ShouldBeEmpty(); // 000.10.1 is not under 000.1
        index.Ids("classification:000.10").ShouldBe([other.Id]);
        index.Index.Search(new Arsip.Search.SearchRequest(Everyone) { ClassificationPrefix = "000.1" }).TotalHits.ShouldBe(0);
        index.Index.Search(new Arsip.Search.SearchRequest(Everyone) { ClassificationPrefix = "800" }).TotalHits.ShouldBe(2);
    }
}
