using System.Globalization;
using Arsip.ReferenceData;
using JasperFx;
using Npgsql;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace Arsip.Records;

/// <summary>Each agency's records stream and checkpoint document share one id (per tenant).</summary>
public static class RecordsStreams
{
    public static readonly Guid Reminders = new("0193a000-0000-7000-8000-000000000016");
}

/// <summary>The berkas come due on <paramref name="Day"/> since the previous check; <paramref name="Key"/> is the day's
/// idempotency key; the lists are capped (<see cref="RecordsDueReminder.MaxIds"/>), the counts whole.</summary>
public sealed record RecordsCameDue(
    string Key, DateOnly Day, Guid[] BecameInactive, int BecameInactiveCount, Guid[] RetentionEnded, int RetentionEndedCount, DateTimeOffset At);

public sealed class RecordsReminders
{
    public Guid Id { get; set; }
    public List<RecordsCameDue> Recent { get; set; } = [];

    public static RecordsReminders Create(RecordsCameDue e) => new() { Recent = [e] };

    public void Apply(RecordsCameDue e)
    {
        Recent.Insert(0, e);
        if (Recent.Count > 10) Recent.RemoveRange(10, Recent.Count - 10);
    }
}

public sealed class RecordsDueCheck
{
    public Guid Id { get; set; }
    public DateOnly? LastCheckedOn { get; set; }
    public DateTimeOffset? NextCheckAt { get; set; }
}

/// <summary><c>Arsip:Records:DueReminderAt</c>: the agency's local time of the daily check (default 07:00).
/// <c>Arsip:Records:KeepContentAfterHandover</c> (default true): whether a handed-over berkas's letters keep their content here.
/// <c>Arsip:Records:HandoverFolder</c>: where handover packages are built (default: handovers/ in the data folder).</summary>
public sealed record RecordsSettings(TimeOnly DueReminderAt)
{
    public bool KeepContentAfterHandover { get; init; } = true;
    public string HandoverFolder { get; init; } = Path.Combine(Path.GetTempPath(), "arsip-handovers");

    public static RecordsSettings From(IConfiguration configuration) =>
        new(TimeOnly.TryParse(configuration["Arsip:Records:DueReminderAt"], CultureInfo.InvariantCulture, out var at) ? at : new TimeOnly(7, 0))
        {
            KeepContentAfterHandover = configuration.GetValue("Arsip:Records:KeepContentAfterHandover", true),
            HandoverFolder = configuration["Arsip:Records:HandoverFolder"] is { Length: > 0 } folder ? folder : Path.Combine(Infrastructure.DataFolder.Resolve(configuration), "handovers"),
        };
}

public sealed record CheckRecordsDue(string Agency);

/// <summary>The daily reminder: one chain of <see cref="CheckRecordsDue"/> per agency, each run checking what came due since
/// the last checked day and scheduling the next for the next local morning. The checkpoint is saved with optimistic
/// concurrency, so of two runs for one day (several nodes, restarts, a second chain) the loser, retried, finds the day done
/// and stops without scheduling. <see cref="RecordsDueSchedule"/> restarts a missing or long-overdue chain.</summary>
public static class RecordsDueReminder
{
    public const int MaxIds = 500;

    /// <summary>The next local <paramref name="at"/> strictly after <paramref name="now"/>, as UTC.</summary>
    public static DateTimeOffset NextRun(AgencyTime time, DateTimeOffset now, TimeOnly at)
    {
        var today = time.DateOf(now);
        var candidate = time.StartOfDay(today).Add(at.ToTimeSpan());
        return candidate > now ? candidate : time.StartOfDay(today.AddDays(1)).Add(at.ToTimeSpan());
    }

    /// <summary>What came due in (<paramref name="lastChecked"/>, <paramref name="today"/>]: null when nothing did.</summary>
    public static RecordsCameDue? Decide(DateOnly? lastChecked, DateOnly today, IReadOnlyList<CaseFile> becameInactive, IReadOnlyList<CaseFile> retentionEnded,
        int becameInactiveCount, int retentionEndedCount, DateTimeOffset now) =>
        lastChecked >= today || becameInactiveCount + retentionEndedCount == 0
            ? null
            : new RecordsCameDue($"records-due:{today:yyyy-MM-dd}", today,
                becameInactive.Take(MaxIds).Select(f => f.Id).ToArray(), becameInactiveCount,
                retentionEnded.Take(MaxIds).Select(f => f.Id).ToArray(), retentionEndedCount, now);

