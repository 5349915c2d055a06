using Arsip.Infrastructure;
using Arsip.ReferenceData;

namespace Arsip.Tests.ReferenceData;

/// <summary>An agency's day and times: the end of a local day, and times shown in its zone whatever the server's.</summary>
public class AgencyTimeTests
{
    private static AgencyTime In(string zone) => AgencyTime.For(CalendarSettings.Default with { TimeZone = zone });

    [Fact]
    public void The_end_of_a_day_is_23_59_59_there_as_an_instant()
    {
        var day = new DateOnly(2026, 12, 9);
        AgencyTime.Default.EndOfDay(day).ShouldBe(new DateTimeOffset(2026, 12, 9, 16, 59, 59, TimeSpan.Zero));
        In("Asia/Makassar").EndOfDay(day).ShouldBe(new DateTimeOffset(2026, 12, 9, 15, 59, 59, TimeSpan.Zero));
        In("Asia/Jayapura").EndOfDay(day).ShouldBe(new DateTimeOffset(2026, 12, 9, 14, 59, 59, TimeSpan.Zero));
        ArsipClock.EndOfLocalDay(day, TimeZoneInfo.Utc).ShouldBe(new DateTimeOffset(2026, 12, 9, 23, 59, 59, TimeSpan.Zero));
    }

    [Fact]
    public void Times_show_in_the_agencys_zone_with_its_name()
    {
        var at = new DateTimeOffset(2026, 12, 6, 9, 3, 0, TimeSpan.Zero);
        AgencyTime.Default.Format(at).ShouldBe("06-12-2026 16:03 WIB");
        In("Asia/Makassar").Format(at).ShouldBe("06-12-2026 17:03 WITA");
        In("Asia/Jayapura").Format(at).ShouldBe("06-12-2026 18:03 WIT");
        In("Asia/Jayapura").DateOf(new DateTimeOffset(2026, 12, 6, 16, 30, 0, TimeSpan.Zero)).ShouldBe(new DateOnly(2026, 12, 7));
    }

    [Fact]
    public void Today_is_the_agencys_not_the_servers()
    {
        var clock = new ArsipClock(new UtcServer(new DateTimeOffset(2026, 12, 6, 17, 30, 0, TimeSpan.Zero)));
        clock.Today.ShouldBe(new DateOnly(2026, 12, 7)); // 00:30 WIB
        In("Asia/Jayapura").Today(clock).ShouldBe(new DateOnly(2026, 12, 7));
        clock.TodayIn(TimeZoneInfo.Utc).ShouldBe(new DateOnly(2026, 12, 6));
    }

    private sealed class UtcServer(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
