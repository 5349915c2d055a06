using System.Text;
using Arsip.Correspondence;
using Arsip.ReferenceData;

namespace Arsip.Tests.ReferenceData;

public class ClassificationSchemeFileTests
{
    private const string Header = "code,name,parent,activeRetentionYears,inactiveRetentionYears,finalAction,defaultSecurityLevel";

    private static ParsedScheme Csv(params string[] lines) => ClassificationSchemeFile.ParseCsv(string.Join("\n", lines));

    private static ImportError SingleError(ParsedScheme parsed)
    {
        parsed.IsValid.ShouldBeFalse();
        parsed.Classes.ShouldBeEmpty();
        return parsed.Errors.ShouldHaveSingleItem();
    }

    [Fact]
    public void Reads_a_valid_file_deriving_parents_and_ordering_codes_numerically()
    {
        var parsed = Csv(Header,
            "000,Umum,,2,3,DinilaiKembali,",
            "000.10,Sepuluh,000,1,1,Musnah,Biasa",
            "000.2,Perlengkapan,,2,3,Musnah,Terbatas",
            "000.2.1,Inventaris,000.2,5,5,Permanen,");

        parsed.Errors.ShouldBeEmpty();
        parsed.Classes.Select(c => c.Code).ShouldBe(["000", "000.2", "000.2.1", "000.10"]);
        parsed.Classes[0].Parent.ShouldBeNull();
        parsed.Classes[0].DefaultSecurityLevel.ShouldBeNull();
        parsed.Classes[1].ShouldBe(new ClassificationClass("000.2", "Perlengkapan", "000", 2, 3, FinalAction.Musnah, SecurityLevel.Terbatas));
        parsed.Lines["000.2.1"].ShouldBe(5);
    }

    [Fact]
    public void Reads_quoted_fields_with_separators_quotes_and_line_breaks()
    {
        var parsed = Csv(Header,
            "000,Umum,,2,3,Musnah,",
            "000.9,\"Penelitian, Pengkajian dan \"\"Pengembangan\"\"\",,2,3,Musnah,",
            "000.8,\"Organisasi",
            "dan Tata Laksana\",,2,3,Musnah,",
            "000.7,Perencanaan,,x,3,Musnah,");

        var error = SingleError(parsed);
        error.Line.ShouldBe(6); // the record after a two-line quoted field keeps its physical line number
        error.Field.ShouldBe("activeRetentionYears");
    }

    [Fact]
    public void Quoted_values_are_kept_whole()
    {
        var parsed = Csv(Header,
            "000,Umum,,2,3,Musnah,",
            "000.9,\"Penelitian, Pengkajian dan \"\"Pengembangan\"\"\",,2,3,Musnah,",
            "000.8,\"Organisasi\r\ndan Tata Laksana\",,2,3,\"Dinilai Kembali\",");

        parsed.Errors.ShouldBeEmpty();
        parsed.Classes.Single(c => c.Code == "000.9").Name.ShouldBe("Penelitian, Pengkajian dan \"Pengembangan\"");
        parsed.Classes.Single(c => c.Code == "000.8").Name.ShouldBe("Organisasi\r\ndan Tata Laksana");
        parsed.Classes.Single(c => c.Code == "000.8").FinalAction.ShouldBe(FinalAction.DinilaiKembali);
    }