    /// <summary>Checks the agency now; false when the day was already checked (a duplicate run).</summary>
    public static async Task<bool> CheckAsync(IDocumentStore store, string agency, ArsipClock clock, RecordsSettings settings, IMessageBus bus, CancellationToken ct)
    {
        await using var session = store.LightweightSession(agency);
        var time = await AgencyTime.LoadAsync(session, ct);
        var now = clock.GetUtcNow();
        var today = time.Today(clock);
        var check = await session.LoadAsync<RecordsDueCheck>(RecordsStreams.Reminders, ct);
        if (check?.LastCheckedOn >= today) return false;
        var last = check?.LastCheckedOn ?? DateOnly.MinValue;

        var inactive = session.Query<CaseFile>().Where(f => f.ActiveUntil > last && f.ActiveUntil <= today);
        var ended = session.Query<CaseFile>().Where(f => f.InactiveUntil > last && f.InactiveUntil <= today);
        var came = Decide(check?.LastCheckedOn, today,
            await inactive.OrderBy(f => f.ActiveUntil).Take(MaxIds).ToListAsync(ct), await ended.OrderBy(f => f.InactiveUntil).Take(MaxIds).ToListAsync(ct),
            await inactive.CountAsync(ct), await ended.CountAsync(ct), now);
        if (came is not null)
        {
            if (await session.Events.FetchStreamStateAsync(RecordsStreams.Reminders, ct) is null) session.Events.StartStream<RecordsReminders>(RecordsStreams.Reminders, came);
            else session.Events.Append(RecordsStreams.Reminders, came);
        }
        var next = NextRun(time, now, settings.DueReminderAt);
        if (check is null) session.Insert(new RecordsDueCheck { Id = RecordsStreams.Reminders, LastCheckedOn = today, NextCheckAt = next });
        else
        {
            check.LastCheckedOn = today;
            check.NextCheckAt = next;
            session.Update(check);
        }
        await session.SaveChangesAsync(ct);
        // after the save: a run that lost the race never gets here, so it starts no second chain
        await bus.ScheduleAsync(new CheckRecordsDue(agency), next - now);
        return true;
    }

    /// <summary>Starts the chain for an agency that has none: inserts the checkpoint (a second node's insert fails and it stops),
    /// then schedules the first run. A checkpoint whose next run is a day overdue means the chain broke: it starts again.</summary>
    public static async Task EnsureScheduledAsync(IDocumentStore store, string agency, ArsipClock clock, RecordsSettings settings, IMessageBus bus, CancellationToken ct)
    {
        await using var session = store.LightweightSession(agency);
        var check = await session.LoadAsync<RecordsDueCheck>(RecordsStreams.Reminders, ct);
        var now = clock.GetUtcNow();
        if (check?.NextCheckAt > now.AddDays(-1)) return;
        var next = NextRun(await AgencyTime.LoadAsync(session, ct), now, settings.DueReminderAt);
        if (check is null) session.Insert(new RecordsDueCheck { Id = RecordsStreams.Reminders, NextCheckAt = next });
        else
        {
            check.NextCheckAt = next;
            session.Update(check);
        }
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ConcurrencyException or DocumentAlreadyExistsException)
        {
            return; // another node started it
        }
        await bus.ScheduleAsync(new CheckRecordsDue(agency), next - now);
    }
}

public static class CheckRecordsDueHandler
{
    /// <summary>Two runs racing on one agency: the loser retries and finds the day done.</summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().Or<DocumentAlreadyExistsException>().Or<Marten.Exceptions.ExistingStreamIdCollisionException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));

    public static Task Handle(CheckRecordsDue message, IDocumentStore store, ArsipClock clock, RecordsSettings settings, IMessageBus bus, CancellationToken ct) =>
        RecordsDueReminder.CheckAsync(store, message.Agency, clock, settings, bus, ct);
}

/// <summary>Every node, at start and hourly, makes sure each agency's daily check is scheduled
/// (<c>Arsip:Records:DueReminders=false</c> turns it off).</summary>
public sealed class RecordsDueSchedule(IDocumentStore store, ArsipClock clock, RecordsSettings settings, IServiceScopeFactory scopes, ILogger<RecordsDueSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
                foreach (var agency in await AgenciesAsync(ct)) await RecordsDueReminder.EnsureScheduledAsync(store, agency, clock, settings, bus, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduling the records due reminders failed; trying again in an hour");
            }
        } while (await timer.WaitForNextTickAsync(ct));
    }

    /// <summary>The agencies with any stream (each has at least its organization).</summary>
    private async Task<List<string>> AgenciesAsync(CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select distinct tenant_id from {store.Options.Events.DatabaseSchemaName}.mt_streams", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var agencies = new List<string>();
        while (await reader.ReadAsync(ct)) agencies.Add(reader.GetString(0));
        return agencies;
    }
}
