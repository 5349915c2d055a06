using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Search;
using Arsip.Searching;

namespace Arsip.IntegrationTests.Searching;

/// <summary>The agency's acronym list (upload, refusals with the line, the page), its units' codes, and what searches do with them.</summary>
public class VocabularyTests(ArsipApp app) : ArsipTest(app)
{
    private static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    private async Task<HttpResponseMessage> UploadAsync(string csv) => await (await As("admin")).PostAsync("/api/search/vocabulary", Csv(csv));

    private async Task<Guid> RegisterAsync(string number, string subject, string sender = "Dinas Kesehatan Kota Bekasi", string securityLevel = "Biasa")
    {
        var response = await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters",
            RegisteringIncomingLettersTests.Letter(number, sender: sender, subject: subject, securityLevel: securityLevel));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<RegisterIncomingLetterResponse>(response)).Id;
    }

    private async Task<SearchResult> SearchAsync(string user, string query) =>
        (await (await As(user)).GetFromJsonAsync<SearchResult>($"/api/search?{query}", ArsipApp.Json))!;

    private async Task<SearchResult> EventuallyAsync(string user, string query, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        SearchResult result;
        do
        {
            result = await SearchAsync(user, query);
            if (result.TotalHits >= expected) return result;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        return result;
    }

    private static async Task<JsonElement[]> ErrorsAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. doc.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task An_uploaded_acronym_finds_letters_in_either_form_with_the_typed_form_first_and_no_rebuild()
    {
        var acronymLetter = await RegisterAsync("ZQ/1/2026", "Rapat ZQXB tentang gorong-gorong");
        var longLetter = await RegisterAsync("ZQ/2/2026", "Rapat Zona Kuartet Xenon Bersama tentang gorong-gorong");
        (await EventuallyAsync("admin", "q=gorong", 2)).TotalHits.ShouldBe(2);
        (await SearchAsync("admin", "q=ZQXB")).Hits.Select(h => h.Id).ShouldBe([acronymLetter]);

        var response = await UploadAsync("akronim,kepanjangan,sumber\nZQXB,Zona Kuartet Xenon Bersama,Keputusan Wali Kota 1/2026\n");
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var imported = await ReadAsync<VocabularyImportResponse>(response);
        (imported.Version, imported.Entries).ShouldBe((1, 1));

        var found = await SearchAsync("admin", "q=ZQXB");
        found.Hits.Select(h => h.Id).ShouldBe([acronymLetter, longLetter]);
        found.AlsoMatched.ShouldBe(["Zona Kuartet Xenon Bersama"]);
        (await SearchAsync("admin", "q=%22zona%20kuartet%20xenon%20bersama%22")).Hits.Select(h => h.Id).ShouldBe([longLetter, acronymLetter]);
        (await SearchAsync("admin", "q=ZQXB&expand=false")).Hits.Select(h => h.Id).ShouldBe([acronymLetter]);

        var vocabulary = (await (await As("admin")).GetFromJsonAsync<VocabularyResponse>("/api/search/vocabulary", ArsipApp.Json))!;
        vocabulary.Version.ShouldBe(1);
        vocabulary.Entries.ShouldContain(e => e.Short == "ZQXB" && e.Origin == "agensi" && e.Source == "Keputusan Wali Kota 1/2026");
        vocabulary.Entries.Count(e => e.Origin == "bawaan").ShouldBeGreaterThanOrEqualTo(150);

        var again = await UploadAsync("akronim,kepanjangan,sumber\nZQXB,Zona Kuartet Xenon Bersama,Keputusan Wali Kota 1/2026\n");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ReadAsync<VocabularyImportResponse>(again)).Changed.ShouldBeFalse();
    }

    [Fact]
    public async Task A_units_code_and_its_heads_title_are_searchable_without_any_upload()
    {
        var vocabulary = (await (await As("admin")).GetFromJsonAsync<VocabularyResponse>("/api/search/vocabulary", ArsipApp.Json))!;
        vocabulary.Entries.ShouldContain(e => e.Short == "Kec.BT" && e.Origin == "unit");
        vocabulary.Entries.ShouldContain(e => e.Short == "Kadinkes" && e.Long == "Kepala Dinas Kesehatan" && e.Origin == "jabatan");
        var unitName = vocabulary.Entries.First(e => e.Short == "Kec.BT").Long;

        var id = await RegisterAsync("KB/7/2026", $"Pembersihan selokan di wilayah {unitName}", sender: unitName);
        (await EventuallyAsync("admin", "q=selokan", 1)).TotalHits.ShouldBe(1);
        (await SearchAsync("admin", "q=Kec.BT%20selokan")).Hits.Select(h => h.Id).ShouldBe([id]);
    }

    [Fact]
    public async Task Positions_titles_are_searchable_in_the_short_form_officials_write()
    {
        var vocabulary = (await (await As("admin")).GetFromJsonAsync<VocabularyResponse>("/api/search/vocabulary", ArsipApp.Json))!;
        vocabulary.Entries.ShouldContain(e => e.Short == "Kabag Umum" && e.Long == "Kepala Bagian Umum" && e.Origin == "jabatan");
        vocabulary.Entries.ShouldContain(e => e.Short == "Kasubbag Tata Usaha" && e.Long == "Kepala Subbagian Tata Usaha" && e.Origin == "jabatan");
        vocabulary.Entries.ShouldContain(e => e.Short == "Kadis Kesehatan" && e.Long == "Kepala Dinas Kesehatan" && e.Origin == "jabatan");

        var longForm = await RegisterAsync("KB/8/2026", "Arahan Kepala Bagian Umum tentang penataan lemari gantung");
        var shortForm = await RegisterAsync("KB/9/2026", "Nota Kasubbag Tata Usaha tentang lemari gantung");
        (await EventuallyAsync("admin", "q=lemari%20gantung", 2)).TotalHits.ShouldBe(2);
        (await SearchAsync("admin", "q=Kabag%20Umum%20lemari")).Hits.Select(h => h.Id).ShouldBe([longForm]);
        (await SearchAsync("admin", "q=kepala%20subbagian%20tata%20usaha%20lemari")).Hits.Select(h => h.Id).ShouldBe([shortForm]);
        (await SearchAsync("admin", "q=Kabag%20Umum%20lemari&expand=false")).Hits.ShouldBeEmpty();
    }

    [Fact]
    public async Task Expansion_never_shows_a_letter_outside_the_callers_trimming()
    {
        var secret = await RegisterAsync("R/9/2026", "Pemeriksaan Badan Kepegawaian dan Pengembangan Sumber Daya Manusia atas kasus disiplin", securityLevel: "Rahasia");
        var open = await RegisterAsync("B/9/2026", "Usulan BKPSDM tentang kasus disiplin");
        (await EventuallyAsync("registrar", "q=disiplin", 2)).TotalHits.ShouldBe(2);
        (await SearchAsync("registrar", "q=BKPSDM%20disiplin")).Hits.Select(h => h.Id).ShouldBe([open, secret]);

        var outsider = await EventuallyAsync("auditor", "q=BKPSDM%20disiplin", 1);
        outsider.TotalHits.ShouldBe(1);
        outsider.Hits.Select(h => h.Id).ShouldBe([open]);
    }

    [Theory]
    [InlineData("akronim,kepanjangan\nABCD,\"Aneka Bunga\n", 2, "row")]
    [InlineData("singkatan;arti\nABCD;Aneka\n", 1, "kepanjangan")]
    [InlineData("akronim,kepanjangan\nABCD,Aneka,Bunga\n", 2, "row")]
    public async Task A_malformed_list_is_400_with_the_line_and_nothing_is_saved(string csv, int line, string field)
    {
        var before = (await (await As("admin")).GetFromJsonAsync<VocabularyResponse>("/api/search/vocabulary", ArsipApp.Json))!.Version;
        var response = await UploadAsync(csv);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await ErrorsAsync(response)).First();
        (error.GetProperty("line").GetInt32(), error.GetProperty("field").GetString()).ShouldBe((line, field));
        (await (await As("admin")).GetFromJsonAsync<VocabularyResponse>("/api/search/vocabulary", ArsipApp.Json))!.Version.ShouldBe(before);
    }

    [Fact]
    public async Task An_empty_side_a_cycle_or_a_common_word_as_acronym_is_422_with_each_line()
    {
        var response = await UploadAsync("""
            akronim,kepanjangan,sumber
            QWERTA,Kantor Urusan Qwerta,uji
            DAN,Dana Alokasi Nasional,uji
            ZZKB,,uji
            Kapusk,Kepala Pusat Kajian,uji
            Kepala Pusat Kajian,Kapusk,uji
            """);
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var errors = await ErrorsAsync(response);
        errors.Select(e => e.GetProperty("line").GetInt32()).Distinct().ShouldBe([3, 4, 5, 6]);
        errors.Single(e => e.GetProperty("line").GetInt32() == 3).GetProperty("message").GetString()!.ShouldContain("kata umum");
        (await (await As("admin")).GetFromJsonAsync<VocabularyResponse>("/api/search/vocabulary", ArsipApp.Json))!
            .Entries.ShouldNotContain(e => e.Short == "QWERTA");
    }

    [Fact]
    public async Task Only_an_administrator_uploads_a_list()
    {
        var response = await (await As("registrar")).PostAsync("/api/search/vocabulary", Csv("akronim,kepanjangan\nABCD,Aneka Bunga Cerah Damai\n"));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_page_lists_the_entries_and_shows_a_refused_upload_with_its_lines()
    {
        var admin = await As("admin");
        var html = await admin.GetStringAsync("/admin/singkatan");
        html.ShouldContain("BKPSDM");
        html.ShouldContain("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia");

        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("akronim,kepanjangan\nYANG,Yayasan Anak Negeri Gemilang\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "daftar.csv");
        var refused = await admin.PostAsync("/admin/singkatan", form);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await refused.Content.ReadAsStringAsync();
        page.ShouldContain("data-testid=\"import-errors\"");
        page.ShouldContain("<td data-label=\"Baris\">2</td>");
    }

    [Fact]
    public async Task The_search_box_completes_senders_numbers_and_codes_the_caller_may_see_and_suggests_near_words()
    {
        await RegisterAsync("800.1/4455/Yys/2026", "Permohonan audiensi pengurus yayasan", sender: "Yayasan Pelita Nusantara Abadi");
        await RegisterAsync("R/4456/2026", "Laporan rahasia yayasan", sender: "Yayasan Rahasia Sentosa", securityLevel: "Rahasia");
        (await EventuallyAsync("registrar", "q=yayasan", 2)).TotalHits.ShouldBe(2);
        await EventuallyAsync("auditor", "q=yayasan", 1);

        var auditor = await As("auditor");
        (await auditor.GetFromJsonAsync<string[]>("/api/search/complete?field=sender&prefix=yayasan", ArsipApp.Json))!
            .ShouldBe(["Yayasan Pelita Nusantara Abadi"]);
        (await auditor.GetFromJsonAsync<string[]>("/api/search/complete?field=number&prefix=800.1/44", ArsipApp.Json))!
            .ShouldBe(["800.1/4455/Yys/2026"]);
        (await auditor.GetFromJsonAsync<string[]>("/api/search/complete?field=classification&prefix=400", ArsipApp.Json))!
            .ShouldBe(["400.7"]);
        (await auditor.GetAsync("/api/search/complete?field=perihal&prefix=x")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var typo = await SearchAsync("auditor", "q=audiensii%20pengurus");
        typo.Suggestion.ShouldBe("audiensi pengurus");
        var page = await auditor.GetStringAsync("/cari?q=audiensii%20pengurus");
        page.ShouldContain("data-testid=\"did-you-mean\"");
    }
}
