using System.Globalization;

namespace Arsip.Infrastructure;

/// <summary>Numbers as Indonesian readers write them, whatever the server's culture: 20.494 (grouping dot), 1,4 (decimal comma).</summary>
public static class IndonesianFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("id-ID");

    public static string Number(long value) => value.ToString("#,0", Culture);

    public static string Number(decimal value) => value.ToString("#,0.##", Culture);

    public static string Bytes(long length) => length switch
    {
        < 100 * 1024 => Number(length) + " bita",
        < 10L * 1024 * 1024 => (length / 1024.0).ToString("#,0", Culture) + " KB",
        _ => (length / 1024.0 / 1024.0).ToString("#,0.#", Culture) + " MB",
    };
}
