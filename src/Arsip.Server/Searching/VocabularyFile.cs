using System.Text;
using Arsip.Search;

namespace Arsip.Searching;

/// <summary>A problem in an uploaded list: the line (1 = the header), the column, the message; a warning does not refuse the file.</summary>
public sealed record VocabularyLineError(int Line, string Field, string Message, bool Warning = false);

public sealed record ParsedVocabulary(IReadOnlyList<ExpansionEntry> Entries, IReadOnlyList<int> Lines, IReadOnlyList<VocabularyLineError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// An agency's acronym list as CSV (UTF-8, <c>,</c> <c>;</c> or tab, detected from the header): columns
/// <c>akronim</c> (acronym, singkatan), <c>kepanjangan</c> (expansion) and optionally <c>sumber</c> (source).
/// Malformed text is an error with its line; the rules (<see cref="ExpansionRules"/>) are checked separately.
/// </summary>
public static class VocabularyFile
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["akronim"] = "akronim", ["acronym"] = "akronim", ["singkatan"] = "akronim", ["short"] = "akronim",
        ["kepanjangan"] = "kepanjangan", ["expansion"] = "kepanjangan", ["long"] = "kepanjangan", ["sinonim"] = "kepanjangan",
        ["sumber"] = "sumber", ["source"] = "sumber",
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ParsedVocabulary Parse(byte[] content)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Failed(new VocabularyLineError(0, "file", "Berkas bukan teks UTF-8 yang sah (file is not valid UTF-8 text)."));
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = text.Split('\n');
        var headerIndex = Array.FindIndex(lines, l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
        if (headerIndex < 0) return Failed(new VocabularyLineError(1, "file", "Berkas kosong (the file is empty)."));

        var header = lines[headerIndex].TrimEnd('\r');
        var separator = header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : header.Contains('\t') ? '\t' : ',';
        var errors = new List<VocabularyLineError>();
        var columns = Split(header, separator, headerIndex + 1, errors)?.Select(c => Aliases.GetValueOrDefault(c.Trim())).ToList() ?? [];
        foreach (var required in new[] { "akronim", "kepanjangan" }.Where(r => !columns.Contains(r)))
            errors.Add(new VocabularyLineError(headerIndex + 1, required,
                $"Kolom {required} tidak ada (required column missing); kolom: akronim, kepanjangan, sumber."));
        if (errors.Count > 0) return Failed([.. errors]);

        var entries = new List<ExpansionEntry>();
        var entryLines = new List<int>();
        for (var i = headerIndex + 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            if (Split(line, separator, i + 1, errors) is not { } fields) continue;
            if (fields.Count != columns.Count)
            {
                errors.Add(new VocabularyLineError(i + 1, "row",
                    $"Baris berisi {fields.Count} kolom, seharusnya {columns.Count} (has {fields.Count} columns, expected {columns.Count})."));
                continue;
            }
            string? Field(string name) => columns.IndexOf(name) is >= 0 and var at ? fields[at].Trim() : null;
            entries.Add(new ExpansionEntry(Field("akronim") ?? "", Field("kepanjangan") ?? "", Field("sumber") is { Length: > 0 } source ? source : null));
            entryLines.Add(i + 1);
        }
        return new ParsedVocabulary(entries, entryLines, errors);
    }

    /// <summary>The rules' problems with the line each entry came from.</summary>
    public static IReadOnlyList<VocabularyLineError> Check(ParsedVocabulary parsed) =>
        ExpansionRules.Check(parsed.Entries)
            .Select(p => new VocabularyLineError(p.Index < parsed.Lines.Count ? parsed.Lines[p.Index] : 0, p.Field, p.Message, p.Warning)).ToList();

    /// <summary>One line's fields; a quoted field may hold the separator and doubled quotes.</summary>
    private static List<string>? Split(string line, char separator, int lineNumber, List<VocabularyLineError> errors)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        errors.Add(new VocabularyLineError(lineNumber, "row", "Tanda kutip tidak ditutup (unterminated quoted field)."));
                        return null;
                    }
                    if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    if (line[i] == '"') { i++; break; }
                    field.Append(line[i++]);
                }
                while (i < line.Length && line[i] is ' ' or '\t' && line[i] != separator) i++;
                if (i < line.Length && line[i] != separator)
                {
                    errors.Add(new VocabularyLineError(lineNumber, "row", "Teks setelah tanda kutip penutup (text after a closing quote)."));
                    return null;
                }
            }
            else
            {
                while (i < line.Length && line[i] != separator) field.Append(line[i++]);
            }
            fields.Add(field.ToString());
            if (i >= line.Length) return fields;
            i++; // the separator
        }
    }

    private static ParsedVocabulary Failed(params VocabularyLineError[] errors) => new([], [], errors);
}
