using System.Security.Claims;
using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.ReferenceData;

public sealed record SetCalendar(List<DayOfWeek>? WorkingDays, string? TimeZone, DeadlineRules? Deadlines, List<Holiday>? Holidays);

public sealed record CalendarResponse(long Version, CalendarSettings Settings, string? SetBy, DateTimeOffset? SetAt)
{
    public static CalendarResponse From(WorkingCalendarView? view) => view is null
        ? new(0, CalendarSettings.Default, null, null)
        : new(view.Version, view.Settings, view.SetBy, view.SetAt);
}

public sealed record SetCalendarCommand(SetCalendar Body, string SetBy)
{
    public Guid StreamId => ReferenceDataStreams.WorkingCalendarStream;
}

public static class SetCalendarHandler
{
    public const int MaxHolidays = 1000;

    /// <summary>A new version, or none when the calendar is already exactly this.</summary>
    public static Decision Decide(SetCalendarCommand command, WorkingCalendarView? current, DateTimeOffset now)
    {
        if (command.Body is null) return Decision.Refuse(Problems.BadRequest("body", "Isi permintaan kosong (empty request body)."));
        var (settings, errors) = Build(command.Body);
        if (errors.Count > 0)
            return Decision.Refuse(new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Kalender kerja tidak valid (invalid working calendar)" });
        return settings!.SameAs(current?.Settings) ? Decision.Accept() : Decision.Accept(new WorkingCalendarSet(settings, command.SetBy, now));
    }

    public static Outcome<CalendarResponse> Handle(SetCalendarCommand command,
        [WriteAggregate(nameof(SetCalendarCommand.StreamId), Required = false)] IEventStream<WorkingCalendarView> stream, ArsipClock clock)
    {
        var decision = Decide(command, stream.Aggregate, clock.GetUtcNow()).AppendTo(stream);
        return new(decision, decision.Events is [WorkingCalendarSet set]
            ? new CalendarResponse((stream.Aggregate?.Version ?? 0) + 1, set.Settings, set.SetBy, set.SetAt)
            : CalendarResponse.From(stream.Aggregate));
    }

    [WolverinePut("/api/calendar")]
    [Tags("Data referensi")]
    [EndpointSummary("Set the agency's working week, time zone, urgency deadline rules and holidays (replaces the whole calendar)")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType<CalendarResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Put(SetCalendar body, [NotBody] Caller caller, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<CalendarResponse>>(caller.Agency, new SetCalendarCommand(body, user.Identity?.Name ?? "sistem"), ct);
        return outcome.Decision.ToResult(() => Results.Ok(outcome.Value));
    }

    public static (CalendarSettings? Settings, Dictionary<string, string[]> Errors) Build(SetCalendar command)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        var days = command.WorkingDays ?? [.. WorkingCalendar.MondayToFriday];
        if (days.Count == 0) Error("workingDays", "Minimal satu hari kerja (at least one working day).");
        if (days.Distinct().Count() != days.Count) Error("workingDays", "Hari kerja ganda (duplicate working day).");
        if (days.Any(d => !Enum.IsDefined(d))) Error("workingDays", "Hari tidak dikenal (unknown day).");

        var zone = string.IsNullOrWhiteSpace(command.TimeZone) ? CalendarSettings.DefaultTimeZone : command.TimeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            Error("timeZone", $"Zona waktu '{zone}' tidak dikenal; mis. Asia/Jakarta, Asia/Makassar, Asia/Jayapura (unknown time zone).");

        var deadlines = command.Deadlines ?? DeadlineRules.Default;
        foreach (var (name, rule) in new[] { ("sangatSegera", deadlines.SangatSegera), ("segera", deadlines.Segera), ("biasa", deadlines.Biasa) })
        {
            if (rule is null) Error($"deadlines.{name}", "Aturan tenggat wajib diisi (deadline rule required).");
            else if (!Enum.IsDefined(rule.Unit) || rule.Amount < 1 || rule.Amount > (rule.Unit == DeadlineUnit.Hours ? 24 * 30 : 60))
                Error($"deadlines.{name}", "Tenggat 1–720 jam atau 1–60 hari kerja (1 to 720 hours or 1 to 60 working days).");
        }

        var holidays = command.Holidays ?? [];
        if (holidays.Count > MaxHolidays) Error("holidays", $"Paling banyak {MaxHolidays} hari libur (at most {MaxHolidays} holidays).");
        var seen = new Dictionary<DateOnly, int>();
        for (var i = 0; i < holidays.Count; i++)
        {
            var h = holidays[i];
            if (h is null) { Error($"holidays[{i}]", "Hari libur kosong (empty holiday)."); continue; }
            if (h.Date == default) Error($"holidays[{i}].date", "Tanggal wajib diisi (date required).");
            if (string.IsNullOrWhiteSpace(h.Name)) Error($"holidays[{i}].name", "Nama hari libur wajib diisi (name required).");
            else if (h.Name.Length > 200) Error($"holidays[{i}].name", "Nama paling banyak 200 karakter (at most 200 characters).");
            if (!Enum.IsDefined(h.Kind)) Error($"holidays[{i}].kind", "Jenis libur tidak dikenal (unknown kind).");
            if (h.Date != default && !seen.TryAdd(h.Date, i))
                Error($"holidays[{i}].date", $"Tanggal {h.Date:yyyy-MM-dd} sudah ada di holidays[{seen[h.Date]}] (duplicate date).");
        }
        if (errors.Count > 0) return (null, errors);

        return (new CalendarSettings(
            [.. days.OrderBy(d => ((int)d + 6) % 7)],
            zone,
            deadlines,
            [.. holidays.Select(h => h with { Name = h.Name.Trim() }).OrderBy(h => h.Date)]), errors);
    }
}
