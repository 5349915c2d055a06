namespace Arsip.Kernel;

/// <summary>
/// The bounds every date a request carries must keep (README, "Input rules"). Nothing an archive of the
/// Republic's correspondence registers predates the proclamation, and nothing is planned further ahead
/// than a few years; per-field rules (a letter or received date is never after today) come on top.
/// </summary>
public static class InputRules
{
    public static readonly DateOnly EarliestDate = new(1945, 8, 17);
    public const int YearsAhead = 5;

    /// <summary>The longest text any one field of a request may carry (a long letter body is about 30,000 characters).</summary>
    public const int MaxTextLength = 100_000;

    /// <summary>The last day any date may name: today in the agency's zone plus <see cref="YearsAhead"/> years.</summary>
    public static DateOnly LatestDate(DateOnly today) => today.AddYears(YearsAhead);

    /// <summary>A problem with the date for <paramref name="field"/>, or null when it is within the bounds.</summary>
    public static string? CheckDate(string field, DateOnly date, DateOnly today) =>
        date < EarliestDate
            ? $"{field}: tanggal sebelum {EarliestDate:yyyy-MM-dd} tidak diterima (dates before {EarliestDate:yyyy-MM-dd} are refused)."
            : date > LatestDate(today)
                ? $"{field}: tanggal lebih dari {YearsAhead} tahun ke depan tidak diterima (dates more than {YearsAhead} years ahead are refused)."
                : null;
}
