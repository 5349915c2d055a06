using System.Net;
using System.Text;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.ReferenceData;
using Arsip.Records;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Arsip.IntegrationTests.Records;

/// <summary>A host of its own: these tests set the clock to a month boundary, which the shared host's other tests must not see.</summary>
public sealed class RecordsClockApp : ArsipApp
{
    /// <summary>2026-11-30 17:30 UTC is already 1 December, 00:30, in Jakarta.</summary>
    public static readonly DateTimeOffset MonthBoundary = new(2026, 11, 30, 17, 30, 0, TimeSpan.Zero);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Arsip:Records:DueReminders", "false"); // the tests start the chain themselves
    }
}

/// <summary>The due list per unit and agency, month and year, in WIB across a month boundary; and the daily reminder.</summary>
public class DueListTests(RecordsClockApp app) : RecordsTest(app), IClassFixture<RecordsClockApp>
{
    private const string Agency = "kota-bekasi";
    private sealed record Seeded(Guid Umum, Guid Hukum, Guid A, Guid B, Guid C, Guid D, Guid Open);
    private static Task<Seeded>? _seeded;

    /// <summary>
    /// A: aktif until 5 Dec 2026 (Umum, two letters); B: aktif until 30 Nov 2026 (Umum); C: retention ends 10 Dec 2026 (Hukum,
    /// permanen); D: retention ended 1 Jun 2025 (Hukum); and an open berkas, which is never due.
    /// </summary>
    private Task<Seeded> SeedAsync() => _seeded ??= Task.Run(async () =>
    {
        if (App.Clock.GetUtcNow() < RecordsClockApp.MonthBoundary) App.Clock.SetUtcNow(RecordsClockApp.MonthBoundary);
        var (umum, hukum) = (await UnitAsync("Umum"), await UnitAsync("Hukum"));
        return new Seeded(umum, hukum,
            await RecordsSeed.CaseFileAsync(App, umum, "800.1", [await LetterAsync(), await LetterAsync()], closedOn: new(2024, 12, 5)),
            await RecordsSeed.CaseFileAsync(App, umum, "800.1", [], closedOn: new(2024, 11, 30)),
            await RecordsSeed.CaseFileAsync(App, hukum, "180.1", [], closedOn: new(2019, 12, 10), finalAction: FinalAction.Permanen),
            await RecordsSeed.CaseFileAsync(App, hukum, "180.1", [], closedOn: new(2018, 6, 1)),
            await RecordsSeed.CaseFileAsync(App, hukum, "180.1", []));
    });

    private static Guid[] Ids(IReadOnlyList<DueCaseFile> rows) => rows.Select(r => r.Id).ToArray();

    /// <summary>The four lists as one comparable text: becoming inactive | retention ending | overdue inactive | overdue ended.</summary>
    private static string Lists(DueList list) => Lists(Ids(list.BecomingInactive), Ids(list.RetentionEnding), Ids(list.OverdueInactive), Ids(list.OverdueRetentionEnded));

    private static string Lists(params Guid[][] lists) => string.Join(" | ", lists.Select(l => string.Join(",", l)));

