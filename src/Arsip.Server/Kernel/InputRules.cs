namespace Arsip.Kernel;

/// <summary>Nothing an archive of the Republic's correspondence registers predates the proclamation, nor is planned more than a few years ahead (README, "Input rules").</summary>
public static class InputRules
{
    public static readonly DateOnly EarliestDate = new(1945, 8, 17);
    public const int YearsAhead = 5;

    /// <summary>The longest text any one field of a request may carry (a long letter body is about 30,000 characters).</summary>
    public const int MaxTextLength = 100_000;

    public static DateOnly LatestDate(DateOnly today) => today.AddYears(YearsAhead);

    public static string? CheckDate(string field, DateOnly date, DateOnly today) =>
        date < EarliestDate
            ? $"{field}: tanggal sebelum {EarliestDate:yyyy-MM-dd} tidak diterima (dates before {EarliestDate:yyyy-MM-dd} are refused)."
            : date > LatestDate(today)
                ? $"{field}: tanggal lebih dari {YearsAhead} tahun ke depan tidak diterima (dates more than {YearsAhead} years ahead are refused)."
                : null;
}
