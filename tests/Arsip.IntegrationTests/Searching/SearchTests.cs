using System.Net;
using System.Net.Http.Json;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Arsip.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.IntegrationTests.Searching;

/// <summary>The index follows the event log within seconds and never shows what the caller may not see.</summary>
public class SearchTests(ArsipApp app) : ArsipTest(app)
{
    private async Task<Guid> RegisterAsync(object letter)
    {
        var response = await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", letter);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<RegisterIncomingLetterResponse>(response)).Id;
    }

    private async Task<SearchResult> SearchAsync(string user, string query) =>
        (await (await As(user)).GetFromJsonAsync<SearchResult>($"/api/search?{query}", ArsipApp.Json))!;

    private async Task<SearchResult> EventuallyFoundAsync(string user, string query, int expected, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        SearchResult result;
        do
        {
            result = await SearchAsync(user, query);
            if (result.TotalHits >= expected) return result;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        return result;
    }

    [Fact]
    public async Task A_registered_letter_is_found_by_words_and_number_fragments_with_a_snippet()
    {
        var id = await RegisterAsync(RegisteringIncomingLettersTests.Letter("400.7/1123/Dinkes/2026", subject: "Laporan Penanganan Demam Berdarah Dengue di Kecamatan Bekasi Timur"));

        var result = await EventuallyFoundAsync("registrar", "q=demam%20berdarah", 1);
        var hit = result.Hits.Single();
        hit.Id.ShouldBe(id);
        hit.Snippet!.ShouldContain("<mark>");

        (await SearchAsync("registrar", "q=1123/Dinkes")).Hits.Single().Id.ShouldBe(id);
        (await SearchAsync("registrar", "q=penanganan&classification=400")).TotalHits.ShouldBe(1);
        (await SearchAsync("registrar", "q=penanganan&classification=100")).TotalHits.ShouldBe(0);
    }

    [Fact]
    public async Task A_secret_letter_is_absent_from_results_counts_and_facets_outside_its_chain()
    {
        var chart = (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var kabagOr = chart.Positions.Single(p => p.Title == "Kepala Bagian Organisasi").Id;
        var open = System.Text.Json.JsonSerializer.SerializeToNode(
            RegisteringIncomingLettersTests.Letter("S/OPEN", subject: "Evaluasi Kelembagaan Perangkat Daerah"), ArsipApp.Json)!.AsObject();
        open["addresseePositionId"] = kabagOr.ToString();
        var secret = System.Text.Json.JsonSerializer.SerializeToNode(
            RegisteringIncomingLettersTests.Letter("S/SECRET", subject: "Evaluasi Kelembagaan Rahasia", securityLevel: "Rahasia"), ArsipApp.Json)!.AsObject();
        secret["addresseePositionId"] = kabagOr.ToString();
        await RegisterAsync(open);
        var secretId = await RegisterAsync(secret);

        var insider = await EventuallyFoundAsync("kabag.or", "q=evaluasi%20kelembagaan", 2);
        insider.TotalHits.ShouldBe(2);
        insider.Hits.Select(h => h.Id).ShouldContain(secretId);

        foreach (var outsider in new[] { "auditor", "admin", "analis" })
        {
            var result = await EventuallyFoundAsync(outsider, "q=evaluasi%20kelembagaan", 1);
            result.TotalHits.ShouldBe(1, outsider);
            result.Hits.ShouldNotContain(h => h.Id == secretId, outsider);
            result.Facets!.Years.Sum(f => f.Count).ShouldBe(1, outsider);
            result.Facets.ClassificationTopLevel.Sum(f => f.Count).ShouldBe(1, outsider);
        }
        (await SearchAsync("registrar", "q=evaluasi")).TotalHits.ShouldBe(2); // the registrar who entered it
        (await EventuallyFoundAsync("auditor", "q=evaluasi", 1)).TotalHits.ShouldBe(1);
        (await (await As("auditor", "kab-bekasi")).GetFromJsonAsync<SearchResult>("/api/search?q=evaluasi", ArsipApp.Json))!.TotalHits.ShouldBe(0);
    }

    [Fact]
    public async Task A_letter_is_found_by_the_text_of_its_pdf_attachment_by_those_who_may_see_it()
    {
        var chart = (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var kabagHukum = chart.Positions.Single(p => p.Title == "Kepala Bagian Hukum").Id;
        var body = System.Text.Json.JsonSerializer.SerializeToNode(
            RegisteringIncomingLettersTests.Letter("LAMP/7", subject: "Penyampaian Dokumen", securityLevel: "Rahasia"), ArsipApp.Json)!.AsObject();
        body["addresseePositionId"] = kabagHukum.ToString();
        var id = await RegisterAsync(body);
        var phrase = $"sengketa tapal batas Cikarang {Guid.NewGuid():N}"[..44]; // unique words, only in the PDF
        var pdf = TestPdfs.Letter($"Berdasarkan hasil rapat, {phrase} perlu segera diselesaikan melalui mediasi.", subject: "Telaahan Staf");

        var upload = await (await As("registrar")).PostAsync($"/api/incoming-letters/{id}/attachments",
            Arsip.IntegrationTests.Attachments.Samples.Form("attachment", (pdf, "telaahan.pdf", "application/pdf")));
        upload.StatusCode.ShouldBe(HttpStatusCode.OK, await upload.Content.ReadAsStringAsync());

        var query = "q=" + Uri.EscapeDataString(phrase.Split(' ')[^1] + " tapal");
        var found = await EventuallyFoundAsync("kabag.hukum", query, 1);
        var hit = found.Hits.ShouldHaveSingleItem();
        hit.Id.ShouldBe(id);
        hit.Snippet!.ShouldContain("<mark>tapal</mark>");

        // A secret letter: the auditor and another official see nothing, not even a count.
        foreach (var outsider in new[] { "auditor", "kabag.or" })
        {
            var result = await SearchAsync(outsider, query);
            result.TotalHits.ShouldBe(0, outsider);
            result.Facets!.Years.ShouldBeEmpty(outsider);
        }
    }

    [Fact]
    public async Task A_letter_is_found_by_the_words_of_its_image_scan_once_OCR_has_read_it()
    {
        App.Services.GetRequiredService<Arsip.Searching.ScanOcr>().Enabled.ShouldBeTrue("tesseract-ocr with tesseract-ocr-ind is installed (ops/test installs it)");
        var id = await RegisterAsync(RegisteringIncomingLettersTests.Letter("PINDAI/1", subject: "Laporan"));
        var png = TestPdfs.ScannedPage("Tanggul Sungai Cipamingkis jebol sepanjang tiga puluh meter dan perlu perbaikan darurat.");
        var upload = await (await As("registrar")).PostAsync($"/api/incoming-letters/{id}/attachments",
            Arsip.IntegrationTests.Attachments.Samples.Form("scan", (png, "pindaian.png", "image/png")));
        upload.StatusCode.ShouldBe(HttpStatusCode.OK, await upload.Content.ReadAsStringAsync());

        // read in the background (a page takes a second or two), then the letter is indexed again with its words
        var found = await EventuallyFoundAsync("registrar", "q=Cipamingkis", 1, TimeSpan.FromSeconds(60));
        found.Hits.ShouldHaveSingleItem().Id.ShouldBe(id);
        found.Hits[0].Snippet!.ShouldContain("<mark>Cipamingkis</mark>");
        (await SearchAsync("registrar", "q=tanggul+jebol")).Hits.Select(h => h.Id).ShouldContain(id);
    }

    [Fact]
    public async Task A_gap_in_the_event_numbers_holds_the_index_back_only_until_the_daemon_skips_it()
    {
        // A number taken and never used, as by an append that rolled back: the feeder waits for it (a slower
        // transaction could still commit it), then follows the daemon's high-water mark past it.
        await using (var connection = new Npgsql.NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await new Npgsql.NpgsqlCommand($"select nextval('{ArsipStore.Schema}.mt_events_sequence')", connection).ExecuteScalarAsync();
        }
        var id = await RegisterAsync(RegisteringIncomingLettersTests.Letter("CELAH/1", subject: "Pemeliharaan Jembatan Kalimalang"));

        var found = await EventuallyFoundAsync("registrar", "q=jembatan+kalimalang", 1, TimeSpan.FromSeconds(30));
        found.Hits.ShouldHaveSingleItem().Id.ShouldBe(id);
    }

    [Fact]
    public async Task Reindex_rebuilds_from_the_event_log()
    {
        await RegisterAsync(RegisteringIncomingLettersTests.Letter("R/1", subject: "Rekonsiliasi Aset Daerah"));
        (await EventuallyFoundAsync("registrar", "q=rekonsiliasi", 1)).TotalHits.ShouldBe(1);

        var admin = await As("admin");
        var requested = await admin.PostAsync("/api/search/reindex", null);
        requested.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var request = (await ReadAsync<Arsip.Searching.ReindexStatus>(requested)).Request;
        request.ShouldBeGreaterThan(0);
        // this node takes the request up and reports it done
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!(await admin.GetFromJsonAsync<Arsip.Searching.ReindexStatus>("/api/search/reindex", ArsipApp.Json))!.Nodes
                   .Any(n => n.ReindexRequest == request && !n.Rebuilding && n.Checkpoint > 0))
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("the reindex request was never done");
            await Task.Delay(100);
        }
        (await EventuallyFoundAsync("registrar", "q=rekonsiliasi", 1)).TotalHits.ShouldBe(1);

        // /health says how far behind the index is, to a client asking for JSON; "Healthy" as text to the others
        var health = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { { "Accept", "application/json" } } };
        var report = await (await Anonymous.SendAsync(health)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        report.GetProperty("checks").GetProperty("search-index").GetProperty("data").GetProperty("behind").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
        (await Anonymous.GetStringAsync("/health")).ShouldBe("Healthy");
        (await (await As("registrar")).PostAsync("/api/search/reindex", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("registrar")).GetAsync("/api/search?sort=sideways")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
