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
    [InlineData("kepegawaian", "pegawai")]
    public void Stems_Indonesian_affixes(string word, string stem) =>
        Terms(new IndonesianTextAnalyzer(keepOriginal: false), word).ShouldBe([stem]);

    /// <summary>Real words from letters and their roots, by affix; the comment says where Lucene alone goes wrong.</summary>
    [Theory]
    // me-N- (the nasal assimilates to the root's first letter)
    [InlineData("menangani", "tangan")]        // Lucene: angan
    [InlineData("menulis", "tulis")]           // Lucene: ulis
    [InlineData("menerima", "terima")]
    [InlineData("menetapkan", "tetap")]
    [InlineData("meninjau", "tinjau")]
    [InlineData("menugaskan", "tugas")]
    [InlineData("menindaklanjuti", "tindaklanjut")]
    [InlineData("menandatangani", "tandatangan")]
    [InlineData("mengirimkan", "kirim")]       // Lucene: irim
    [InlineData("mengelola", "kelola")]
    [InlineData("mengumpulkan", "kumpul")]
    [InlineData("mengoordinasikan", "koordinasi")]
    [InlineData("mengkoordinasikan", "koordinasi")]
    [InlineData("memeriksa", "periksa")]       // Lucene: eriksa
    [InlineData("memantau", "pantau")]
    [InlineData("memakai", "pakai")]
    [InlineData("menilai", "nilai")]           // Lucene: ila
    [InlineData("menyatakan", "nyata")]
    [InlineData("menyampaikan", "sampai")]
    [InlineData("menyusun", "susun")]
    [InlineData("membangun", "bangun")]
    [InlineData("mendata", "data")]
    [InlineData("melaksanakan", "laksana")]
    [InlineData("menyelesaikan", "selesai")]
    // pe-N- ... -an
    [InlineData("penanganan", "tangan")]
    [InlineData("penerimaan", "terima")]
    [InlineData("penetapan", "tetap")]
    [InlineData("peninjauan", "tinjau")]
    [InlineData("penugasan", "tugas")]
    [InlineData("pengiriman", "kirim")]        // Lucene: irim
    [InlineData("pengelolaan", "kelola")]
    [InlineData("pemeriksaan", "periksa")]     // Lucene: eriksa
    [InlineData("pemantauan", "pantau")]
    [InlineData("penilaian", "nilai")]         // Lucene: tilai
    [InlineData("penyampaian", "sampai")]
    [InlineData("penyusunan", "susun")]
    [InlineData("pendataan", "data")]
    [InlineData("pelaksanaan", "laksana")]
    [InlineData("penyelesaian", "selesai")]
    [InlineData("pernyataan", "nyata")]
    // ber-
    [InlineData("berkoordinasi", "koordinasi")]
    [InlineData("bertugas", "tugas")]
    [InlineData("berdasarkan", "dasar")]
    [InlineData("bekerja", "kerja")]
    [InlineData("bermanfaat", "manfaat")]
    // di-
    [InlineData("ditangani", "tangan")]
    [InlineData("dikirim", "kirim")]
    [InlineData("dinilai", "nilai")]           // Lucene: nila
    [InlineData("diperiksa", "periksa")]
    [InlineData("dipantau", "pantau")]
    [InlineData("disampaikan", "sampai")]
    [InlineData("ditetapkan", "tetap")]
    [InlineData("ditindaklanjuti", "tindaklanjut")]
    // ter-
    [InlineData("terlaksana", "laksana")]
    [InlineData("terkirim", "kirim")]
    [InlineData("terlambat", "lambat")]
    // -kan, -an, -i
    [InlineData("laporkan", "lapor")]
    [InlineData("laporan", "lapor")]
    [InlineData("kiriman", "kirim")]
    [InlineData("tulisan", "tulis")]
    [InlineData("hadiri", "hadir")]
    // ke-an
    [InlineData("keuangan", "uang")]
    [InlineData("kebakaran", "bakar")]
    [InlineData("keamanan", "aman")]
    [InlineData("kesehatan", "sehat")]
    [InlineData("ketertiban", "tertib")]
    [InlineData("keputusan", "putus")]
    [InlineData("kehadiran", "hadir")]
    [InlineData("kepegawaian", "pegawai")]
    // roots ending in -i, alone
    [InlineData("pegawai", "pegawai")]         // Lucene: gawa
    [InlineData("nilai", "nilai")]             // Lucene: nila
    [InlineData("selesai", "selesai")]         // Lucene: selesa
    [InlineData("sesuai", "sesuai")]
    public void Stems_real_words_to_their_roots(string word, string root) =>
        Terms(new IndonesianTextAnalyzer(keepOriginal: false), word).ShouldBe([root], word);

    [Theory]
    [InlineData("menangani", "penanganan", "ditangani", "tangani", "penanganannya")]
    [InlineData("mengirim", "pengiriman", "dikirimkan", "terkirim", "kiriman")]
    [InlineData("memeriksa", "pemeriksaan", "diperiksa", "periksa")]
    [InlineData("menilai", "penilaian", "dinilai", "nilai", "nilainya")]
    [InlineData("menyelesaikan", "penyelesaian", "diselesaikan", "selesai")]
    public void Every_form_of_a_word_meets_at_one_stem(params string[] forms) =>
        forms.Select(f => Terms(new IndonesianTextAnalyzer(keepOriginal: false), f).Single()).Distinct().Count().ShouldBe(1, string.Join(", ", forms));

    [Fact]
    public void Words_outside_the_override_dictionary_go_through_Lucenes_stemmer_unchanged()
    {
        var lucene = new Lucene.Net.Analysis.Id.IndonesianAnalyzer(Arsip.Search.Analysis.LuceneInfo.Version);
        foreach (var word in new[] { "pembangunan", "mengadakan", "perizinan", "kebersihan", "sosialisasi" })
        {
            IndonesianStemOverrides.Forms.ContainsKey(word).ShouldBeFalse(word);
            Terms(new IndonesianTextAnalyzer(keepOriginal: false), word).ShouldBe(Terms(lucene, word), word);
        }
    }

    [Fact]
    public void The_override_dictionary_keeps_pemerintah_apart_from_perintah()
    {
        var analyzer = new IndonesianTextAnalyzer(keepOriginal: false);
        Terms(analyzer, "pemerintah").ShouldNotBe(Terms(analyzer, "perintah"));
    }

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
