using Arsip.Correspondence;

namespace Arsip.ReferenceData;

public enum DeadlineUnit { Hours, WorkingDays }

public enum HolidayKind { LiburNasional, CutiBersama, LiburDaerah }

public sealed record DeadlineRule(DeadlineUnit Unit, int Amount);

public sealed record DeadlineRules(DeadlineRule SangatSegera, DeadlineRule Segera, DeadlineRule Biasa)
{
    /// <summary>Sangat Segera 24 hours, Segera 2 × 24 hours, Biasa 5 working days.</summary>
    public static readonly DeadlineRules Default = new(new(DeadlineUnit.Hours, 24), new(DeadlineUnit.Hours, 48), new(DeadlineUnit.WorkingDays, 5));

    public DeadlineRule For(Urgency urgency) => urgency switch
    {
        Urgency.SangatSegera => SangatSegera,
        Urgency.Segera => Segera,
        _ => Biasa,
    };
}

public sealed record Holiday(DateOnly Date, string Name, HolidayKind Kind = HolidayKind.LiburNasional);

/// <summary>Dates are taken on the clock of the time given (its offset); adding working days keeps the time of day.</summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DayOfWeek> _workingDays;
    private readonly Dictionary<DateOnly, Holiday> _holidays;

    public WorkingCalendar(IEnumerable<DayOfWeek> workingDays, IEnumerable<Holiday> holidays, DeadlineRules? deadlines = null)
    {
        _workingDays = [.. workingDays];
        if (_workingDays.Count == 0) throw new ArgumentException("A calendar needs at least one working day.", nameof(workingDays));
        _holidays = holidays.GroupBy(h => h.Date).ToDictionary(g => g.Key, g => g.First());
        Deadlines = deadlines ?? DeadlineRules.Default;
    }

    public static readonly IReadOnlyList<DayOfWeek> MondayToFriday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public DeadlineRules Deadlines { get; }

    public bool IsWorkingDay(DateOnly date) => _workingDays.Contains(date.DayOfWeek) && !_holidays.ContainsKey(date);

    public Holiday? HolidayOn(DateOnly date) => _holidays.GetValueOrDefault(date);

    /// <summary>Steps day by day and counts only working days: Friday 10:00 + 1 is Monday 10:00.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var current = start;
        for (var counted = 0; counted < days;)
        {
            current = current.AddDays(1);
            if (IsWorkingDay(DateOnly.FromDateTime(current.DateTime))) counted++;
        }
        return current;
    }

    public DateTimeOffset DeadlineFor(Urgency urgency, DateTimeOffset from)
    {
        var rule = Deadlines.For(urgency);
        return rule.Unit == DeadlineUnit.Hours ? from.AddHours(rule.Amount) : AddWorkingDays(from, rule.Amount);
    }
}
