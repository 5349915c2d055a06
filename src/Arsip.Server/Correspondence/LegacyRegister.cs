using System.Globalization;
using Arsip.Organization;
using nietras.SeparatedValues;
using Column = Arsip.Correspondence.RegisterColumn;

namespace Arsip.Correspondence;

public sealed record LegacyRegisterRow(
    int Line,
    int AgendaNumber,
    DateOnly ReceivedOn,
    string Sender,
    DateOnly LetterDate,
    string SenderLetterNumber,
    string Subject,
    string? Attachments,
    string? ForwardedTo,
    string? Remarks,
    string Classification,
    SecurityLevel SecurityLevel,
    Urgency Urgency,
    string? Scan = null)
{
    public int AgendaYear => ReceivedOn.Year;
}

public sealed record LineError(int Line, string Message)
{
    public override string ToString() => $"baris {Line}: {Message}";
}

public sealed record LegacyRegisterParse(IReadOnlyList<LegacyRegisterRow> Rows, IReadOnlyList<LineError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>The register as read from its file (CSV or XLSX): the header row's cells and every later row with the line it starts on.</summary>
public sealed record RegisterTable(IReadOnlyList<string> Headers, IReadOnlyList<(int Line, string[] Fields)> Rows);

/// <summary>The columns a legacy register can have; <see cref="Scan"/> names the row's scan in the ZIP. The last five are the outgoing
/// register's own (buku agenda surat keluar: <see cref="LegacyOutgoingRegister"/>).</summary>
public enum RegisterColumn { Agenda, Received, Sender, LetterDate, Number, Subject, Attachments, ForwardedTo, Remarks, Classification, Security, Urgency, Scan,
    Addressee, SentOn, NaskahKind, Unit, Signatory }

/// <summary>Which agenda book a register is: surat masuk or surat keluar.</summary>
public enum RegisterKind { Incoming, Outgoing }

/// <summary>Excel in Indonesian locales writes semicolons; a file with any problem is refused whole.</summary>
public static class LegacyRegister
{
    public const int MaxErrors = 200;

    public static readonly string[] DateFormats = ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-M-d", "yyyy/M/d"];

    private static readonly Dictionary<string, Column> Headers = new()
    {
        ["noagenda"] = Column.Agenda, ["nomoragenda"] = Column.Agenda, ["agenda"] = Column.Agenda, ["no"] = Column.Agenda,
        ["tanggalterima"] = Column.Received, ["tglterima"] = Column.Received, ["tanggalditerima"] = Column.Received, ["diterima"] = Column.Received,
        ["pengirim"] = Column.Sender, ["asalsurat"] = Column.Sender, ["dari"] = Column.Sender,
        ["tanggalsurat"] = Column.LetterDate, ["tglsurat"] = Column.LetterDate,
        ["nomorsurat"] = Column.Number, ["nosurat"] = Column.Number,
        ["perihal"] = Column.Subject, ["hal"] = Column.Subject, ["isiringkas"] = Column.Subject,
        ["lampiran"] = Column.Attachments,
        ["diteruskankepada"] = Column.ForwardedTo, ["diteruskan"] = Column.ForwardedTo, ["disposisikepada"] = Column.ForwardedTo,
        ["keterangan"] = Column.Remarks, ["ket"] = Column.Remarks,
        ["kodeklasifikasi"] = Column.Classification, ["klasifikasi"] = Column.Classification,
        ["sifat"] = Column.Security,
        ["derajat"] = Column.Urgency, ["derajatkecepatan"] = Column.Urgency,
        ["tujuan"] = Column.Addressee, ["kepada"] = Column.Addressee, ["yth"] = Column.Addressee, ["alamattujuan"] = Column.Addressee,
        ["tujuansurat"] = Column.Addressee, ["penerima"] = Column.Addressee, ["dikirimkepada"] = Column.Addressee,
        ["tanggalkirim"] = Column.SentOn, ["tglkirim"] = Column.SentOn, ["tanggaldikirim"] = Column.SentOn, ["dikirim"] = Column.SentOn,
        ["jenis"] = Column.NaskahKind, ["jenisnaskah"] = Column.NaskahKind, ["jenissurat"] = Column.NaskahKind, ["jenisnaskahdinas"] = Column.NaskahKind,
        ["unit"] = Column.Unit, ["unitkerja"] = Column.Unit, ["unitpengolah"] = Column.Unit, ["pengolah"] = Column.Unit, ["kodeunit"] = Column.Unit,
        ["penandatangan"] = Column.Signatory, ["ditandatanganioleh"] = Column.Signatory,
        ["pindaian"] = Column.Scan, ["berkaspindaian"] = Column.Scan, ["scan"] = Column.Scan, ["berkas"] = Column.Scan, ["namaberkas"] = Column.Scan,
    };

    public static readonly RegisterColumn[] Required = [Column.Agenda, Column.Received, Column.Sender, Column.LetterDate, Column.Number, Column.Subject];

    /// <summary>The CLI's path: a CSV read whole, the columns guessed from its header.</summary>
    public static LegacyRegisterParse Parse(TextReader reader, DateOnly today)
    {
        var table = ReadCsv(reader);
        if (table is null) return new([], [new(1, "Berkas kosong (the file is empty).")]);
        return Parse(table, GuessMapping(table.Headers), today);
    }

    /// <summary>A CSV's header and rows; null when there is no header row.</summary>
    public static RegisterTable? ReadCsv(TextReader reader)
    {
        var header = reader.ReadLine();
        var headerLine = 1;
        while (header is not null && string.IsNullOrWhiteSpace(header)) { header = reader.ReadLine(); headerLine++; }
        if (header is null) return null;
        var delimiter = DelimiterOf(header);
        var names = ReadRecords(new StringReader(header), delimiter, headerLine).First().Fields;
        return new RegisterTable(names, ReadRecords(reader, delimiter, headerLine + 1).ToList());
    }

    /// <summary>Each known column at the first header that names it (case, spaces and punctuation ignored).</summary>
    public static Dictionary<RegisterColumn, int> GuessMapping(IReadOnlyList<string> headers, RegisterKind kind = RegisterKind.Incoming)
    {
        var columns = new Dictionary<Column, int>();
        var allowed = ColumnsOf(kind);
        for (var i = 0; i < headers.Count; i++)
            if (Headers.TryGetValue(Normalize(headers[i]), out var column) && allowed.Contains(column) && !columns.ContainsKey(column)) columns[column] = i;
        return columns;
    }

    public static readonly RegisterColumn[] IncomingColumns =
        [Column.Agenda, Column.Received, Column.Sender, Column.LetterDate, Column.Number, Column.Subject, Column.Attachments, Column.ForwardedTo,
         Column.Remarks, Column.Classification, Column.Security, Column.Urgency, Column.Scan];

    /// <summary>The columns a register of this kind is read with (the page's mapping offers these).</summary>
    public static RegisterColumn[] ColumnsOf(RegisterKind kind) => kind == RegisterKind.Outgoing ? LegacyOutgoingRegister.Columns : IncomingColumns;

    public static LegacyRegisterParse Parse(RegisterTable table, IReadOnlyDictionary<RegisterColumn, int> mapping, DateOnly today)
    {
        var errors = new List<LineError>();
        var rows = new List<LegacyRegisterRow>();
        var columns = mapping.Where(m => m.Value >= 0 && m.Value < table.Headers.Count).ToDictionary(m => m.Key, m => m.Value);
        var missing = Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            return new([], [new(1, $"Kolom wajib tidak ada (missing columns): {string.Join(", ", missing.Select(Label))}. Kolom yang terbaca (found): {string.Join(", ", table.Headers)}")]);

        // rows are independent until the repeated-number check: parsed on every core, then merged in file order
        var parsed = table.Rows.AsParallel().AsOrdered().Select(r =>
        {
            if (r.Fields.All(string.IsNullOrWhiteSpace)) return (r.Line, Row: (LegacyRegisterRow?)null, Errors: (List<LineError>?)null);
            var rowErrors = new List<LineError>(0);
            var row = ParseRow(r.Line, r.Fields, columns, today, rowErrors);
            return (r.Line, Row: row, Errors: rowErrors);
        });
        var seen = new Dictionary<(int Year, int Number), int>();
        foreach (var (line, row, rowErrors) in parsed)
        {
            if (rowErrors is null) continue;
            if (errors.Count >= MaxErrors) break;
            errors.AddRange(rowErrors);
            if (row is null) continue;
            if (seen.TryGetValue((row.AgendaYear, row.AgendaNumber), out var first))
                errors.Add(new(line, $"Nomor agenda {row.AgendaNumber}/{row.AgendaYear} sudah dipakai di baris {first} (agenda number repeated, first on line {first})."));
            else
            {
                seen[(row.AgendaYear, row.AgendaNumber)] = line;
                rows.Add(row);
            }
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new(2, "Tidak ada baris surat (no letters in the file)."));
        return new(rows, errors);
    }

    private static LegacyRegisterRow? ParseRow(int line, string[] fields, Dictionary<Column, int> columns, DateOnly today, List<LineError> errors)
    {
        var before = errors.Count;
        string? Text(Column column) =>
            columns.TryGetValue(column, out var i) && i < fields.Length && !string.IsNullOrWhiteSpace(fields[i]) ? Collapse(fields[i]) : null;
        string Mandatory(Column column, int max)
        {
            var value = Text(column);
            if (value is null) errors.Add(new(line, $"{Label(column)} wajib diisi (required)."));
            else if (value.Length > max) errors.Add(new(line, $"{Label(column)} paling banyak {max} karakter (at most {max} characters)."));
            return value ?? "";
        }
        DateOnly Date(Column column)
        {
            var value = Text(column);
            if (value is null) { errors.Add(new(line, $"{Label(column)} wajib diisi (required).")); return default; }
            if (!DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            { errors.Add(new(line, $"{Label(column)} '{value}' bukan tanggal, mis. 23/11/2026 (not a date, e.g. 23/11/2026).")); return default; }
            if (date > today) errors.Add(new(line, $"{Label(column)} {date:dd/MM/yyyy} di masa depan (in the future)."));
            return date;
        }

        if (fields.Length <= LegacyRegister.Required.Max(c => columns[c]))
        {
            errors.Add(new(line, $"Hanya {fields.Length} kolom (only {fields.Length} columns)."));
            return null;
        }
        var agendaText = Text(Column.Agenda);
        var agenda = 0;
        if (agendaText is null) errors.Add(new(line, "No. agenda wajib diisi (required)."));
        else if (!int.TryParse(agendaText, NumberStyles.None, CultureInfo.InvariantCulture, out agenda) || agenda <= 0)
            errors.Add(new(line, $"No. agenda '{agendaText}' harus bilangan bulat positif (must be a positive whole number)."));
        var received = Date(Column.Received);
        var letterDate = Date(Column.LetterDate);
        if (received != default && letterDate != default && received < letterDate)
            errors.Add(new(line, "Tanggal terima sebelum tanggal surat (received before the letter was dated)."));
        var sender = Mandatory(Column.Sender, 300);
        var number = Mandatory(Column.Number, 100);
        var subject = Mandatory(Column.Subject, 1000);
        var attachments = Text(Column.Attachments);
        if (attachments?.Length > 300) errors.Add(new(line, "Lampiran paling banyak 300 karakter (at most 300 characters)."));
        var forwardedTo = Text(Column.ForwardedTo);
        var remarks = Text(Column.Remarks);
        if (remarks?.Length > 1500) errors.Add(new(line, "Keterangan paling banyak 1500 karakter (at most 1500 characters)."));
        var classification = Text(Column.Classification) ?? "";
        if (classification.Length > 0 && !ClassificationCode.IsWellFormed(classification))
            errors.Add(new(line, $"Kode klasifikasi '{classification}' harus angka bertitik, mis. 000.1.2 (dotted digits)."));
        var security = SecurityOf(Text(Column.Security));
        if (security is null) errors.Add(new(line, $"Sifat '{Text(Column.Security)}' tidak dikenal: Biasa, Terbatas, Rahasia, Sangat Rahasia (or B, T, R, SR)."));
        var urgency = UrgencyOf(Text(Column.Urgency));
        if (urgency is null) errors.Add(new(line, $"Derajat '{Text(Column.Urgency)}' tidak dikenal: Biasa, Segera, Sangat Segera/Kilat."));

        return errors.Count > before ? null : new LegacyRegisterRow(line, agenda, received, sender, letterDate, number, subject,
            attachments, forwardedTo, remarks, classification, security!.Value, urgency!.Value, Text(Column.Scan));
    }

    /// <summary>The registration event of an imported row: the register's own agenda number, attributed to the importer.</summary>
    public static IncomingLetterRegistered ToEvent(LegacyRegisterRow row, Guid id, Position? addressee, Kernel.Caller? importer, string source, DateTimeOffset now)
    {
        var remarks = string.Join(" ", new[]
        {
            row.Remarks,
            row.ForwardedTo is null || addressee is not null ? null : $"Diteruskan kepada: {row.ForwardedTo}.",
            $"[Impor {source}, baris {row.Line}]",
        }.Where(p => p is not null));
        return new IncomingLetterRegistered(
            id, row.AgendaNumber, row.AgendaYear, row.Sender, row.SenderLetterNumber, row.LetterDate, row.ReceivedOn, row.Subject,
            row.Classification, row.SecurityLevel, row.Urgency, row.Attachments, remarks,
            addressee?.Id, addressee?.UnitId, [], [],
            importer?.PersonId ?? Guid.Empty,
            importer is { Units.Count: > 0 } ? importer.Units[0] : null,
            importer is null ? "Impor register lama" : importer.Name,
            now);
    }

    public static SecurityLevel? SecurityOf(string? text) => Normalize(text ?? "") switch
    {
        "" or "biasa" or "b" => SecurityLevel.Biasa,
        "terbatas" or "t" => SecurityLevel.Terbatas,
        "rahasia" or "r" => SecurityLevel.Rahasia,
        "sangatrahasia" or "sr" => SecurityLevel.SangatRahasia,
        _ => null,
    };

    public static Urgency? UrgencyOf(string? text) => Normalize(text ?? "") switch
    {
        "" or "biasa" => Urgency.Biasa,
        "segera" => Urgency.Segera,
        "sangatsegera" or "amatsegera" or "kilat" => Urgency.SangatSegera,
        _ => null,
    };

    /// <summary>CSV records (RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks) with the line each starts on.</summary>
    public static IEnumerable<(int Line, string[] Fields)> ReadRecords(TextReader reader, char delimiter, int firstLine = 1)
    {
        using var csv = Sep.New(delimiter).Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).From(reader);
        foreach (var row in csv)
        {
            var fields = new string[row.ColCount];
            for (var i = 0; i < fields.Length; i++) fields[i] = row[i].ToString();
            // Sep 0.18 reports the first row's end line as its start line when there is no header.
            yield return (firstLine - 1 + (row.RowIndex == 0 ? 1 : row.LineNumberFrom), fields);
        }
    }

    private static char DelimiterOf(string header)
    {
        int semicolons = header.Count(c => c == ';'), commas = header.Count(c => c == ','), tabs = header.Count(c => c == '\t');
        return tabs > semicolons && tabs > commas ? '\t' : semicolons > commas ? ';' : ',';
    }

    public static string Normalize(string text) =>
        new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>Most cells have no runs of white space: those are kept as they are (no split and join per cell).</summary>
    public static string Collapse(string value)
    {
        var span = value.AsSpan();
        var plain = span.Length > 0 && span[0] != ' ' && span[^1] != ' ' && span.IndexOfAny('\t', '\r', '\n') < 0 && !span.Contains("  ", StringComparison.Ordinal);
        return plain ? value : string.Join(' ', value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    public static string Label(Column column) => column switch
    {
        Column.Agenda => "No. agenda",
        Column.Received => "Tanggal terima",
        Column.Sender => "Pengirim",
        Column.LetterDate => "Tanggal surat",
        Column.Number => "Nomor surat",
        Column.Subject => "Perihal",
        Column.Attachments => "Lampiran",
        Column.ForwardedTo => "Diteruskan kepada",
        Column.Remarks => "Keterangan",
        Column.Classification => "Kode klasifikasi",
        Column.Security => "Sifat",
        Column.Urgency => "Derajat",
        Column.Addressee => "Tujuan",
        Column.SentOn => "Tanggal kirim",
        Column.NaskahKind => "Jenis naskah",
        Column.Unit => "Unit pengolah",
        Column.Signatory => "Penandatangan",
        _ => "Berkas pindaian",
    };
}
