using System.Globalization;
using Arsip.Infrastructure;

namespace Arsip.ReferenceData;

/// <summary>The one lookup every date and time a person sees or enters goes through.</summary>
public sealed record AgencyTime(TimeZoneInfo Zone)
{
    public static readonly AgencyTime Default = new(ArsipClock.DefaultZone);

    public static async Task<AgencyTime> LoadAsync(IQuerySession session, CancellationToken ct) =>
        For((await session.LoadAsync<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream, ct))?.Settings);

    public static AgencyTime For(CalendarSettings? settings) =>
        settings is null || settings.TimeZone == CalendarSettings.DefaultTimeZone ? Default : new(settings.FindZone());

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

    public DateTimeOffset EndOfDay(DateOnly day) => ArsipClock.EndOfLocalDay(day, Zone);

    public DateTimeOffset StartOfDay(DateOnly day) => ArsipClock.StartOfLocalDay(day, Zone);

    public string Format(DateTimeOffset at) => $"{ToLocal(at).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture)} {Abbreviation}";

    public string FormatWithSeconds(DateTimeOffset at) => $"{ToLocal(at).ToString("dd-MM-yyyy HH:mm:ss", CultureInfo.InvariantCulture)} {Abbreviation}";
}
