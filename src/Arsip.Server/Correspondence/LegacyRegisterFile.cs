using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace Arsip.Correspondence;

/// <summary>A register file read into a table, with the text encoding it was read in (CSV) and the problem that stopped reading it, if any.</summary>
public sealed record RegisterRead(RegisterTable? Table, string Format, string? Encoding, bool EncodingDetected, LineError? Problem);

/// <summary>CSV or XLSX, recognised by content. Offices' Excel saves CSV in Windows-1252 when it is not told otherwise: bytes that are not
/// UTF-8 are read as Windows-1252 and the preview says so, and the person may name the encoding instead.</summary>
public static class LegacyRegisterFile
{
    public const string Utf8 = "utf-8";
    public const string Windows1252 = "windows-1252";
    public static readonly string[] Encodings = [Utf8, Windows1252];

    /// <summary>The encoding a person chose: null (or "auto") to detect it.</summary>
    public static string? EncodingOf(string? text) => string.IsNullOrWhiteSpace(text) || text.Trim() == "auto" ? null : text.Trim().ToLowerInvariant();

    public static RegisterRead Read(string path, string? encoding)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        var read = file.Read(head);
        file.Position = 0;
        if (read >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return ReadXlsx(file);
        if (read == 0) return new(null, "csv", null, false, new(1, "Berkas kosong (the file is empty)."));
        return ReadCsv(File.ReadAllBytes(path), encoding);
    }

    public static RegisterRead ReadCsv(byte[] bytes, string? encoding)
    {
        var (text, name, detected) = Decode(bytes, encoding);
        if (text.Contains('\0'))
            return new(null, "csv", name, detected, new(1, "Bukan berkas CSV atau XLSX (not a CSV or XLSX file)."));
        var table = LegacyRegister.ReadCsv(new StringReader(text));
        return table is null
            ? new(null, "csv", name, detected, new(1, "Berkas kosong (the file is empty)."))
            : new(table, "csv", name, detected, null);
    }

    /// <summary>A byte-order mark decides; else strict UTF-8, and bytes that are not UTF-8 are Windows-1252 (detected).</summary>
    public static (string Text, string Encoding, bool Detected) Decode(byte[] bytes, string? encoding)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble)) return (Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), Utf8, false);
        if (encoding == Windows1252) return (Cp1252.GetString(bytes), Windows1252, false);
        if (encoding == Utf8) return (Encoding.UTF8.GetString(bytes), Utf8, false);
        try
        {
            return (StrictUtf8.GetString(bytes), Utf8, true);
        }
        catch (DecoderFallbackException)
        {
            return (Cp1252.GetString(bytes), Windows1252, true);
        }
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    private static readonly Encoding Cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static RegisterRead ReadXlsx(Stream file)
    {
        try
        {
            var rows = new List<(int Line, string[] Fields)>();
            string[]? headers = null;
            var line = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(file, useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                line++;
                var fields = row.Values.Select(Cell).ToArray();
                if (headers is null)
                {
                    if (fields.All(string.IsNullOrWhiteSpace)) continue;
                    headers = fields;
                }
                else rows.Add((line, fields));
            }
            return headers is null
                ? new(null, "xlsx", null, false, new(1, "Lembar kerja pertama kosong (the first worksheet is empty)."))
                : new(new RegisterTable(headers, rows), "xlsx", null, false, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new(null, "xlsx", null, false, new(1, "Berkas XLSX rusak atau tidak terbaca (the XLSX file is damaged or unreadable)."));
        }
    }

    /// <summary>Dates typed as dates arrive as DateTime, numbers as double: both become the text a CSV would have held.</summary>
    private static string Cell(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double n => n.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
