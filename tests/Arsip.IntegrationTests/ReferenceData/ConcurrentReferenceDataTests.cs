using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.ReferenceData;
using Marten;

namespace Arsip.IntegrationTests.ReferenceData;

public class ConcurrentReferenceDataTests(ArsipApp app) : ReferenceDataTest(app)
{
    [Fact]
    public async Task Racing_writers_either_win_a_version_or_get_409_and_versions_stay_contiguous()
    {
        var before = (await Http.GetFromJsonAsync<CalendarResponse>("/api/calendar", ArsipApp.Json))!.Version;
        var calendars = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Http.PutAsJsonAsync("/api/calendar",
            new { holidays = new[] { new { date = $"2026-12-{i:00}", name = $"Libur daerah {i}", kind = "LiburDaerah" } } }, ArsipApp.Json)));
        calendars.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        var won = calendars.Count(r => r.StatusCode == HttpStatusCode.OK);
        won.ShouldBeGreaterThan(0);
        (await Http.GetFromJsonAsync<CalendarResponse>("/api/calendar", ArsipApp.Json))!.Version.ShouldBe(before + won);

        var imports = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Http.PostCsv(
            $"code,name,activeRetentionYears,inactiveRetentionYears,finalAction\n000,Umum,{i},{i},Permanen\n")));
        imports.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict
                                 || r.StatusCode == HttpStatusCode.UnprocessableEntity);
        await using var session = App.Store.QuerySession("kota-bekasi");
        var events = await session.Events.FetchStreamAsync(ReferenceDataStreams.ClassificationSchemeStream);
        events.Select(e => ((ClassificationSchemeImported)e.Data).Version).ShouldBe(Enumerable.Range(1, events.Count));
        events.Count.ShouldBe(imports.Count(r => r.StatusCode == HttpStatusCode.Created));
    }

    [Fact]
    public async Task The_calendar_document_holds_no_computed_members()
    {
        (await Http.PutAsJsonAsync("/api/calendar", new { timeZone = "Asia/Makassar" }, ArsipApp.Json)).EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await Http.GetStringAsync("/api/calendar"));
        var settings = body.RootElement.GetProperty("settings");
        settings.GetProperty("timeZone").GetString().ShouldBe("Asia/Makassar");
        settings.EnumerateObject().Select(p => p.Name).ShouldBe(["workingDays", "timeZone", "deadlines", "holidays"]);
        var deadline = await Http.GetFromJsonAsync<DeadlineResponse>("/api/calendar/deadline?urgency=Segera&from=2026-11-27T10:00:00", ArsipApp.Json);
        deadline!.From.Offset.ShouldBe(TimeSpan.FromHours(8));
    }
}
