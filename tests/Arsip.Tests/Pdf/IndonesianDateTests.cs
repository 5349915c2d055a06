using Arsip.Pdf;

namespace Arsip.Tests.Pdf;

public class IndonesianDateTests
{
    [Theory]
    [InlineData(2026, 1, 5, "5 Januari 2026")]
    [InlineData(2026, 5, 31, "31 Mei 2026")]
    [InlineData(2026, 8, 17, "17 Agustus 2026")]
    [InlineData(2026, 11, 24, "24 November 2026")]
    [InlineData(2026, 12, 1, "1 Desember 2026")]
    public void Formats_dates_with_indonesian_month_names(int year, int month, int day, string expected) =>
        IndonesianDate.Format(new DateOnly(year, month, day)).ShouldBe(expected);

    [Fact]
    public void Formats_day_names_and_times()
    {
        IndonesianDate.FormatWithDay(new DateOnly(2026, 11, 24)).ShouldBe("Selasa, 24 November 2026");
        IndonesianDate.FormatWithDay(new DateOnly(2026, 11, 27)).ShouldBe("Jumat, 27 November 2026");
        IndonesianDate.FormatDateTime(new DateTimeOffset(2026, 11, 24, 9, 5, 0, TimeSpan.FromHours(7))).ShouldBe("24 November 2026 09.05");
    }
}
