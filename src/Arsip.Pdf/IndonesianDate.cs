namespace Arsip.Pdf;

/// <summary>Hand-written so output never depends on ICU culture data being installed.</summary>
public static class IndonesianDate
{
    private static readonly string[] Months =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    private static readonly string[] Days = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];

    public static string Format(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    public static string MonthName(int month) => Months[month - 1];

    public static string FormatWithDay(DateOnly date) => $"{Days[(int)date.DayOfWeek]}, {Format(date)}";

    /// <summary>"24 November 2026 09.30", in the offset the value carries (the office's local time).</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        $"{Format(DateOnly.FromDateTime(value.DateTime))} {value.Hour:00}.{value.Minute:00}";
}
