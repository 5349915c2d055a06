namespace Arsip.Pdf;

/// <summary>Numbers and dates written out in Indonesian words, as a berita acara opens ("pada hari ini Selasa tanggal dua puluh empat ...").</summary>
public static class IndonesianWords
{
    private static readonly string[] Ones =
        ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"];

    public static string Number(long n) => n switch
    {
        < 0 => "minus " + Number(-n),
        < 12 => Ones[n],
        < 20 => Number(n - 10) + " belas",
        < 100 => Number(n / 10) + " puluh" + Rest(n % 10),
        < 200 => "seratus" + Rest(n - 100),
        < 1000 => Number(n / 100) + " ratus" + Rest(n % 100),
        < 2000 => "seribu" + Rest(n - 1000),
        < 1_000_000 => Number(n / 1000) + " ribu" + Rest(n % 1000),
        < 1_000_000_000 => Number(n / 1_000_000) + " juta" + Rest(n % 1_000_000),
        _ => Number(n / 1_000_000_000) + " miliar" + Rest(n % 1_000_000_000),
    };

    private static string Rest(long n) => n == 0 ? "" : " " + Number(n);

    /// <summary>"hari Selasa tanggal dua puluh empat bulan November tahun dua ribu dua puluh enam".</summary>
    public static string Date(DateOnly date) =>
        $"hari {IndonesianDate.FormatWithDay(date).Split(',')[0]} tanggal {Number(date.Day)} bulan {IndonesianDate.MonthName(date.Month)} tahun {Number(date.Year)}";
}
