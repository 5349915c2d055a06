namespace Arsip.Kernel;

/// <summary>What decisions read as "now": a distinct type so tests can move Arsip's time without stalling framework timers; people see the agency's zone (AgencyTime.cs), never the server's.</summary>
public sealed class ArsipClock(TimeProvider inner) : TimeProvider
{
    public static ArsipClock Real { get; } = new(TimeProvider.System);

    /// <summary>WIB: the zone of an agency that has not set its own.</summary>
    public static TimeZoneInfo DefaultZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    /// <summary>Always offset zero, whatever the inner provider returns (PostgreSQL timestamptz parameters accept only UTC).</summary>
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow().ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => DefaultZone;

    public DateOnly Today => TodayIn(DefaultZone);

    public DateOnly TodayIn(TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(GetUtcNow(), zone).DateTime);

    public static DateTimeOffset ToLocal(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone);

    /// <summary>A deadline chosen as a date, 23:59:59 local; whole seconds, so PostgreSQL's microseconds never round it into the next day.</summary>
    public static DateTimeOffset EndOfLocalDay(DateOnly day, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(23, 59, 59)), zone), TimeSpan.Zero);

    public static DateTimeOffset StartOfLocalDay(DateOnly day, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
}
