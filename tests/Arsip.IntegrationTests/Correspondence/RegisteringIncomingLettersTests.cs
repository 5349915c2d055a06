using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.IntegrationTests.Correspondence;

public class RegisteringIncomingLettersTests(ArsipApp app) : ArsipTest(app)
{
    private HttpClient Http = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Http = await As("registrar");
    }

    internal static object Letter(string number = "400.7/1123/Dinkes/2026", string sender = "Dinas Kesehatan Kota Bekasi",
        string letterDate = "2026-11-20", string receivedOn = "2026-11-23", string subject = "Laporan Penanganan Demam Berdarah",
        string securityLevel = "Biasa", bool confirmedDistinct = false) => new
    {
        sender, senderLetterNumber = number, letterDate, receivedOn, subject, classification = "400.7",
        securityLevel, urgency = "Segera", attachments = "1 berkas", confirmedDistinct,
    };

    [Fact]
    public async Task Registers_a_letter_with_the_next_agenda_number_and_reads_it_back()
    {
        var first = await Http.PostAsJsonAsync("/api/incoming-letters", Letter("A/1/2026"));
        var second = await Http.PostAsJsonAsync("/api/incoming-letters", Letter("A/2/2026"));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await ReadAsync<RegisterIncomingLetterResponse>(second);
        created.AgendaYear.ShouldBe(2026);
        created.AgendaNumber.ShouldBe((await ReadAsync<RegisterIncomingLetterResponse>(first)).AgendaNumber + 1);
        second.Headers.Location!.ToString().ShouldBe($"/api/incoming-letters/{created.Id}");

        var letter = await Http.GetFromJsonAsync<IncomingLetterView>(second.Headers.Location, ArsipApp.Json);
        letter!.SenderLetterNumber.ShouldBe("A/2/2026");
        letter.Sender.ShouldBe("Dinas Kesehatan Kota Bekasi");
        letter.LetterDate.ShouldBe(new DateOnly(2026, 11, 20));
        letter.SecurityLevel.ShouldBe(SecurityLevel.Biasa);
        letter.Urgency.ShouldBe(Urgency.Segera);
        letter.RegisteredAt.ShouldBe(App.Clock.GetUtcNow());
        letter.RegisteredBy.ShouldBe("Budi Santoso");
    }

    [Fact]
    public async Task Lists_newest_first_with_year_text_filter_and_paging()
    {
        foreach (var (number, subject) in new[] { ("L/1", "Undangan Rapat Koordinasi"), ("L/2", "Permohonan Data Kepegawaian"), ("L/3", "Undangan Apel Pagi") })
            (await Http.PostAsJsonAsync("/api/incoming-letters", Letter(number, sender: "Bagian Umum", subject: subject))).EnsureSuccessStatusCode();

        var page = await Http.GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters?year=2026&q=undangan&pageSize=1", ArsipApp.Json);
        page!.Total.ShouldBe(2);
        page.Items.Single().SenderLetterNumber.ShouldBe("L/3");
        var second = await Http.GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters?year=2026&q=undangan&pageSize=1&page=2", ArsipApp.Json);
        second!.Items.Single().SenderLetterNumber.ShouldBe("L/1");
        (await Http.GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters?year=2025", ArsipApp.Json))!.Total.ShouldBe(0);
    }

    [Fact]
    public async Task History_lists_the_letters_events_in_order()
    {
        var response = await Http.PostAsJsonAsync("/api/incoming-letters", Letter("H/1"));
        var id = (await ReadAsync<RegisterIncomingLetterResponse>(response)).Id;

        var history = await Http.GetFromJsonAsync<JsonElement[]>($"/api/letters/{id}/history", ArsipApp.Json);
        history!.Length.ShouldBe(1);
        history[0].GetProperty("version").GetInt64().ShouldBe(1);
        history[0].GetProperty("type").GetString().ShouldBe("incoming_letter_registered");
        history[0].GetProperty("data").GetProperty("senderLetterNumber").GetString().ShouldBe("H/1");
    }

    [Theory]
    [InlineData("sender", "")]
    [InlineData("subject", "   ")]
    [InlineData("classification", "abc")]
    [InlineData("letterDate", "2026-12-01")]
    [InlineData("receivedOn", "2027-01-01")]
    public async Task Refuses_missing_malformed_or_future_fields_naming_the_field(string field, string value)
    {
        var body = JsonSerializer.SerializeToNode(Letter("V/1"), ArsipApp.Json)!.AsObject();
        body[field] = value;

        var response = await Http.PostAsJsonAsync("/api/incoming-letters", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ReadAsync<ValidationProblemDetails>(response);
        problem.Errors.Keys.ShouldContain(field);
        await NothingWasWritten();
    }

    [Theory]
    [InlineData("securityLevel", "\"Kilat\"")]
    [InlineData("urgency", "\"Secepatnya\"")]
    [InlineData("letterDate", "\"20-11-2026\"")]
    public async Task Refuses_unreadable_values_naming_the_field(string field, string json)
    {
        var body = JsonSerializer.SerializeToNode(Letter("V/2"), ArsipApp.Json)!.AsObject();
        body[field] = System.Text.Json.Nodes.JsonNode.Parse(json);

        var response = await Http.PostAsJsonAsync("/api/incoming-letters", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain($"$.{field}");
        await NothingWasWritten();
    }

    [Fact]
    public async Task Refuses_the_same_letter_twice_with_a_link_unless_confirmed_distinct()
    {
        var original = await ReadAsync<RegisterIncomingLetterResponse>(await Http.PostAsJsonAsync("/api/incoming-letters", Letter("D/1", sender: "Kecamatan Bekasi Timur")));

        var again = await Http.PostAsJsonAsync("/api/incoming-letters", Letter("d/1 ", sender: "kecamatan  bekasi timur"));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await ReadAsync<ProblemDetails>(again);
        problem.Extensions["existing"]!.ToString().ShouldBe($"/api/incoming-letters/{original.Id}");

        var confirmed = await Http.PostAsJsonAsync("/api/incoming-letters", Letter("D/1", sender: "Kecamatan Bekasi Timur", confirmedDistinct: true));
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Concurrent_registrations_get_distinct_gapless_agenda_numbers()
    {
        var responses = await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            Http.PostAsJsonAsync("/api/incoming-letters", Letter($"C/{i}", sender: "Pengirim Serentak"))));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var numbers = (await Task.WhenAll(responses.Select(ReadAsync<RegisterIncomingLetterResponse>))).Select(r => r.AgendaNumber).Order().ToList();
        numbers.Distinct().Count().ShouldBe(40);
        (numbers[^1] - numbers[0]).ShouldBe(39);
    }

    [Fact]
    public async Task A_duplicate_racing_in_a_shared_commit_fails_alone_and_leaves_no_gap()
    {
        // Ten copies of one letter race past the duplicate check beside thirty distinct letters: the
        // copies land in the same group commit, which fails and is retried one by one.
        var responses = await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            Http.PostAsJsonAsync("/api/incoming-letters", Letter(i % 4 == 0 ? "RACE/1" : $"RACE/{i}/x", sender: "Pengirim Balapan"))));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        created.Count.ShouldBe(31);
        responses.Where(r => r.StatusCode != HttpStatusCode.Created).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Conflict);
        var registered = await Task.WhenAll(created.Select(ReadAsync<RegisterIncomingLetterResponse>));
        var numbers = registered.Select(r => r.AgendaNumber).Order().ToList();
        numbers.Distinct().Count().ShouldBe(31);
        (numbers[^1] - numbers[0]).ShouldBe(30);

        // Written outside the request, each event still names the registrar who asked for it.
        await using var session = App.Store.QuerySession("kota-bekasi");
        var events = await session.Events.FetchStreamAsync(registered[0].Id);
        ((string)events.Single().GetHeader("actor")!).ShouldStartWith("Budi Santoso (");
    }

    [Fact]
    public async Task Identical_registrations_that_race_all_get_the_answer_a_later_duplicate_gets()
    {
        // Twelve copies at once: most pass the duplicate check before any commits, so all but one lose at the unique fingerprint.
        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(_ =>
            Http.PostAsJsonAsync("/api/incoming-letters", Letter("KEMBAR/1", sender: "Pengirim Kembar"))));
        var later = await Http.PostAsJsonAsync("/api/incoming-letters", Letter("KEMBAR/1", sender: "Pengirim Kembar"));

        var winner = await ReadAsync<RegisterIncomingLetterResponse>(responses.Single(r => r.StatusCode == HttpStatusCode.Created));
        later.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var expected = await ReadAsync<JsonElement>(later);
        expected.GetProperty("existingId").GetGuid().ShouldBe(winner.Id);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            loser.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            var problem = await ReadAsync<JsonElement>(loser);
            foreach (var property in new[] { "title", "detail", "instance", "existingId", "existing" })
                problem.GetProperty(property).ToString().ShouldBe(expected.GetProperty(property).ToString(), property);
        }
    }

    [Fact]
    public async Task Corrections_are_new_events_with_a_reason_and_keep_the_values_before()
    {
        var id = (await ReadAsync<RegisterIncomingLetterResponse>(await Http.PostAsJsonAsync("/api/incoming-letters", Letter("K/1")))).Id;
        (await (await As("auditor")).GetAsync($"/api/incoming-letters/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Http.PutAsJsonAsync($"/api/incoming-letters/{id}", new { changes = new { subject = "Baru" } })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PutAsJsonAsync($"/api/incoming-letters/{id}", new { changes = new { agendaNumber = "9" }, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.PutAsJsonAsync($"/api/incoming-letters/{id}", new { changes = new { securityLevel = "Kilat" }, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var corrected = await Http.PutAsJsonAsync($"/api/incoming-letters/{id}",
            new { changes = new { subject = "Laporan Penanganan Demam Berdarah Dengue", securityLevel = "Rahasia" }, reason = "Salah ketik dan sifat surat" });
        corrected.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var letter = (await Http.GetFromJsonAsync<IncomingLetterView>($"/api/incoming-letters/{id}", ArsipApp.Json))!;
        letter.Subject.ShouldBe("Laporan Penanganan Demam Berdarah Dengue");
        letter.SecurityLevel.ShouldBe(SecurityLevel.Rahasia);
        letter.Corrections.ShouldContain(new FieldChange("subject", "Laporan Penanganan Demam Berdarah", "Laporan Penanganan Demam Berdarah Dengue"));
        // Reading the now secret letter is recorded too (asynchronously); the corrections are what this test is about.
        var history = (await Http.GetFromJsonAsync<JsonElement[]>($"/api/letters/{id}/history", ArsipApp.Json))!
            .Where(h => h.GetProperty("type").GetString() != "secret_letter_read").ToArray();
        history.Select(h => h.GetProperty("type").GetString()).ShouldBe(["incoming_letter_registered", "incoming_letter_corrected"]);
        history[1].GetProperty("data").GetProperty("reason").GetString().ShouldBe("Salah ketik dan sifat surat");
        history[0].GetProperty("data").GetProperty("subject").GetString().ShouldBe("Laporan Penanganan Demam Berdarah");

        // Now secret: agency-wide readers lose sight of it; the registrar who entered it keeps it.
        (await (await As("auditor")).GetAsync($"/api/incoming-letters/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.PutAsJsonAsync($"/api/incoming-letters/{id}", new { changes = new { subject = letter.Subject }, reason = "tidak berubah" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Http.GetFromJsonAsync<JsonElement[]>($"/api/letters/{id}/history", ArsipApp.Json))!
            .Count(h => h.GetProperty("type").GetString() != "secret_letter_read").ShouldBe(2);
    }

    [Fact]
    public async Task Unknown_letter_is_404_problem()
    {
        var response = await Http.GetAsync($"/api/incoming-letters/{Guid.NewGuid()}");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ReadAsync<ProblemDetails>(response)).Status.ShouldBe(404);
        (await Http.GetAsync($"/api/letters/{Guid.NewGuid()}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task NothingWasWritten()
    {
        await using var session = App.Store.QuerySession("kota-bekasi");
        (await session.Query<IncomingLetterView>().CountAsync(l => l.SenderLetterNumber.StartsWith("V/"))).ShouldBe(0);
    }
}