    [Fact]
    public void Detects_semicolons_reads_Indonesian_headers_crlf_and_a_BOM()
    {
        var text = "\uFEFFkode;nama;induk;retensi aktif;retensi inaktif;tindakan akhir;sifat\r\n" +
                   "800;Kepegawaian;;2;3;DinilaiKembali;Terbatas\r\n" +
                   "800.1;\"Sumber Daya Manusia; SDM\";800;2;3;Musnah;Sangat Rahasia\r\n\r\n";
        var parsed = ClassificationSchemeFile.Parse(new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text[1..])).ToArray(),
            SchemeFileFormat.Csv);

        parsed.Errors.ShouldBeEmpty();
        parsed.Classes.Count.ShouldBe(2);
        parsed.Classes[1].Name.ShouldBe("Sumber Daya Manusia; SDM");
        parsed.Classes[1].DefaultSecurityLevel.ShouldBe(SecurityLevel.SangatRahasia);
    }

    [Theory]
    [InlineData("00,Umum,,2,3,Musnah,", "code")]
    [InlineData("000.,Umum,,2,3,Musnah,", "code")]
    [InlineData("000.1234,Umum,,2,3,Musnah,", "code")]
    [InlineData("A00,Umum,,2,3,Musnah,", "code")]
    [InlineData(",Umum,,2,3,Musnah,", "code")]
    [InlineData("000,,,2,3,Musnah,", "name")]
    [InlineData("000,Umum,,-1,3,Musnah,", "activeRetentionYears")]
    [InlineData("000,Umum,,2,-3,Musnah,", "inactiveRetentionYears")]
    [InlineData("000,Umum,,2.5,3,Musnah,", "activeRetentionYears")]
    [InlineData("000,Umum,,,3,Musnah,", "activeRetentionYears")]
    [InlineData("000,Umum,,2,3,Simpan,", "finalAction")]
    [InlineData("000,Umum,,2,3,,", "finalAction")]
    [InlineData("000,Umum,,2,3,Musnah,Rahasia Sekali", "defaultSecurityLevel")]
    [InlineData("000,Umum,100,2,3,Musnah,", "parent")]
    [InlineData("000,Umum,,2,3,Musnah", "row")]
    public void Each_error_names_its_line_and_field(string row, string field)
    {
        var error = SingleError(Csv(Header, "100,Pemerintahan,,2,3,Musnah,", row));
        error.Line.ShouldBe(3);
        error.Field.ShouldBe(field);
        error.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void The_parent_must_be_in_the_file_and_be_the_codes_prefix()
    {
        var parsed = Csv(Header,
            "000,Umum,,2,3,Musnah,",
            "000.6.1,Kebijakan Persandian,,5,5,Permanen,",
            "000.5,Kearsipan,000.1,2,3,Musnah,");

        parsed.Errors.Select(e => (e.Line, e.Field)).ShouldBe([(3, "parent"), (4, "parent")], ignoreOrder: true);
    }

    [Fact]
    public void A_missing_parent_is_reported_on_the_childs_line()
    {
        var error = SingleError(Csv(Header, "000,Umum,,2,3,Musnah,", "800.1.11.1,Surat Perintah Dinas,,1,2,Musnah,"));
        error.ShouldBe(error with { Line = 3, Field = "parent" });
        error.Message.ShouldContain("800.1.11");
    }

    [Fact]
    public void Duplicate_codes_name_the_first_line()
    {
        var error = SingleError(Csv(Header, "000,Umum,,2,3,Musnah,", "100,Pemerintahan,,2,3,Musnah,", "000,Umum lagi,,2,3,Musnah,"));
        error.Line.ShouldBe(4);
        error.Field.ShouldBe("code");
        error.Message.ShouldContain("baris 2");
    }

    [Fact]
    public void Reports_every_error_of_the_file_at_once()
    {
        var parsed = Csv(Header, "000,,,2,3,Musnah,", "0001,Umum,,2,3,Musnah,", "100,Pemerintahan,,2,3,Hancur,");
        parsed.Errors.Select(e => e.Line).ShouldBe([2, 3, 4]);
    }

    [Theory]
    [InlineData("code,name,activeRetentionYears,inactiveRetentionYears", "finalAction")]
    [InlineData("code,name,activeRetentionYears,inactiveRetentionYears,finalAction,colour", "colour")]
    [InlineData("code,name,name,activeRetentionYears,inactiveRetentionYears,finalAction", "name")]
    public void Header_problems_are_on_line_1(string header, string field)
    {
        var error = SingleError(Csv(header, "000,Umum,2,3,Musnah"));
        error.Line.ShouldBe(1);
        error.Field.ShouldBe(field);
    }

    [Fact]
    public void Empty_files_unterminated_quotes_and_invalid_UTF8_are_rejected()
    {
        SingleError(Csv("")).Field.ShouldBe("file");
        SingleError(Csv(Header)).Message.ShouldContain("no classes", Case.Insensitive);
        var unterminated = Csv(Header, "000,Umum,,2,3,Musnah,", "100,\"Pemerintahan,,2,3,Musnah,");
        unterminated.Errors.ShouldContain(e => e.Line == 3 && e.Message.Contains("unterminated"));
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\n000,Umum,,2,3,Musnah,\n100,Pemerintahan Daerah Kabupat\u00e9n,,2,3,Musnah,\n");
        var error = SingleError(ClassificationSchemeFile.Parse(latin1, SchemeFileFormat.Csv));
        (error.Line, error.Field).ShouldBe((3, "file"));
    }

    [Fact]
    public void Reads_JSON_arrays_and_objects_with_line_numbers()
    {
        var json = """
            {
              "classes": [
                { "code": "000", "name": "Umum", "activeRetentionYears": 2, "inactiveRetentionYears": 3, "finalAction": "Musnah" },
                { "code": "000.1", "name": "Ketatausahaan", "activeRetentionYears": "2", "inactiveRetentionYears": 3,
                  "finalAction": "Musnah", "defaultSecurityLevel": null },
                {
                  "code": "000.1.2", "name": "Rapat", "activeRetentionYears": -2, "inactiveRetentionYears": 3, "finalAction": "Musnah"
                }
              ]
            }
            """;
        var error = SingleError(ClassificationSchemeFile.Parse(Encoding.UTF8.GetBytes(json), SchemeFileFormat.Json));
        (error.Line, error.Field).ShouldBe((6, "activeRetentionYears"));

        var array = """[{ "code": "000", "name": "Umum", "activeRetentionYears": 2, "inactiveRetentionYears": 3, "finalAction": "Permanen" }]""";
        var parsed = ClassificationSchemeFile.Parse(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(array)).ToArray(), SchemeFileFormat.Json);
        parsed.Classes.ShouldHaveSingleItem().FinalAction.ShouldBe(FinalAction.Permanen);
    }

    [Fact]
    public void Unreadable_JSON_is_reported_with_its_line()
    {
        var error = SingleError(ClassificationSchemeFile.Parse(Encoding.UTF8.GetBytes("[\n{ \"code\": \"000\",\n \"name\": }\n]"), SchemeFileFormat.Json));
        (error.Line, error.Field).ShouldBe((3, "file"));
        SingleError(ClassificationSchemeFile.Parse("""{ "rows": [] }"""u8, SchemeFileFormat.Json)).Field.ShouldBe("classes");
        SingleError(ClassificationSchemeFile.Parse("[\n 1\n]"u8, SchemeFileFormat.Json)).Line.ShouldBe(2);
    }

    [Theory]
    [InlineData("application/json", null, "code", SchemeFileFormat.Json)]
    [InlineData("text/csv", null, "[", SchemeFileFormat.Csv)]
    [InlineData("application/octet-stream", "skema.json", "x", SchemeFileFormat.Json)]
    [InlineData(null, null, "  [ {", SchemeFileFormat.Json)]
    [InlineData(null, null, "code,name", SchemeFileFormat.Csv)]
    public void Detects_the_format(string? contentType, string? fileName, string start, SchemeFileFormat expected) =>
        ClassificationSchemeFile.DetectFormat(contentType, fileName, Encoding.UTF8.GetBytes(start)).ShouldBe(expected);

    [Fact]
    public void The_shipped_Permendagri_sample_is_valid()
    {
        var file = Path.Combine(RepositoryRoot(), "samples", "classification", "permendagri-83-2022.csv");
        var parsed = ClassificationSchemeFile.Parse(File.ReadAllBytes(file), SchemeFileFormat.Csv);

        parsed.Errors.ShouldBeEmpty();
        parsed.Classes.Where(c => c.Parent is null).Select(c => c.Code).ShouldBe(["000", "100", "200", "300", "400", "500", "600", "700", "800", "900"]);
        parsed.Classes.Single(c => c.Code == "000.8.3.3").Name.ShouldContain("SOP");
        parsed.Classes.Single(c => c.Code == "800.1.11.1").Name.ShouldBe("Surat Perintah Dinas");
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Arsip.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Arsip.sln not found above the test folder");
    }
}
