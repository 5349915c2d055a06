using System.Globalization;
using Arsip.Organization;
using Arsip.ReferenceData;
using Column = Arsip.Correspondence.RegisterColumn;

namespace Arsip.Correspondence;

/// <summary>A row of an old buku agenda surat keluar as the file says it (the number not yet read against the agency's templates).</summary>
public sealed record LegacyOutgoingRow(
    int Line,
    string LetterNumber,
    DateOnly LetterDate,
    DateOnly? SentOn,
    string[] Addressees,
    string Subject,
    string? Classification,
    LetterKind Kind,
    string? UnitCode,
    string? Signatory,
    string? Attachments,
    string? Remarks,
    SecurityLevel SecurityLevel,
    Urgency Urgency,
    string? Scan = null);

public sealed record OutgoingRegisterParse(IReadOnlyList<LegacyOutgoingRow> Rows, IReadOnlyList<LineError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>A row with its number read: the counter it belongs to (<see cref="Counter"/>, null for a number the templates do not read), its
/// sequence and year, its classification, and the unit and position it names.</summary>
public sealed record ResolvedOutgoingRow(LegacyOutgoingRow Row, string Classification, int? Sequence, int Year, string? Counter, Guid? UnitId, Position? Signatory)
{
    public int Line => Row.Line;
}

/// <summary>Errors refuse the file; notices are said in the preview and do not (a number of an earlier year kept as written).</summary>
public sealed record OutgoingResolution(IReadOnlyList<ResolvedOutgoingRow> Rows, IReadOnlyList<LineError> Errors, IReadOnlyList<LineError> Notices);

/// <summary>The outgoing agenda book (buku agenda surat keluar): number, letter date, addressee(s), subject are required; the classification
/// may come from the number. Each row becomes a letter in the outgoing workflow's end state (signed on paper, sent), its number the
/// register's own; the number templates' counters move past the imported numbers.</summary>
public static class LegacyOutgoingRegister
{
    public static readonly RegisterColumn[] Columns =
        [Column.Number, Column.LetterDate, Column.Addressee, Column.Subject, Column.Classification, Column.NaskahKind, Column.Unit, Column.SentOn,
         Column.Signatory, Column.Attachments, Column.Remarks, Column.Security, Column.Urgency, Column.Scan];

    public static readonly RegisterColumn[] Required = [Column.Number, Column.LetterDate, Column.Addressee, Column.Subject];

    public static OutgoingRegisterParse Parse(TextReader reader, DateOnly today)
    {
        var table = LegacyRegister.ReadCsv(reader);
        if (table is null) return new([], [new(1, "Berkas kosong (the file is empty).")]);
        return Parse(table, LegacyRegister.GuessMapping(table.Headers, RegisterKind.Outgoing), today);
    }

    /// <summary>Each row on its own (dates, lengths, the kind of naskah); numbers repeated in the file are found when they are read
    /// (<see cref="Resolve"/>), since two spellings of one number are one number.</summary>
    public static OutgoingRegisterParse Parse(RegisterTable table, IReadOnlyDictionary<RegisterColumn, int> mapping, DateOnly today)
    {
        var columns = mapping.Where(m => m.Value >= 0 && m.Value < table.Headers.Count && Columns.Contains(m.Key)).ToDictionary(m => m.Key, m => m.Value);
        var missing = Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            return new([], [new(1, $"Kolom wajib tidak ada (missing columns): {string.Join(", ", missing.Select(LegacyRegister.Label))}. Kolom yang terbaca (found): {string.Join(", ", table.Headers)}")]);
        var errors = new List<LineError>();
        var rows = new List<LegacyOutgoingRow>();
        foreach (var (line, fields) in table.Rows)
        {
            if (errors.Count >= LegacyRegister.MaxErrors) break;
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            if (ParseRow(line, fields, columns, today, errors) is { } row) rows.Add(row);
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new(2, "Tidak ada baris surat (no letters in the file)."));
        return new(rows, errors);
    }

    private static LegacyOutgoingRow? ParseRow(int line, string[] fields, Dictionary<Column, int> columns, DateOnly today, List<LineError> errors)
    {
        var before = errors.Count;
        string? Text(Column column) =>
            columns.TryGetValue(column, out var i) && i < fields.Length && !string.IsNullOrWhiteSpace(fields[i]) ? LegacyRegister.Collapse(fields[i]) : null;
        string Mandatory(Column column, int max)
        {
            var value = Text(column);
            if (value is null) errors.Add(new(line, $"{LegacyRegister.Label(column)} wajib diisi (required)."));
            else if (value.Length > max) errors.Add(new(line, $"{LegacyRegister.Label(column)} paling banyak {max} karakter (at most {max} characters)."));
            return value ?? "";
        }
        DateOnly? Date(Column column, bool required)
        {
            var value = Text(column);
            if (value is null)
            {
                if (required) errors.Add(new(line, $"{LegacyRegister.Label(column)} wajib diisi (required)."));
                return null;
            }
            if (!DateOnly.TryParseExact(value, LegacyRegister.DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new(line, $"{LegacyRegister.Label(column)} '{value}' bukan tanggal, mis. 23/11/2026 (not a date, e.g. 23/11/2026)."));
                return null;
            }
            if (date > today) errors.Add(new(line, $"{LegacyRegister.Label(column)} {date:dd/MM/yyyy} di masa depan (in the future)."));
            return date;
        }

        if (fields.Length <= Required.Max(c => columns[c]))
        {
            errors.Add(new(line, $"Hanya {fields.Length} kolom (only {fields.Length} columns)."));
            return null;
        }
        var number = Mandatory(Column.Number, 100);
        var letterDate = Date(Column.LetterDate, required: true);
        var sentOn = Date(Column.SentOn, required: false);
        if (letterDate is { } dated && sentOn is { } sent && sent < dated)
            errors.Add(new(line, "Tanggal kirim sebelum tanggal surat (sent before the letter was dated)."));
        var addressees = Mandatory(Column.Addressee, 3000).Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addressees.Length > 50) errors.Add(new(line, "Tujuan paling banyak 50 (at most 50 addressees)."));
        if (addressees.FirstOrDefault(a => a.Length > 300) is not null) errors.Add(new(line, "Satu tujuan paling banyak 300 karakter (at most 300 characters each)."));
        var subject = Mandatory(Column.Subject, 1000);
        var classification = Text(Column.Classification);
        if (classification is not null && !ClassificationCode.IsWellFormed(classification))
            errors.Add(new(line, $"Kode klasifikasi '{classification}' harus angka bertitik, mis. 000.1.2 (dotted digits)."));
        var kind = KindOf(Text(Column.NaskahKind));
        if (kind is null)
            errors.Add(new(line, $"Jenis naskah '{Text(Column.NaskahKind)}' tidak dikenal: {string.Join(", ", Enum.GetValues<LetterKind>().Select(LetterNumbers.Slug))}."));
        var unit = Text(Column.Unit);
        if (unit?.Length > 50) errors.Add(new(line, "Unit pengolah paling banyak 50 karakter (at most 50 characters)."));
        var signatory = Text(Column.Signatory);
        if (signatory?.Length > 300) errors.Add(new(line, "Penandatangan paling banyak 300 karakter (at most 300 characters)."));
        var attachments = Text(Column.Attachments);
        if (attachments?.Length > 300) errors.Add(new(line, "Lampiran paling banyak 300 karakter (at most 300 characters)."));
        var remarks = Text(Column.Remarks);
        if (remarks?.Length > 1500) errors.Add(new(line, "Keterangan paling banyak 1500 karakter (at most 1500 characters)."));
        var security = LegacyRegister.SecurityOf(Text(Column.Security));
        if (security is null) errors.Add(new(line, $"Sifat '{Text(Column.Security)}' tidak dikenal: Biasa, Terbatas, Rahasia, Sangat Rahasia (or B, T, R, SR)."));
        var urgency = LegacyRegister.UrgencyOf(Text(Column.Urgency));
        if (urgency is null) errors.Add(new(line, $"Derajat '{Text(Column.Urgency)}' tidak dikenal: Biasa, Segera, Sangat Segera/Kilat."));

        return errors.Count > before ? null : new LegacyOutgoingRow(line, number, letterDate!.Value, sentOn, addressees, subject, classification,
            kind!.Value, unit, signatory, attachments, remarks, security!.Value, urgency!.Value, Text(Column.Scan));
    }

    /// <summary>Surat Dinas when the register has no kind column (most outgoing books are of surat dinas); else the kind by its name or slug.</summary>
    public static LetterKind? KindOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return LetterKind.SuratDinas;
        var name = LegacyRegister.Normalize(text);
        return Enum.GetValues<LetterKind>().Cast<LetterKind?>().FirstOrDefault(k => LegacyRegister.Normalize(k!.Value.ToString()) == name);
    }

    /// <summary>Reads each number with the agency's template for its kind, as <see cref="LetterNumbers.IssueAsync"/> writes them: the counter
    /// (per kind, and per signing unit where the template says so) and year it moves. A number the template does not read is refused when
    /// dated in the current year (the year's counter must continue after it, and cannot know where), and kept as written for an earlier year
    /// (that year's counter no longer numbers letters; the register's number is the record's identity and is not rewritten): a notice.
    /// A number repeated in the file, as written or as a counter's sequence, is refused with its row.</summary>
    public static OutgoingResolution Resolve(IReadOnlyList<LegacyOutgoingRow> rows, LetterNumberTemplatesView? templates, IReadOnlyList<Unit> units,
        IReadOnlyList<Position> positions, int currentYear)
    {
        var errors = new List<LineError>();
        var notices = new List<LineError>();
        var resolved = new List<ResolvedOutgoingRow>();
        var unitsByCode = units.Where(u => u.Code.Length > 0).GroupBy(u => u.Code.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var positionsByTitle = positions.GroupBy(p => p.Title.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var byText = new Dictionary<string, int>(StringComparer.Ordinal);
        var bySequence = new Dictionary<(string Counter, int Year, int Sequence), int>();
        foreach (var row in rows)
        {
            if (errors.Count >= LegacyRegister.MaxErrors) break;
            var before = errors.Count;
            var (reading, counter) = Read(row.Kind, row.LetterNumber, row.UnitCode, templates);
            Unit? unit = null;
            if (row.UnitCode is { } code && !unitsByCode.TryGetValue(code, out unit))
                errors.Add(new(row.Line, $"Unit pengolah '{code}' tidak ada di instansi ini; kode unit: {string.Join(", ", unitsByCode.Keys.Order().Take(20))} (unknown unit code)."));
            unit ??= reading?.UnitCode is { } numbered ? unitsByCode.GetValueOrDefault(numbered) : null;
            var year = reading?.Year ?? row.LetterDate.Year;
            if (reading is null)
            {
                if (row.LetterDate.Year >= currentYear)
                    errors.Add(new(row.Line, $"Nomor surat '{row.LetterNumber}' tidak sesuai templat nomor {LetterNumbers.Slug(row.Kind)} ({TemplateOf(row.Kind, templates).Text}); " +
                        "nomor tahun ini harus terbaca agar penomoran berlanjut sesudahnya (this year's numbers must follow the agency's template so numbering continues after them)."));
                else
                    notices.Add(new(row.Line, $"Nomor surat '{row.LetterNumber}' tidak sesuai templat; diimpor apa adanya, penghitung nomor {row.LetterDate.Year} tidak diubah (kept as written; the counter is not moved)."));
            }
            else if (reading.Year is { } numberYear && numberYear != row.LetterDate.Year)
                errors.Add(new(row.Line, $"Tahun pada nomor ({numberYear}) berbeda dengan tanggal surat {row.LetterDate:dd/MM/yyyy} (the number's year differs from the letter date)."));
            var classification = row.Classification ?? reading?.Classification;
            if (classification is null)
                errors.Add(new(row.Line, "Kode klasifikasi wajib diisi: kolomnya kosong dan nomor surat tidak memuatnya (the classification is required: no column and not in the number)."));
            var text = NumberKey(row.LetterNumber);
            if (byText.TryGetValue(text, out var first))
                errors.Add(new(row.Line, $"Nomor surat {row.LetterNumber} sudah ada di baris {first} (letter number repeated, first on line {first})."));
            else if (reading is not null && bySequence.TryGetValue((counter!, year, reading.Sequence), out var same))
                errors.Add(new(row.Line, $"Nomor urut {reading.Sequence}/{year} ({counter}) sudah dipakai di baris {same} (sequence repeated, first on line {same})."));
            if (errors.Count > before) continue;
            byText[text] = row.Line;
            if (reading is not null) bySequence[(counter!, year, reading.Sequence)] = row.Line;
            resolved.Add(new ResolvedOutgoingRow(row, classification!, reading?.Sequence, year, reading is null ? null : counter, unit?.Id,
                row.Signatory is { } s ? positionsByTitle.GetValueOrDefault(s) : null));
        }
        return new(resolved, errors, notices);
    }

    /// <summary>The number's parts and its counter's name (<see cref="LetterNumberTemplate.SequenceName"/>), as the template reads them.</summary>
    public static (LetterNumberReading? Reading, string? Counter) Read(LetterKind kind, string number, string? unitCode, LetterNumberTemplatesView? templates)
    {
        var slug = LetterNumbers.Slug(kind);
        var entry = templates?.Templates.GetValueOrDefault(slug);
        if (TemplateOf(kind, templates).Read(number) is not { } reading) return (null, null);
        var unit = reading.UnitCode ?? unitCode;
        var scope = entry?.SequenceScope == SequenceScope.Unit && !string.IsNullOrWhiteSpace(unit) ? SequenceScope.Unit : SequenceScope.Agency;
        return (reading, LetterNumberTemplate.SequenceName(slug, scope, unit));
    }

    private static LetterNumberTemplate TemplateOf(LetterKind kind, LetterNumberTemplatesView? templates) =>
        templates?.Templates.GetValueOrDefault(LetterNumbers.Slug(kind)) is { } entry && LetterNumberTemplate.Parse(entry.Template).Template is { } template
            ? template
            : LetterNumbers.Default;

    /// <summary>One number however it was typed: case and spaces ignored.</summary>
    public static string NumberKey(string number) => string.Concat(number.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>Numbers the agency already has (issued, reserved or imported): as written, or as a counter's sequence in that year.</summary>
    public static async Task<List<LineError>> TakenAsync(IQuerySession session, IReadOnlyList<ResolvedOutgoingRow> rows, LetterNumberTemplatesView? templates, CancellationToken ct)
    {
        var years = rows.Select(r => r.Year).Concat(rows.Select(r => r.Row.LetterDate.Year)).Distinct().ToArray();
        var existing = await session.Query<OutgoingLetterView>()
            .Where(v => v.LetterNumber != null && v.LetterDate != null)
            .Select(v => new { v.LetterNumber, v.LetterDate, v.Sequence, v.Content.Kind })
            .ToListAsync(ct);
        var texts = existing.Select(v => NumberKey(v.LetterNumber!)).ToHashSet(StringComparer.Ordinal);
        var sequences = existing.Where(v => v.Sequence is not null && years.Contains(v.LetterDate!.Value.Year))
            .Select(v => (Letter: v, Read: Read(v.Kind, v.LetterNumber!, null, templates)))
            .Where(v => v.Read.Counter is not null)
            .Select(v => (v.Read.Counter!, v.Read.Reading!.Year ?? v.Letter.LetterDate!.Value.Year, v.Letter.Sequence!.Value))
            .ToHashSet();
        return rows.Where(r => texts.Contains(NumberKey(r.Row.LetterNumber)) || (r.Counter is not null && sequences.Contains((r.Counter, r.Year, r.Sequence!.Value))))
            .Take(LegacyRegister.MaxErrors)
            .Select(r => new LineError(r.Line, texts.Contains(NumberKey(r.Row.LetterNumber))
                ? $"Nomor surat {r.Row.LetterNumber} sudah ada di instansi ini (letter number already exists)."
                : $"Nomor urut {r.Sequence}/{r.Year} ({r.Counter}) sudah dipakai surat lain di instansi ini (sequence already used by another letter)."))
            .ToList();
    }

    /// <summary>The letter of an imported row: signed on paper and sent, attributed to the importer, naming the import run.</summary>
    public static OutgoingLetterImported ToEvent(ResolvedOutgoingRow resolved, Guid id, Guid importId, Caller? importer, string source, DateTimeOffset now)
    {
        var row = resolved.Row;
        var content = new LetterContent(row.Kind, resolved.Classification, row.SecurityLevel, row.Urgency, row.Subject, "", row.Attachments,
            row.Addressees.Select(a => new Addressee(a)).ToArray(), []);
        return new OutgoingLetterImported(id, content, row.LetterNumber, resolved.Sequence, resolved.Year, row.LetterDate, row.SentOn ?? row.LetterDate,
            resolved.Signatory?.Id ?? Guid.Empty, row.Signatory, resolved.UnitId ?? (importer is { Units.Count: > 0 } ? importer.Units[0] : null), row.Remarks,
            importId, source, row.Line, importer?.PersonId ?? Guid.Empty, importer?.Name ?? "Impor register lama", now);
    }
}
