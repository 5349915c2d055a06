using Arsip.Correspondence;

namespace Arsip.Dispositions;

/// <summary>
/// The default deadline from the letter's urgency (derajat kecepatan): Sangat Segera 24 hours, Segera
/// 2 x 24 hours, Biasa 5 working days. The seam for the agency's working calendar is
/// <paramref name="isWorkingDay"/>: today Monday to Friday; later the per-agency WorkingCalendar
/// (ReferenceData) passes its own predicate, with holidays.
/// </summary>
public static class DispositionDeadline
{
    public const int BiasaWorkingDays = 5;

    public static DateTimeOffset Default(Urgency urgency, DateTimeOffset issuedAt, Func<DateOnly, bool>? isWorkingDay = null) => urgency switch
    {
        Urgency.SangatSegera => issuedAt.AddHours(24),
        Urgency.Segera => issuedAt.AddHours(48),
        _ => AddWorkingDays(issuedAt, BiasaWorkingDays, isWorkingDay ?? MondayToFriday),
    };

    public static bool MondayToFriday(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>Counts whole working days after the day of <paramref name="from"/>, keeping its time of day (in its own offset).</summary>
    public static DateTimeOffset AddWorkingDays(DateTimeOffset from, int days, Func<DateOnly, bool> isWorkingDay)
    {
        var result = from;
        for (var counted = 0; counted < days;)
        {
            result = result.AddDays(1);
            if (isWorkingDay(DateOnly.FromDateTime(result.DateTime))) counted++;
        }
        return result;
    }
}
