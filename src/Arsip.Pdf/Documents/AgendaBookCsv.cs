using System.Text;

namespace Arsip.Pdf;

/// <summary>
/// The CSV twin of the agenda book: RFC 4180 (comma separated, CRLF, quoted when needed),
/// UTF-8 with a byte order mark so Excel recognises the encoding.
/// </summary>
public static class AgendaBookCsv
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Writes the header row and one row per entry; leaves <paramref name="output"/> open.</summary>
    public static void Write(AgendaBookDocument book, Stream output)
    {
        var columns = AgendaColumns.For(book.Direction);
        using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(',', columns.Select(c => Quote(c.Title))));
        foreach (var entry in book.Entries)
            writer.WriteLine(string.Join(',', columns.Select(c => Quote(c.Value(entry)))));
    }

    /// <summary>Quotes a field containing a comma, quote or line break, doubling inner quotes.</summary>
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"")}\"";
}
