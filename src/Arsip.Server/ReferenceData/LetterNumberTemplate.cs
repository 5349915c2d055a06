using System.Globalization;
using System.Text;
using Arsip.Correspondence;

namespace Arsip.ReferenceData;

public enum SequenceScope
{
    Agency,
    /// <summary>The template must then show {unit}.</summary>
    Unit,
}

public sealed record LetterNumberParts(string Classification, int Sequence, string? UnitCode, DateOnly Date, SecurityLevel SecurityLevel);

public abstract record TemplatePart;
public sealed record LiteralPart(string Text) : TemplatePart;
public sealed record PlaceholderPart(string Name) : TemplatePart;

/// <summary>What a number written with a template says: its parts as found (null where the template has no such part).</summary>
public sealed record LetterNumberReading(int Sequence, string? Classification, string? UnitCode, int? Year);

public sealed record TemplateParseResult(LetterNumberTemplate? Template, IReadOnlyList<string> Errors);

/// <summary>E.g. {classification}/{sequence}/{unit}/{year} (800.1.11.1/123/Setda/2026) or {securityPrefix}-{sequence}/IJ/{classification}/{month}/{year}.</summary>
public sealed class LetterNumberTemplate
{
    public const int MaxLength = 200;
    public const string Classification = "classification", Sequence = "sequence", Unit = "unit", Month = "month",
        RomanMonthName = "romanMonth", Year = "year", SecurityPrefixName = "securityPrefix";

    public static readonly IReadOnlyList<string> Placeholders = [Classification, Sequence, Unit, Month, RomanMonthName, Year, SecurityPrefixName];

