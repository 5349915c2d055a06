using System.Text.Json;
using System.Text.Json.Serialization;
using Arsip.Correspondence;
using Arsip.ReferenceData;

namespace Arsip.Tests.ReferenceData;

public class WorkingCalendarTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private static DateTimeOffset At(int year, int month, int day, int hour = 10, int minute = 0) => new(year, month, day, hour, minute, 0, Wib);

    private static readonly WorkingCalendar Plain = new(WorkingCalendar.MondayToFriday, []);
    private static readonly Lazy<WorkingCalendar> Indonesia2026 = new(() =>
    {
        var file = Path.Combine(ClassificationSchemeFileTests.RepositoryRoot(), "samples", "reference", "calendar-2026.json");
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        var command = JsonSerializer.Deserialize<SetCalendar>(File.ReadAllText(file), json)!;
        var (settings, errors) = SetCalendarHandler.Build(command);
        errors.ShouldBeEmpty();
        return settings!.ToCalendar();
    });

    [Fact]
    public void Friday_plus_one_working_day_is_Monday_at_the_same_time()
    {
        var monday = Plain.AddWorkingDays(At(2026, 11, 27, 10, 30), 1);
        monday.ShouldBe(At(2026, 11, 30, 10, 30));
        monday.Offset.ShouldBe(Wib);
    }

    [Theory]
    [InlineData(0, 24)]
    [InlineData(1, 25)]
    [InlineData(4, 30)]
    [InlineData(5, 1)]
    public void Counts_working_days_across_weekends(int days, int expectedDay)
    {
        var result = Plain.AddWorkingDays(At(2026, 11, 24), days);
        result.Day.ShouldBe(expectedDay);
        result.Hour.ShouldBe(10);
    }

    [Fact]
    public void A_weekend_start_counts_from_the_next_working_day()
    {
        Plain.AddWorkingDays(At(2026, 11, 28), 1).ShouldBe(At(2026, 11, 30));
        Plain.AddWorkingDays(At(2026, 11, 29, 23, 59), 2).ShouldBe(At(2026, 12, 1, 23, 59));
    }

    [Fact]
    public void Skips_the_Idulfitri_holidays_and_cuti_bersama()
    {
        var calendar = Indonesia2026.Value;
        calendar.IsWorkingDay(new DateOnly(2026, 3, 17)).ShouldBeTrue();
        foreach (var day in new[] { 18, 19, 20, 21, 22, 23, 24 })
            calendar.IsWorkingDay(new DateOnly(2026, 3, day)).ShouldBeFalse();
        calendar.HolidayOn(new DateOnly(2026, 3, 19))!.Name.ShouldContain("Nyepi");
        calendar.HolidayOn(new DateOnly(2026, 3, 23))!.Kind.ShouldBe(HolidayKind.CutiBersama);

        calendar.AddWorkingDays(At(2026, 3, 17, 8), 1).ShouldBe(At(2026, 3, 25, 8));
        calendar.DeadlineFor(Urgency.Biasa, At(2026, 3, 16, 14)).ShouldBe(At(2026, 3, 30, 14));
    }

    [Fact]
    public void Holidays_on_a_working_day_are_not_working_days()
    {
        var calendar = Indonesia2026.Value;
        calendar.IsWorkingDay(new DateOnly(2026, 8, 17)).ShouldBeFalse(); // Monday, Hari Kemerdekaan
        calendar.IsWorkingDay(new DateOnly(2026, 8, 18)).ShouldBeTrue();
        calendar.IsWorkingDay(new DateOnly(2026, 8, 15)).ShouldBeFalse(); // Saturday
        calendar.AddWorkingDays(At(2026, 8, 14), 1).ShouldBe(At(2026, 8, 18));
    }

    [Fact]
    public void Crosses_the_year_boundary()
    {
        Indonesia2026.Value.AddWorkingDays(At(2026, 12, 23), 1).ShouldBe(At(2026, 12, 28));
        var withNewYear = new WorkingCalendar(WorkingCalendar.MondayToFriday, [new Holiday(new DateOnly(2027, 1, 1), "Tahun Baru 2027 Masehi")]);
        withNewYear.AddWorkingDays(At(2026, 12, 31, 15), 1).ShouldBe(At(2027, 1, 4, 15));
        withNewYear.DeadlineFor(Urgency.Biasa, At(2026, 12, 30, 9)).ShouldBe(At(2027, 1, 7, 9));
    }

    [Fact]
    public void Hour_rules_are_plain_clock_hours_even_over_weekends()
    {
        Plain.DeadlineFor(Urgency.SangatSegera, At(2026, 11, 27, 16)).ShouldBe(At(2026, 11, 28, 16));
        Plain.DeadlineFor(Urgency.Segera, At(2026, 11, 27, 16)).ShouldBe(At(2026, 11, 29, 16));
        Plain.DeadlineFor(Urgency.Biasa, At(2026, 11, 27, 16)).ShouldBe(At(2026, 12, 4, 16));
    }

    [Fact]
    public void Rules_and_working_week_are_configurable()
    {
        var saturdays = new WorkingCalendar([.. WorkingCalendar.MondayToFriday, DayOfWeek.Saturday], [],
            new DeadlineRules(new(DeadlineUnit.Hours, 8), new(DeadlineUnit.WorkingDays, 1), new(DeadlineUnit.WorkingDays, 3)));
        saturdays.IsWorkingDay(new DateOnly(2026, 11, 28)).ShouldBeTrue();
        saturdays.DeadlineFor(Urgency.Segera, At(2026, 11, 27)).ShouldBe(At(2026, 11, 28));
        saturdays.DeadlineFor(Urgency.SangatSegera, At(2026, 11, 27)).ShouldBe(At(2026, 11, 27, 18));
        Should.Throw<ArgumentOutOfRangeException>(() => saturdays.AddWorkingDays(At(2026, 11, 27), -1));
        Should.Throw<ArgumentException>(() => new WorkingCalendar([], []));
    }

    [Fact]
    public void Calendar_settings_are_validated_and_normalized()
    {
        var (settings, errors) = SetCalendarHandler.Build(new SetCalendar([DayOfWeek.Friday, DayOfWeek.Monday], null, null,
            [new Holiday(new DateOnly(2026, 12, 25), " Natal "), new Holiday(new DateOnly(2026, 1, 1), "Tahun Baru")]));
        errors.ShouldBeEmpty();
        settings!.WorkingDays.ShouldBe([DayOfWeek.Monday, DayOfWeek.Friday]);
        settings.TimeZone.ShouldBe("Asia/Jakarta");
        settings.Deadlines.ShouldBe(DeadlineRules.Default);
        settings.Holidays.Select(h => h.Name).ShouldBe(["Tahun Baru", "Natal"]);

        var (_, bad) = SetCalendarHandler.Build(new SetCalendar([], "Mars/Olympus",
            new DeadlineRules(new(DeadlineUnit.Hours, 0), DeadlineRules.Default.Segera, new(DeadlineUnit.WorkingDays, 61)),
            [new Holiday(new DateOnly(2026, 1, 1), "A"), new Holiday(new DateOnly(2026, 1, 1), ""), new Holiday(default, "C")]));
        bad.Keys.ShouldBe(["workingDays", "timeZone", "deadlines.sangatSegera", "deadlines.biasa", "holidays[1].name", "holidays[1].date", "holidays[2].date"],
            ignoreOrder: true);
        bad["holidays[1].date"].Single().ShouldContain("holidays[0]");
    }

    [Theory]
    [InlineData("Segera", Urgency.Segera)]
    [InlineData("sangat segera", Urgency.SangatSegera)]
    [InlineData("Kilat", Urgency.SangatSegera)]
    [InlineData("biasa", Urgency.Biasa)]
    [InlineData("cepat", null)]
    [InlineData(null, null)]
    public void Urgency_names(string? text, Urgency? expected) => ComputeDeadlineEndpoint.ParseUrgency(text).ShouldBe(expected);

    [Fact]
    public void Moments_without_an_offset_are_read_in_the_agencys_zone_and_a_lost_plus_is_restored()
    {
        var jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        ComputeDeadlineEndpoint.ParseMoment("2026-11-27T10:00:00", jakarta).ShouldBe(At(2026, 11, 27));
        ComputeDeadlineEndpoint.ParseMoment("2026-11-27T10:00:00 07:00", jakarta).ShouldBe(At(2026, 11, 27));
        ComputeDeadlineEndpoint.ParseMoment("2026-11-27T03:00:00Z", jakarta).ShouldBe(At(2026, 11, 27));
        ComputeDeadlineEndpoint.ParseMoment("27/11/2026", jakarta).ShouldBeNull();
    }
}
