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

    private static readonly string[] Units =
        ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"];

    /// <summary>A whole number in Indonesian words (terbilang), e.g. 2026 is "dua ribu dua puluh enam", 1100 "seribu seratus".</summary>
    public static string NumberInWords(long n) => n switch
    {
        < 0 => "minus " + NumberInWords(-n),
        < 12 => Units[n],
        < 20 => Units[n - 10] + " belas",
        < 100 => Join(Units[n / 10] + " puluh", n % 10),
        < 200 => Join("seratus", n - 100),
        < 1000 => Join(Units[n / 100] + " ratus", n % 100),
        < 2000 => Join("seribu", n - 1000),
        < 1_000_000 => Join(NumberInWords(n / 1000) + " ribu", n % 1000),
        < 1_000_000_000 => Join(NumberInWords(n / 1_000_000) + " juta", n % 1_000_000),
        _ => Join(NumberInWords(n / 1_000_000_000) + " miliar", n % 1_000_000_000),
    };

    private static string Join(string head, long rest) => rest == 0 ? head : $"{head} {NumberInWords(rest)}";

    /// <summary>A date as a berita acara writes it: "Senin tanggal tujuh bulan Desember tahun dua ribu dua puluh enam".</summary>
    public static string InWords(DateOnly date) =>
        $"{Days[(int)date.DayOfWeek]} tanggal {NumberInWords(date.Day)} bulan {Months[date.Month - 1]} tahun {NumberInWords(date.Year)}";
}
