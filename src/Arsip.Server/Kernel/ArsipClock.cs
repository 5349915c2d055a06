namespace Arsip.Kernel;

/// <summary>
/// Arsip's own clock: what decisions read as "now". A distinct type so tests can move Arsip's time
/// without stalling the framework timers (Wolverine, Marten, cookies) that use TimeProvider.
/// Times are stored as instants; what a person sees or enters is in the agency's time zone
/// (ReferenceData/AgencyTime.cs), never the server's: servers usually run in UTC.
/// </summary>
public sealed class ArsipClock(TimeProvider inner) : TimeProvider
{
    public static ArsipClock Real { get; } = new(TimeProvider.System);

    /// <summary>WIB: the zone of an agency that has not set its own.</summary>
    public static TimeZoneInfo DefaultZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    /// <summary>Always offset zero, whatever the inner provider returns (PostgreSQL timestamptz parameters accept only UTC).</summary>
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow().ToUniversalTime();

    /// <summary>The default agency zone, not the machine's.</summary>
    public override TimeZoneInfo LocalTimeZone => DefaultZone;

    /// <summary>Today in the default agency zone (WIB); an agency's own day is <see cref="TodayIn"/> its zone.</summary>
    public DateOnly Today => TodayIn(DefaultZone);

    /// <summary>Today's calendar date in <paramref name="zone"/>.</summary>
    public DateOnly TodayIn(TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(GetUtcNow(), zone).DateTime);

    /// <summary>The moment as a clock in <paramref name="zone"/> shows it.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone);

    /// <summary>
    /// "Until the end of that day" in <paramref name="zone"/> (23:59:59 local), as a UTC instant: a deadline chosen as a date.
    /// Whole seconds, so PostgreSQL's microseconds never round it into the next day.
    /// </summary>
    public static DateTimeOffset EndOfLocalDay(DateOnly day, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(23, 59, 59)), zone), TimeSpan.Zero);

    /// <summary>The first instant of <paramref name="day"/> in <paramref name="zone"/>, as UTC.</summary>
    public static DateTimeOffset StartOfLocalDay(DateOnly day, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
}
