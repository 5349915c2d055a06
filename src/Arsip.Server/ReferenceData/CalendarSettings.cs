using System.Text.Json;
using Marten.Events.Aggregation;

namespace Arsip.ReferenceData;

public sealed record CalendarSettings(IReadOnlyList<DayOfWeek> WorkingDays, string TimeZone, DeadlineRules Deadlines, IReadOnlyList<Holiday> Holidays)
{
    public const string DefaultTimeZone = "Asia/Jakarta";
    public static readonly CalendarSettings Default = new(WorkingCalendar.MondayToFriday, DefaultTimeZone, DeadlineRules.Default, []);

    public WorkingCalendar ToCalendar() => new(WorkingDays, Holidays, Deadlines);

    public TimeZoneInfo FindZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool SameAs(CalendarSettings? other) =>
        other is not null && JsonSerializer.Serialize(this) == JsonSerializer.Serialize(other);
}

public sealed record WorkingCalendarSet(CalendarSettings Settings, string SetBy, DateTimeOffset SetAt);

public sealed class WorkingCalendarView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public CalendarSettings Settings { get; set; } = CalendarSettings.Default;
    public string SetBy { get; set; } = "";
    public DateTimeOffset SetAt { get; set; }
}

public sealed partial class WorkingCalendarProjection : SingleStreamProjection<WorkingCalendarView, Guid>
{
    public WorkingCalendarView Create(IEvent<WorkingCalendarSet> e) => Apply(e, new WorkingCalendarView { Id = e.StreamId });

    public WorkingCalendarView Apply(IEvent<WorkingCalendarSet> e, WorkingCalendarView view)
    {
        view.Version = e.Version;
        view.Settings = e.Data.Settings;
        view.SetBy = e.Data.SetBy;
        view.SetAt = e.Data.SetAt;
        return view;
    }
}
