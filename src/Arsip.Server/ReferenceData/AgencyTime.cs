using System.Globalization;
using Arsip.Infrastructure;
using Marten;

namespace Arsip.ReferenceData;

/// <summary>
/// The agency's time zone (its calendar settings, <see cref="CalendarSettings.TimeZone"/>, WIB by default): the one
/// lookup every date and time a person sees or enters goes through. The conversions are <see cref="ArsipClock"/>'s.
/// </summary>
public sealed record AgencyTime(TimeZoneInfo Zone)
{
    public static readonly AgencyTime Default = new(ArsipClock.DefaultZone);

    /// <summary>The zone of the session's agency (its tenant).</summary>
    public static async Task<AgencyTime> LoadAsync(IQuerySession session, CancellationToken ct) =>
        For((await session.LoadAsync<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream, ct))?.Settings);

    public static AgencyTime For(CalendarSettings? settings) =>
        settings is null || settings.TimeZone == CalendarSettings.DefaultTimeZone ? Default : new(settings.FindZone());

    /// <summary>WIB, WITA or WIT for Indonesia's three zones, else the UTC offset.</summary>
    public string Abbreviation => Zone.BaseUtcOffset.TotalHours switch
    {
        7 => "WIB",
        8 => "WITA",
        9 => "WIT",
        _ => "UTC" + (Zone.BaseUtcOffset < TimeSpan.Zero ? "-" : "+") + Zone.BaseUtcOffset.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
    };

    public DateTimeOffset ToLocal(DateTimeOffset at) => ArsipClock.ToLocal(at, Zone);

    public DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(ToLocal(at).DateTime);

    public DateOnly Today(ArsipClock clock) => clock.TodayIn(Zone);

    /// <summary>A deadline chosen as a date: until the end of that day in the agency's zone.</summary>
    public DateTimeOffset EndOfDay(DateOnly day) => ArsipClock.EndOfLocalDay(day, Zone);

    public DateTimeOffset StartOfDay(DateOnly day) => ArsipClock.StartOfLocalDay(day, Zone);

    /// <summary>"09-12-2026 23:59 WIB".</summary>
    public string Format(DateTimeOffset at) => $"{ToLocal(at).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture)} {Abbreviation}";

    /// <summary>With seconds: "09-12-2026 23:59:59 WIB".</summary>
    public string FormatWithSeconds(DateTimeOffset at) => $"{ToLocal(at).ToString("dd-MM-yyyy HH:mm:ss", CultureInfo.InvariantCulture)} {Abbreviation}";
}
