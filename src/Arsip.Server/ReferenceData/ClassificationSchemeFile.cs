using System.Globalization;
using System.Text;
using System.Text.Json;
using Arsip.Correspondence;
using nietras.SeparatedValues;

namespace Arsip.ReferenceData;

/// <summary>A problem in an uploaded file: the line it is on (1 = the first line), the column, the message.</summary>
public sealed record ImportError(int Line, string Field, string Message);

public enum SchemeFileFormat { Csv, Json }

/// <summary>The classes read from a file, each with the line it came from, or the errors that reject the whole file.</summary>
public sealed record ParsedScheme(IReadOnlyList<ClassificationClass> Classes, IReadOnlyDictionary<string, int> Lines, IReadOnlyList<ImportError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads a classification scheme (kode klasifikasi arsip with its JRA) from CSV (RFC 4180, <c>,</c> <c>;</c> or tab,
/// detected from the header) or JSON (an array of objects, or <c>{ "classes": [...] }</c>), UTF-8 with or without BOM,
/// and checks it whole: any error rejects the file.
/// </summary>
public static class ClassificationSchemeFile
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRetentionYears = 999;

    public static readonly IReadOnlyList<string> Columns =
        ["code", "name", "parent", "activeRetentionYears", "inactiveRetentionYears", "finalAction", "defaultSecurityLevel", "trigger"];
    private static readonly string[] RequiredColumns = ["code", "name", "activeRetentionYears", "inactiveRetentionYears", "finalAction"];

    /// <summary>Column names also accepted, compared without case, spaces, dashes or underscores.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["code"] = "code", ["kode"] = "code", ["kodeklasifikasi"] = "code",
        ["name"] = "name", ["nama"] = "name", ["uraian"] = "name",
        ["parent"] = "parent", ["induk"] = "parent",
        ["activeretentionyears"] = "activeRetentionYears", ["retensiaktif"] = "activeRetentionYears",
        ["inactiveretentionyears"] = "inactiveRetentionYears", ["retensiinaktif"] = "inactiveRetentionYears",
        ["finalaction"] = "finalAction", ["tindakanakhir"] = "finalAction", ["keterangan"] = "finalAction",
        ["defaultsecuritylevel"] = "defaultSecurityLevel", ["securitylevel"] = "defaultSecurityLevel", ["sifat"] = "defaultSecurityLevel",
        ["klasifikasikeamanan"] = "defaultSecurityLevel",
        ["trigger"] = "trigger", ["retentiontrigger"] = "trigger", ["pemicu"] = "trigger", ["pemicuretensi"] = "trigger",
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The format named by a content type or file name, else guessed from the first character.</summary>
    public static SchemeFileFormat DetectFormat(string? contentType, string? fileName, ReadOnlySpan<byte> content)
    {
        if (contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true) return SchemeFileFormat.Json;
        if (fileName?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true) return SchemeFileFormat.Json;
        if (contentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true) return SchemeFileFormat.Csv;
        if (fileName?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true) return SchemeFileFormat.Csv;
        foreach (var b in StripBom(content))
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b is (byte)'[' or (byte)'{' ? SchemeFileFormat.Json : SchemeFileFormat.Csv;
        }
        return SchemeFileFormat.Csv;
    }

    public static ParsedScheme Parse(ReadOnlySpan<byte> content, SchemeFileFormat format)
    {
        content = StripBom(content);
        if (content.Length > MaxBytes)
            return Failed(new ImportError(0, "file", $"Berkas lebih dari {MaxBytes / 1024 / 1024} MB (file larger than {MaxBytes / 1024 / 1024} MB)."));
        if (format == SchemeFileFormat.Json) return ParseJson(content);
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Failed(new ImportError(LineAt(content, FirstInvalidUtf8(content)), "file",
                "Berkas bukan teks UTF-8 yang sah (file is not valid UTF-8 text)."));
        }
        return ParseCsv(text);
    }

    public static ParsedScheme ParseCsv(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var errors = new List<ImportError>();
        var records = ReadRecords(text, DetectSeparator(text), errors);
        if (records.Count == 0)
            return Failed([.. errors, new ImportError(1, "file", "Berkas kosong (the file is empty).")]);

        var (header, headerLine) = (records[0].Fields, records[0].Line);
        var columns = new string?[header.Count];
        for (var i = 0; i < header.Count; i++)
        {
            columns[i] = CanonicalColumn(header[i]);
            if (columns[i] is null)
                errors.Add(new ImportError(headerLine, header[i], $"Kolom tidak dikenal: '{header[i]}' (unknown column); kolom: {string.Join(", ", Columns)}."));
            else if (Array.IndexOf(columns, columns[i]) < i)
                errors.Add(new ImportError(headerLine, columns[i]!, "Kolom ganda (duplicate column)."));
        }
        foreach (var required in RequiredColumns.Where(r => !columns.Contains(r)))
            errors.Add(new ImportError(headerLine, required, $"Kolom {required} tidak ada (required column missing)."));
        if (errors.Count > 0) return Failed(errors);

        var rows = new List<RawRow>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count != header.Count)
            {
                errors.Add(new ImportError(line, "row", $"Baris berisi {fields.Count} kolom, seharusnya {header.Count} (has {fields.Count} columns, expected {header.Count})."));
                continue;
            }
            var values = new Dictionary<string, string?>();
            for (var i = 0; i < fields.Count; i++) values[columns[i]!] = fields[i];
            rows.Add(new RawRow(line, values));
        }
        return Validate(rows, errors);
    }

    private static char DetectSeparator(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c is '\n' or '\r') break;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == ';') semicolons++;
            else if (!quoted && c == '\t') tabs++;
        }
        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }

    /// <summary>The records with the line each starts on; blank lines are skipped, bad quoting is reported.</summary>
    private static List<(int Line, List<string> Fields)> ReadRecords(string text, char separator, List<ImportError> errors)
    {
        var records = new List<(int, List<string>)>();
        using var csv = Sep.New(separator).Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).FromText(text);
        foreach (var row in csv)
        {
            // Sep 0.18 reports the first row's end line as its start line when there is no header.
            var line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
            if (row.ColCount == 1 && row[0].Span.Trim().IsEmpty) continue;
            var fields = new List<string>(row.ColCount);
            var fieldLine = line;
            for (var i = 0; i < row.ColCount; i++)
            {
                var raw = row[i].Span;
                if (!raw.StartsWith('"')) fields.Add(raw.ToString());
                else if (Unquote(raw, out var closedAt) is { } value)
                {
                    fields.Add(value);
                    if (!raw[(closedAt + 1)..].TrimStart(" \t").IsEmpty)
                        errors.Add(new ImportError(fieldLine + raw[..closedAt].Count('\n'), "row", "Teks setelah tanda kutip penutup (text after a closing quote)."));
                }
                else
                {
                    fields.Add(raw[1..].ToString());
                    records.Add((line, fields));
                    errors.Add(new ImportError(fieldLine, "row", "Tanda kutip tidak ditutup (unterminated quoted field)."));
                    return records;
                }
                fieldLine += raw.Count('\n');
            }
            records.Add((line, fields));
        }
        return records;
    }

    /// <summary>
    /// A quoted field's value and where its closing quote is, or null when it has none. Sep's own unescaping reads bad
    /// quoting leniently and says nothing, while a scheme with bad quoting is refused with the line.
    /// </summary>
    private static string? Unquote(ReadOnlySpan<char> raw, out int closedAt)
    {
        for (closedAt = 1; closedAt < raw.Length; closedAt++)
        {
            if (raw[closedAt] != '"') continue;
            if (closedAt + 1 < raw.Length && raw[closedAt + 1] == '"') closedAt++;
            else return raw[1..closedAt].ToString().Replace("\"\"", "\"");
        }
        return null;
    }

    public static ParsedScheme ParseJson(ReadOnlySpan<byte> utf8)
    {
        utf8 = StripBom(utf8);
        var errors = new List<ImportError>();
        var rows = new List<RawRow>();
        var lineStarts = LineStarts(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read()) return Failed(new ImportError(1, "file", "Berkas kosong (the file is empty)."));
            if (reader.TokenType == JsonTokenType.StartObject && !MoveToClasses(ref reader))
                return Failed(new ImportError(1, "classes", "Objek JSON harus berisi larik 'classes' (the JSON object needs a 'classes' array)."));
            if (reader.TokenType != JsonTokenType.StartArray)
                return Failed(new ImportError(LineOf(lineStarts, reader.TokenStartIndex), "file",
                    "JSON harus berupa larik kelas atau { \"classes\": [...] } (expected an array of classes)."));
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var line = LineOf(lineStarts, reader.TokenStartIndex);
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    errors.Add(new ImportError(line, "row", "Setiap kelas harus berupa objek JSON (each class must be a JSON object)."));
                    reader.Skip();
                    continue;
                }
                using var element = JsonDocument.ParseValue(ref reader);
                var values = new Dictionary<string, string?>();
                foreach (var property in element.RootElement.EnumerateObject())
                {
                    var column = CanonicalColumn(property.Name);
                    if (column is null)
                    {
                        errors.Add(new ImportError(line, property.Name, $"Kolom tidak dikenal: '{property.Name}' (unknown field)."));
                        continue;
                    }
                    values[column] = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Number => property.Value.GetRawText(),
                        JsonValueKind.Null => null,
                        _ => "\u0000" + property.Value.ValueKind,
                    };
                    if (values[column]?.StartsWith('\u0000') == true)
                    {
                        errors.Add(new ImportError(line, column, "Nilai harus teks atau angka (value must be a string or a number)."));
                        values[column] = null;
                    }
                }
                rows.Add(new RawRow(line, values));
            }
        }
        catch (JsonException e)
        {
            return Failed([.. errors, new ImportError((int)(e.LineNumber ?? 0) + 1, "file", $"JSON tidak dapat dibaca (unreadable JSON): {e.Message}")]);
        }
        return Validate(rows, errors);
    }

    private static bool MoveToClasses(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isClasses = string.Equals(reader.GetString(), "classes", StringComparison.OrdinalIgnoreCase);
            reader.Read();
            if (isClasses) return true;
            reader.Skip();
        }
        return false;
    }

    private sealed record RawRow(int Line, Dictionary<string, string?> Values)
    {
        public string? this[string column] => Values.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
    }

    private static ParsedScheme Validate(List<RawRow> rows, List<ImportError> errors)
    {
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new ImportError(1, "file", "Berkas tidak berisi kelas (the file holds no classes)."));
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var classes = new List<(ClassificationClass Class, int Line)>();
        var parents = new List<(string Code, string Parent, int Line)>();
        foreach (var row in rows)
        {
            var rowErrors = errors.Count;
            var code = row["code"];
            if (code is null) errors.Add(new ImportError(row.Line, "code", "Kode wajib diisi (code is required)."));
            else if (!ClassificationCode.IsWellFormed(code))
                errors.Add(new ImportError(row.Line, "code",
                    $"Kode '{code}' tidak sah: kelompok pertama 3 angka, berikutnya 1–3 angka dipisah titik, mis. 000.1.2 (malformed code)."));
            else if (lines.TryGetValue(code, out var first))
                errors.Add(new ImportError(row.Line, "code", $"Kode {code} ganda, sudah ada di baris {first} (duplicate code, first on line {first})."));

            var name = row["name"];
            if (name is null) errors.Add(new ImportError(row.Line, "name", "Nama wajib diisi (name is required)."));
            else if (name.Length > 500) errors.Add(new ImportError(row.Line, "name", "Nama paling banyak 500 karakter (at most 500 characters)."));

            var parent = row["parent"];
            var expectedParent = code is not null && ClassificationCode.IsWellFormed(code) ? ClassificationCode.ParentOf(code) : null;
            if (parent is not null && code is not null && ClassificationCode.IsWellFormed(code) && parent != expectedParent)
                errors.Add(new ImportError(row.Line, "parent", expectedParent is null
                    ? $"Kode tingkat teratas {code} tidak punya induk (a top-level code has no parent)."
                    : $"Induk {parent} bukan awalan kode {code}; seharusnya {expectedParent} (the parent must be the code's prefix)."));

            var active = Retention(row, "activeRetentionYears", errors);
            var inactive = Retention(row, "inactiveRetentionYears", errors);

            var finalActionText = row["finalAction"];
            FinalAction? finalAction = null;
            if (finalActionText is null)
                errors.Add(new ImportError(row.Line, "finalAction", "Tindakan akhir wajib diisi: Musnah, Permanen, DinilaiKembali (required)."));
            else if ((finalAction = ParseFinalAction(finalActionText)) is null)
                errors.Add(new ImportError(row.Line, "finalAction",
                    $"Tindakan akhir '{finalActionText}' tidak dikenal; pilih Musnah, Permanen, DinilaiKembali (unknown final action)."));

            var securityText = row["defaultSecurityLevel"];
            SecurityLevel? security = null;
            if (securityText is not null && (security = ParseSecurityLevel(securityText)) is null)
                errors.Add(new ImportError(row.Line, "defaultSecurityLevel",
                    $"Sifat '{securityText}' tidak dikenal; pilih Biasa, Terbatas, Rahasia, SangatRahasia (unknown security level)."));

            var triggerText = row["trigger"];
            RetentionTrigger? trigger = null;
            if (triggerText is not null && (trigger = ParseTrigger(triggerText)) is null)
                errors.Add(new ImportError(row.Line, "trigger",
                    $"Pemicu retensi '{triggerText}' tidak dikenal; pilih ditutup, tidak berlaku, pensiun, diaudit (unknown retention trigger: CaseFileClosed, NoLongerInForce, EmployeeRetired, AuditCompleted)."));

            if (code is not null && ClassificationCode.IsWellFormed(code)) lines.TryAdd(code, row.Line);
            if (expectedParent is not null && (parent is null || parent == expectedParent)) parents.Add((code!, expectedParent, row.Line));
            if (errors.Count == rowErrors)
                classes.Add((new ClassificationClass(code!, name!, expectedParent, active!.Value, inactive!.Value, finalAction!.Value, security, trigger ?? RetentionTrigger.CaseFileClosed), row.Line));
        }

        foreach (var (code, parent, line) in parents)
            if (!lines.ContainsKey(parent))
                errors.Add(new ImportError(line, "parent", $"Induk {parent} dari kode {code} tidak ada di berkas (parent not in the file)."));

        if (errors.Count > 0) return Failed(errors);
        var ordered = classes.Select(c => c.Class).OrderBy(c => c.Code, CodeOrder.Instance).ToList();
        return new ParsedScheme(ordered, lines, []);
    }

    private static int? Retention(RawRow row, string field, List<ImportError> errors)
    {
        var text = row[field];
        if (text is null)
        {
            errors.Add(new ImportError(row.Line, field, $"{field} wajib diisi, dalam tahun (required, in years)."));
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var years))
        {
            errors.Add(new ImportError(row.Line, field, $"{field} '{text}' bukan bilangan bulat tahun (not a whole number of years)."));
            return null;
        }
        if (years is < 0 or > MaxRetentionYears)
        {
            errors.Add(new ImportError(row.Line, field, years < 0
                ? $"{field} tidak boleh negatif (must not be negative)."
                : $"{field} paling banyak {MaxRetentionYears} tahun (at most {MaxRetentionYears} years)."));
            return null;
        }
        return years;
    }

    public static FinalAction? ParseFinalAction(string text) => Squash(text) switch
    {
        "musnah" => FinalAction.Musnah,
        "permanen" => FinalAction.Permanen,
        "dinilaikembali" => FinalAction.DinilaiKembali,
        _ => null,
    };

    /// <summary>A JRA's words for what starts the clock ("setelah berkas ditutup", "setelah tidak berlaku", ...) or the enum names.</summary>
    public static RetentionTrigger? ParseTrigger(string text) => Squash(text) switch
    {
        "casefileclosed" or "ditutup" or "berkasditutup" or "setelahberkasditutup" or "penutupanberkas" => RetentionTrigger.CaseFileClosed,
        "nolongerinforce" or "tidakberlaku" or "setelahtidakberlaku" or "dinyatakantidakberlaku" => RetentionTrigger.NoLongerInForce,
        "employeeretired" or "pensiun" or "setelahpensiun" or "pegawaipensiun" or "setelahpegawaipensiun" => RetentionTrigger.EmployeeRetired,
        "auditcompleted" or "diaudit" or "selesaidiaudit" or "setelahselesaidiaudit" or "setelahdiaudit" => RetentionTrigger.AuditCompleted,
        _ => null,
    };

    public static SecurityLevel? ParseSecurityLevel(string text) => Squash(text) switch
    {
        "biasa" or "b" => SecurityLevel.Biasa,
        "terbatas" or "t" => SecurityLevel.Terbatas,
        "rahasia" or "r" => SecurityLevel.Rahasia,
        "sangatrahasia" or "sr" => SecurityLevel.SangatRahasia,
        _ => null,
    };

    private static string? CanonicalColumn(string name) => Aliases.GetValueOrDefault(Squash(name));

    private static string Squash(string text) =>
        string.Concat(text.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    private static ParsedScheme Failed(params IEnumerable<ImportError> errors) =>
        new([], new Dictionary<string, int>(), errors.OrderBy(e => e.Line).ToList());

    private static ReadOnlySpan<byte> StripBom(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? content[3..] : content;

    private static List<int> LineStarts(ReadOnlySpan<byte> utf8)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
            if (utf8[i] == (byte)'\n') starts.Add(i + 1);
        return starts;
    }

    private static int LineOf(List<int> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch((int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private static int LineAt(ReadOnlySpan<byte> content, int offset) => content[..offset].Count((byte)'\n') + 1;

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> content)
    {
        System.Text.Unicode.Utf8.ToUtf16(content, new char[content.Length], out var read, out _, replaceInvalidSequences: false);
        return read;
    }
}

/// <summary>Orders codes by their numeric groups: 000.2 before 000.10, 100 after 000.9.9.</summary>
public sealed class CodeOrder : IComparer<string>
{
    public static readonly CodeOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = (x ?? "").Split('.');
        var b = (y ?? "").Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var byNumber = (int.TryParse(a[i], out var m) ? m : 0).CompareTo(int.TryParse(b[i], out var n) ? n : 0);
            if (byNumber != 0) return byNumber;
            var byText = string.CompareOrdinal(a[i], b[i]);
            if (byText != 0) return byText;
        }
        return a.Length.CompareTo(b.Length);
    }
}