    private static readonly string[] Romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];

    private LetterNumberTemplate(string text, IReadOnlyList<TemplatePart> parts) => (Text, Parts) = (text, parts);

    public string Text { get; }
    public IReadOnlyList<TemplatePart> Parts { get; }

    public bool Uses(string placeholder) => Parts.Any(p => p is PlaceholderPart { Name: var n } && n == placeholder);

    public static TemplateParseResult Parse(string? text)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return new(null, ["Templat wajib diisi (template is required)."]);
        if (text.Length > MaxLength) errors.Add($"Templat paling banyak {MaxLength} karakter (at most {MaxLength} characters).");
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                errors.Add($"Karakter kendali pada posisi {i + 1} (control character at position {i + 1}).");
                continue;
            }
            if (c == '}')
            {
                errors.Add($"'}}' tanpa '{{' pada posisi {i + 1} (unbalanced braces: '}}' without '{{' at position {i + 1}).");
                continue;
            }
            if (c != '{')
            {
                literal.Append(c);
                continue;
            }
            var close = text.IndexOfAny(['{', '}'], i + 1);
            if (close < 0 || text[close] == '{')
            {
                errors.Add($"'{{' pada posisi {i + 1} tidak ditutup (unbalanced braces: '{{' at position {i + 1} is not closed).");
                continue;
            }
            var name = text[(i + 1)..close];
            var known = Placeholders.FirstOrDefault(p => p.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null)
                errors.Add($"Bagian tidak dikenal {{{name}}}; pilih {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))} (unknown placeholder).");
            else
            {
                if (literal.Length > 0) parts.Add(new LiteralPart(literal.ToString()));
                literal.Clear();
                parts.Add(new PlaceholderPart(known));
            }
            i = close;
        }
        if (literal.Length > 0) parts.Add(new LiteralPart(literal.ToString()));

        var sequences = parts.Count(p => p is PlaceholderPart { Name: Sequence });
        if (sequences == 0) errors.Add("Templat harus memuat {sequence} (the template must contain {sequence}).");
        if (sequences > 1) errors.Add("{sequence} hanya boleh sekali (only one {sequence}).");
        return errors.Count > 0 ? new(null, errors) : new(new LetterNumberTemplate(text, parts), []);
    }

    public string Format(LetterNumberParts parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts.Sequence, 1);
        var number = new StringBuilder();
        foreach (var part in Parts)
            number.Append(part switch
            {
                LiteralPart l => l.Text,
                PlaceholderPart { Name: Classification } => parts.Classification,
                PlaceholderPart { Name: Sequence } => parts.Sequence.ToString(CultureInfo.InvariantCulture),
                PlaceholderPart { Name: Unit } => string.IsNullOrWhiteSpace(parts.UnitCode)
                    ? throw new ArgumentException("Templat memerlukan kode unit (the template needs a unit code).", nameof(parts))
                    : parts.UnitCode,
                PlaceholderPart { Name: Month } => parts.Date.Month.ToString("00", CultureInfo.InvariantCulture),
                PlaceholderPart { Name: RomanMonthName } => RomanMonth(parts.Date.Month),
                PlaceholderPart { Name: Year } => parts.Date.Year.ToString(CultureInfo.InvariantCulture),
                PlaceholderPart { Name: SecurityPrefixName } => SecurityPrefix(parts.SecurityLevel),
                _ => throw new InvalidOperationException($"Unhandled part {part}"),
            });
        return number.ToString();
    }

    /// <summary>Reads a number back into its parts (the inverse of <see cref="Format"/>): null when the number was not written with this
    /// template. Case, spaces around separators and zero-padded sequences (005) are accepted, as registers typed by hand have them.</summary>
    public LetterNumberReading? Read(string number)
    {
        System.Text.RegularExpressions.Match match;
        try
        {
            match = (_reader ??= BuildReader()).Match(number.Trim());
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return null;
        }
        if (!match.Success) return null;
        string? Group(string name) => match.Groups[name].Success ? match.Groups[name].Value : null;
        if (!int.TryParse(Group(Sequence), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1) return null;
        var year = Group(Year) is { } y ? int.Parse(y, CultureInfo.InvariantCulture) : (int?)null;
        return new LetterNumberReading(sequence, Group(Classification), Group(Unit)?.Trim(), year);
    }

    private System.Text.RegularExpressions.Regex? _reader;

    private System.Text.RegularExpressions.Regex BuildReader()
    {
        var pattern = new StringBuilder("^");
        var seen = new HashSet<string>();
        foreach (var part in Parts)
            pattern.Append(part switch
            {
                // registers typed by hand put spaces around the separators (000.5 / 15 / Setda / 2026)
                LiteralPart l => $@"\s*{System.Text.RegularExpressions.Regex.Escape(l.Text.Trim())}\s*",
                // a part written twice must say the same both times
                PlaceholderPart { Name: var n } when !seen.Add(n) => $@"\k<{n}>",
                PlaceholderPart { Name: Classification } => $@"(?<{Classification}>\d+(?:\.\d+)*)",
                PlaceholderPart { Name: Sequence } => $@"0*(?<{Sequence}>\d{{1,9}})",
                PlaceholderPart { Name: Unit } => $@"(?<{Unit}>[^/]+?)",
                PlaceholderPart { Name: Month } => $@"(?<{Month}>0?[1-9]|1[0-2])",
                PlaceholderPart { Name: RomanMonthName } => $@"(?<{RomanMonthName}>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)",
                PlaceholderPart { Name: Year } => $@"(?<{Year}>\d{{4}})",
                PlaceholderPart { Name: SecurityPrefixName } => $@"(?<{SecurityPrefixName}>SR|R|B|T)",
                _ => throw new InvalidOperationException($"Unhandled part {part}"),
            });
        return new(pattern.Append('$').ToString(),
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100));
    }

    public static string SequenceName(string kind, SequenceScope scope, string? unitCode) => scope switch
    {
        SequenceScope.Unit when string.IsNullOrWhiteSpace(unitCode) =>
            throw new ArgumentException("Urutan per unit memerlukan kode unit (a per-unit sequence needs a unit code).", nameof(unitCode)),
        SequenceScope.Unit => $"letter:{kind}:{unitCode}",
        _ => $"letter:{kind}",
    };

    public static string RomanMonth(int month) => Romans[month - 1];

    /// <summary>B for Biasa and Terbatas, R for Rahasia, SR for Sangat Rahasia.</summary>
    public static string SecurityPrefix(SecurityLevel level) => level switch
    {
        SecurityLevel.Rahasia => "R",
        SecurityLevel.SangatRahasia => "SR",
        _ => "B",
    };
}

/// <summary>Jenis naskah dinas (Permendagri 1/2023) that get numbers, by their URL slug.</summary>
public static class NaskahKinds
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["surat-dinas"] = "Surat Dinas",
        ["nota-dinas"] = "Nota Dinas",
        ["memo"] = "Memo",
        ["surat-undangan"] = "Surat Undangan",
        ["surat-edaran"] = "Surat Edaran",
        ["surat-keputusan"] = "Surat Keputusan",
        ["surat-perintah"] = "Surat Perintah",
        ["surat-tugas"] = "Surat Tugas",
        ["instruksi"] = "Instruksi",
        ["berita-acara"] = "Berita Acara",
        ["surat-keterangan"] = "Surat Keterangan",
        ["surat-pengantar"] = "Surat Pengantar",
        ["surat-kuasa"] = "Surat Kuasa",
        ["pengumuman"] = "Pengumuman",
        ["laporan"] = "Laporan",
        ["telaahan-staf"] = "Telaahan Staf",
        ["notula"] = "Notula",
        ["perjanjian"] = "Perjanjian",
        ["rekomendasi"] = "Rekomendasi",
    };
}
