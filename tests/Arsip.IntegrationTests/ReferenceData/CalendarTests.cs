using System.Net;
using System.Net.Http.Json;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.IntegrationTests.ReferenceData;

public class CalendarTests(ArsipApp app) : ReferenceDataTest(app)
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    [Fact]
    public async Task Sets_the_2026_calendar_and_computes_deadlines_on_it()
    {
        var calendar = await File.ReadAllTextAsync(Path.Combine(ReferenceDataHttp.Samples, "reference", "calendar-2026.json"));
        var put = await Http.PutAsync("/api/calendar", new StringContent(calendar, System.Text.Encoding.UTF8, "application/json"));
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var version = (await ReadAsync<CalendarResponse>(put)).Version;
        version.ShouldBeGreaterThan(0);
        var again = await Http.PutAsync("/api/calendar", new StringContent(calendar, System.Text.Encoding.UTF8, "application/json"));
        (await ReadAsync<CalendarResponse>(again)).Version.ShouldBe(version);

        var read = await Http.GetFromJsonAsync<CalendarResponse>("/api/calendar", ArsipApp.Json);
        read!.Settings.Holidays.ShouldContain(h => h.Date == new DateOnly(2026, 8, 17));
        read.Settings.Deadlines.ShouldBe(DeadlineRules.Default);

        var biasa = await Http.GetFromJsonAsync<DeadlineResponse>("/api/calendar/deadline?urgency=Biasa&from=2026-03-16T14:00:00%2B07:00", ArsipApp.Json);
        biasa!.Deadline.ShouldBe(new DateTimeOffset(2026, 3, 30, 14, 0, 0, Wib));
        biasa.Rule.ShouldBe(new DeadlineRule(DeadlineUnit.WorkingDays, 5));

        var segera = await Http.GetFromJsonAsync<DeadlineResponse>("/api/calendar/deadline?urgency=Segera&from=2026-11-27T09:00:00Z", ArsipApp.Json);
        segera!.From.ShouldBe(new DateTimeOffset(2026, 11, 27, 16, 0, 0, Wib));
        segera.Deadline.ShouldBe(new DateTimeOffset(2026, 11, 29, 16, 0, 0, Wib));

        var now = await Http.GetFromJsonAsync<DeadlineResponse>("/api/calendar/deadline?urgency=SangatSegera", ArsipApp.Json);
        now!.From.ShouldBe(App.Clock.GetUtcNow());
        now.Deadline.ShouldBe(App.Clock.GetUtcNow().AddHours(24));
        now.Urgency.ShouldBe(Urgency.SangatSegera);
    }

    [Theory]
    [InlineData("urgency=Secepatnya", "urgency")]
    [InlineData("from=2026-03-16", "urgency")]
    [InlineData("urgency=Biasa&from=kemarin", "from")]
    public async Task Deadline_queries_are_checked(string query, string field)
    {
        var response = await Http.GetAsync("/api/calendar/deadline?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadAsync<ValidationProblemDetails>(response)).Errors.Keys.ShouldContain(field);
    }

    [Fact]
    public async Task A_bad_calendar_is_rejected_naming_the_fields()
    {
        var before = (await Http.GetFromJsonAsync<CalendarResponse>("/api/calendar", ArsipApp.Json))!.Version;
        var response = await Http.PutAsJsonAsync("/api/calendar", new
        {
            workingDays = Array.Empty<string>(),
            timeZone = "Asia/Bekasi",
            holidays = new[] { new { date = "2026-01-01", name = "Tahun Baru" }, new { date = "2026-01-01", name = "Lagi" } },
        }, ArsipApp.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadAsync<ValidationProblemDetails>(response)).Errors.Keys.ShouldBe(["workingDays", "timeZone", "holidays[1].date"], ignoreOrder: true);
        (await Http.GetFromJsonAsync<CalendarResponse>("/api/calendar", ArsipApp.Json))!.Version.ShouldBe(before);
    }
}
