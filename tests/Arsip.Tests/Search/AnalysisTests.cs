using Arsip.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Arsip.Tests.Search;

public class AnalysisTests
{
    private static List<string> Terms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("f", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    [Theory]
    [InlineData("mengadakan", "ada")]     // me- + -kan
    [InlineData("diadakan", "ada")]       // di- + -kan
    [InlineData("pengadaan", "ada")]      // pe- + -an
    [InlineData("pembangunan", "bangun")] // pem- + -an
    [InlineData("dibangun", "bangun")]
    [InlineData("berkoordinasi", "koordinasi")] // ber-
    [InlineData("koordinasinya", "koordinasi")] // -nya
    [InlineData("kepegawaian", "gawai")]
    public void Stems_Indonesian_affixes(string word, string stem) =>
        Terms(new IndonesianTextAnalyzer(keepOriginal: false), word).ShouldBe([stem]);

    [Fact]
    public void Drops_stop_words_and_folds_accents_and_case()
    {
        Terms(new IndonesianTextAnalyzer(keepOriginal: false), "Rapat dan yang di Sékretariat DAÉRAH")
            .ShouldBe(["rapat", "sekretariat", "daerah"]);
    }

    [Fact]
    public void Index_analysis_keeps_the_unstemmed_word_beside_its_stem()
    {
        Terms(new IndonesianTextAnalyzer(keepOriginal: true), "pengadaan rapat")
            .ShouldBe(["pengadaan", "ada", "rapat"]);
    }

    [Fact]
    public void Numbers_index_parts_with_dotted_prefixes_and_hyphen_sides()
    {
        Terms(new NumberAnalyzer(), "800.1.11.1/123/Setda/2026")
            .ShouldBe(["800.1.11.1", "800", "800.1", "800.1.11", "123", "setda", "2026"]);
        Terms(new NumberAnalyzer(), "B-99/IJ/KP.07.6/04/2020")
            .ShouldBe(["b-99", "b", "99", "ij", "kp.07.6", "kp", "kp.07", "04", "2020"]);
    }

    [Theory]
    [InlineData("123/Setda", true)]
    [InlineData("000.1.2", true)]
    [InlineData("B-99", true)]
    [InlineData("2026", false)]
    [InlineData("surat-undangan", false)]
    public void Recognizes_number_fragments(string word, bool expected) =>
        NumberAnalyzer.LooksLikeNumber(word).ShouldBe(expected);
}