    [Fact]
    public async Task This_month_is_the_agency_s_local_month_not_the_UTC_one()
    {
        var s = await SeedAsync();
        var list = await GetAsync<DueList>("arsiparis", "/api/records/due");
        (list.From, list.To).ShouldBe((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)));
        Ids(list.BecomingInactive).ShouldBe([s.A]);
        Ids(list.RetentionEnding).ShouldBe([s.C]);
        list.RetentionEnding.Single().FinalAction.ShouldBe(FinalAction.Permanen);
        Ids(list.OverdueInactive).ShouldBe([s.B]);
        Ids(list.OverdueRetentionEnded).ShouldBe([s.D]);
    }

    [Fact]
    public async Task Per_unit_and_per_year()
    {
        var s = await SeedAsync();
        var umum = await GetAsync<DueList>("registrar", $"/api/records/due?unitId={s.Umum}");
        Lists(umum).ShouldBe(Lists([s.A], [], [s.B], []));
        var hukum = await GetAsync<DueList>("auditor", $"/api/records/due?unitId={s.Hukum}&scope=year&date=2026-06-15");
        Lists(hukum).ShouldBe(Lists([], [s.C], [], [s.D]));
        var year = await GetAsync<DueList>("admin", "/api/records/due?scope=year&date=2026-06-15");
        Ids(year.BecomingInactive).ShouldBe([s.B, s.A]);
        (year.From, year.To).ShouldBe((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        // November, asked by date: B becomes inactive on its last day
        Ids((await GetAsync<DueList>("arsiparis", "/api/records/due?date=2026-11-30")).BecomingInactive).ShouldBe([s.B]);
    }

    [Fact]
    public async Task Unit_members_read_only_their_unit_and_bad_input_is_refused()
    {
        var s = await SeedAsync();
        (await (await As("registrar")).GetAsync($"/api/records/due?unitId={s.Hukum}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("registrar")).GetAsync("/api/records/due")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("arsiparis")).GetAsync("/api/records/due?scope=week")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await As("arsiparis")).GetAsync($"/api/records/due?unitId={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<int> ScheduledChecksAsync()
    {
        var incoming = await App.Services.GetRequiredService<IMessageStore>().Admin.AllIncomingAsync();
        return incoming.Count(e => e.Status == EnvelopeStatus.Scheduled && e.MessageType == typeof(CheckRecordsDue).FullName
                                   && e.Data is not null && Encoding.UTF8.GetString(e.Data).Contains(Agency));
    }

    private async Task<bool> CheckAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await RecordsDueReminder.CheckAsync(App.Store, Agency, App.Services.GetRequiredService<ArsipClock>(),
            App.Services.GetRequiredService<RecordsSettings>(), scope.ServiceProvider.GetRequiredService<IMessageBus>(), default);
    }

    private async Task<List<RecordsCameDue>> RemindersAsync()
    {
        await using var session = App.Store.QuerySession(Agency);
        return (await session.Events.FetchStreamAsync(RecordsStreams.Reminders)).Select(e => e.Data).OfType<RecordsCameDue>().ToList();
    }

    [Fact]
    public async Task The_daily_reminder_records_what_came_due_once_and_schedules_one_next_run()
    {
        var s = await SeedAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var clock = App.Services.GetRequiredService<ArsipClock>();
        var settings = App.Services.GetRequiredService<RecordsSettings>();
        var before = await ScheduledChecksAsync();
        await RecordsDueReminder.EnsureScheduledAsync(App.Store, Agency, clock, settings, bus, default);
        await RecordsDueReminder.EnsureScheduledAsync(App.Store, Agency, clock, settings, bus, default); // a restart, or a second node
        (await ScheduledChecksAsync()).ShouldBe(before + 1);

        // the first check: everything due by today (1 December in Jakarta)
        (await CheckAsync()).ShouldBeTrue();
        var first = (await RemindersAsync()).ShouldHaveSingleItem();
        first.Key.ShouldBe("records-due:2026-12-01");
        first.BecameInactive.ShouldBe([s.D, s.C, s.B], ignoreOrder: true);
        first.RetentionEnded.ShouldBe([s.D]);
        // the same day again (another node, a redelivery): nothing more, no second chain
        var scheduled = await ScheduledChecksAsync();
        (await CheckAsync()).ShouldBeFalse();
        await bus.InvokeAsync(new CheckRecordsDue(Agency));
        (await RemindersAsync()).Count.ShouldBe(1);
        (await ScheduledChecksAsync()).ShouldBe(scheduled);

        // the clock moves past A's active period (5 December): only A is new
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 5, 0, 30, 0, TimeSpan.Zero));
        (await CheckAsync()).ShouldBeTrue();
        var reminders = await RemindersAsync();
        reminders.Count.ShouldBe(2);
        (reminders[1].Day, reminders[1].BecameInactive.Single(), reminders[1].RetentionEnded.Length).ShouldBe((new DateOnly(2026, 12, 5), s.A, 0));
        await using var session = App.Store.QuerySession(Agency);
        (await session.LoadAsync<RecordsReminders>(RecordsStreams.Reminders))!.Recent.First().Key.ShouldBe("records-due:2026-12-05");
        (await session.LoadAsync<RecordsDueCheck>(RecordsStreams.Reminders))!.NextCheckAt.ShouldBe(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero));
    }
}
