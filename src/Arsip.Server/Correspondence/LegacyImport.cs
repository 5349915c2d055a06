using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Memory;
using Arsip.Infrastructure;

namespace Arsip.Correspondence;

public enum LegacyImportStatus { Checked, Queued, Running, Done, Failed, Cancelled }

/// <summary>A problem of the register (its row) or of the scans' ZIP (its file name).</summary>
public sealed record ImportProblem(int? Line, string? File, string Message)
{
    public override string ToString() => Line is { } line ? $"baris {line}: {Message}" : File is { } file ? $"{file}: {Message}" : Message;
}

/// <summary>One web import of a legacy register: what the check found, then the background run's progress. The uploaded files wait in
/// <see cref="LegacyImportSettings.FolderOf"/> until the run ends; the letters themselves are written all at once, or not at all.</summary>
public sealed class LegacyImport
{
    public Guid Id { get; set; }
    /// <summary>Surat masuk or surat keluar; imports made before outgoing registers existed read as incoming.</summary>
    public RegisterKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public string Format { get; set; } = "csv";
    public string? Encoding { get; set; }
    public bool EncodingDetected { get; set; }
    public string? ScansFileName { get; set; }
    /// <summary>Column (a <see cref="RegisterColumn"/> name) to the index of the file's column.</summary>
    public Dictionary<string, int> Mapping { get; set; } = [];
    public List<string> Headers { get; set; } = [];
    public List<string[]> Preview { get; set; } = [];
    public int Rows { get; set; }
    public int Scans { get; set; }
    public List<ImportProblem> Problems { get; set; } = [];
    /// <summary>Said in the preview without refusing the file (an earlier year's number kept as written).</summary>
    public List<ImportProblem> Notices { get; set; } = [];
    public LegacyImportStatus Status { get; set; }
    public string Phase { get; set; } = "";
    public int Done { get; set; }
    public int Total { get; set; }
    public int Imported { get; set; }
    public int ScansAttached { get; set; }
    public string? Message { get; set; }
    public Guid CreatedByPersonId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public bool Ready => Status == LegacyImportStatus.Checked && Problems.Count == 0;
    public bool Finished => Status is LegacyImportStatus.Done or LegacyImportStatus.Failed or LegacyImportStatus.Cancelled;
}

/// <summary>What a run is doing (<see cref="LegacyImport.Phase"/>; the pages translate these words); after it ends, its status's text.</summary>
public static class LegacyImportPhases
{
    public const string Queued = "menunggu giliran";
    public const string Checking = "memeriksa";
    public const string StoringScans = "menyimpan pindaian";
    /// <summary>From here a cancel is too late: the letters go in at once.</summary>
    public const string Writing = "menulis surat";
    public static readonly string[] All = [Queued, Checking, StoringScans, Writing];
}

/// <summary>Asked for by the person; the run looks for it between steps (its own document, so the run's progress saves never overwrite it).</summary>
public sealed record LegacyImportCancellation(Guid Id, string By, DateTimeOffset At);

/// <summary><c>Arsip:Import:*</c>: where uploads wait (default <c>imports/</c> in the data folder; a node's own disk: the durable run
/// belongs to the node that received the upload), and the ZIP limits against bombs.</summary>
public sealed record LegacyImportSettings(string Folder, long MaxRegisterBytes, long MaxScanBytes, long MaxScansTotalBytes, int MaxRatio, int MaxScans)
{
    public static LegacyImportSettings From(IConfiguration configuration) => new(
        configuration["Arsip:Import:Folder"] ?? Path.Combine(DataFolder.Resolve(configuration), "imports"),
        configuration.GetValue("Arsip:Import:MaxRegisterBytes", 200L * 1024 * 1024),
        configuration.GetValue("Arsip:Import:MaxScanBytes", 50L * 1024 * 1024),
        configuration.GetValue("Arsip:Import:MaxScansTotalBytes", 20L * 1024 * 1024 * 1024),
        configuration.GetValue("Arsip:Import:MaxRatio", 100),
        configuration.GetValue("Arsip:Import:MaxScans", 200_000));

    public string FolderOf(string agency, Guid id) => Path.Combine(Folder, agency, id.ToString("N"));
    public string RegisterPath(string agency, Guid id) => Path.Combine(FolderOf(agency, id), "register");
    public string ScansPath(string agency, Guid id) => Path.Combine(FolderOf(agency, id), "scans.zip");
}

/// <summary>The check a register gets before anything is written, shared by the preview and the run: the file read with its encoding
/// and mapping, every row checked (the CLI's <see cref="LegacyRegister.Parse(RegisterTable, IReadOnlyDictionary{RegisterColumn, int}, DateOnly)"/>),
/// agenda numbers already used, and the ZIP of scans matched to the rows.</summary>
public static class LegacyImports
{
    public const int PreviewRows = 10;

    /// <summary><see cref="Outgoing"/> holds an outgoing register's rows (<see cref="Parsed"/> is then empty).</summary>
    public sealed record Checked(RegisterRead Read, Dictionary<RegisterColumn, int> Mapping, LegacyRegisterParse Parsed, ScanMatch Scans, List<ImportProblem> Problems)
    {
        public OutgoingRegisterParse? Outgoing { get; init; }
        public List<ImportProblem> Notices { get; init; } = [];
        public int RowCount => Outgoing?.Rows.Count ?? Parsed.Rows.Count;
    }

    public static async Task<Checked> CheckAsync(IQuerySession session, LegacyImportSettings settings, string agency, Guid id, RegisterKind kind,
        string? encoding, IReadOnlyDictionary<string, int>? mapping, Caller importer, DateOnly today, CancellationToken ct, bool numbersTaken = true)
    {
        var read = LegacyRegisterFile.Read(settings.RegisterPath(agency, id), encoding);
        var columns = read.Table is null ? [] : mapping is null ? LegacyRegister.GuessMapping(read.Table.Headers, kind) : MappingOf(mapping);
        if (kind == RegisterKind.Outgoing) return await CheckOutgoingAsync(session, settings, agency, id, read, columns, today, ct, numbersTaken);
        var parsed = read.Table is null ? new LegacyRegisterParse([], []) : LegacyRegister.Parse(read.Table, columns, today);
        var problems = new List<ImportProblem>();
        if (read.Problem is { } unreadable) problems.Add(new(unreadable.Line, null, unreadable.Message));
        problems.AddRange(parsed.Errors.Select(e => new ImportProblem(e.Line, null, e.Message)));
        // the run leaves this to the writing, which asks again with the agenda counters locked
        if (numbersTaken && parsed.Rows.Count > 0)
        {
            var registryUnit = await ImportLegacyRegister.RegistryUnitAsync(session, importer, ct);
            problems.AddRange((await ImportLegacyRegister.TakenAsync(session, parsed.Rows, registryUnit, ct)).Select(e => new ImportProblem(e.Line, null, e.Message)));
        }
        var scansPath = settings.ScansPath(agency, id);
        var scans = File.Exists(scansPath) ? LegacyScans.Match(scansPath, parsed.Rows, settings) : ScanMatch.None;
        problems.AddRange(scans.Problems);
        return new(read, columns, parsed, scans, problems);
    }

    /// <summary>The outgoing register: rows checked alone, then their numbers read with the agency's templates (<see cref="LegacyOutgoingRegister.Resolve"/>)
    /// and looked up among the agency's letters; the scans match by the scan column, the letter number or its sequence.</summary>
    private static async Task<Checked> CheckOutgoingAsync(IQuerySession session, LegacyImportSettings settings, string agency, Guid id, RegisterRead read,
        Dictionary<RegisterColumn, int> columns, DateOnly today, CancellationToken ct, bool numbersTaken)
    {
        var parsed = read.Table is null ? new OutgoingRegisterParse([], []) : LegacyOutgoingRegister.Parse(read.Table, columns, today);
        var problems = new List<ImportProblem>();
        if (read.Problem is { } unreadable) problems.Add(new(unreadable.Line, null, unreadable.Message));
        problems.AddRange(parsed.Errors.Select(e => new ImportProblem(e.Line, null, e.Message)));
        var notices = new List<ImportProblem>();
        IReadOnlyList<ResolvedOutgoingRow> resolved = [];
        if (parsed.Rows.Count > 0)
        {
            var templates = await session.LoadAsync<ReferenceData.LetterNumberTemplatesView>(ReferenceData.ReferenceDataStreams.LetterNumberTemplatesStream, ct);
            var resolution = LegacyOutgoingRegister.Resolve(parsed.Rows, templates, await session.Query<Organization.Unit>().ToListAsync(ct),
                await session.Query<Organization.Position>().ToListAsync(ct), today.Year);
            resolved = resolution.Rows;
            problems.AddRange(resolution.Errors.Select(e => new ImportProblem(e.Line, null, e.Message)));
            notices.AddRange(resolution.Notices.Select(e => new ImportProblem(e.Line, null, e.Message)));
            // the run leaves this to the writing, which asks again with the counters locked
            if (numbersTaken)
                problems.AddRange((await LegacyOutgoingRegister.TakenAsync(session, resolved, templates, ct)).Select(e => new ImportProblem(e.Line, null, e.Message)));
        }
        var scansPath = settings.ScansPath(agency, id);
        var scans = File.Exists(scansPath)
            ? LegacyScans.Match(scansPath, resolved.Select(r => new ScanRow(r.Line, r.Row.Scan, r.Sequence, r.Year, r.Row.LetterNumber)).ToList(), settings)
            : ScanMatch.None;
        problems.AddRange(scans.Problems);
        problems.Sort((a, b) => (a.Line ?? int.MaxValue).CompareTo(b.Line ?? int.MaxValue));
        return new(read, columns, new LegacyRegisterParse([], []), scans, problems) { Outgoing = parsed, Notices = notices };
    }

    public static Dictionary<RegisterColumn, int> MappingOf(IReadOnlyDictionary<string, int> mapping) =>
        mapping.Where(m => Enum.TryParse<RegisterColumn>(m.Key, true, out _) && m.Value >= 0)
            .ToDictionary(m => Enum.Parse<RegisterColumn>(m.Key, true), m => m.Value);

    public static void Describe(LegacyImport import, Checked check)
    {
        import.Format = check.Read.Format;
        import.Encoding = check.Read.Encoding;
        import.EncodingDetected = check.Read.EncodingDetected;
        import.Mapping = check.Mapping.ToDictionary(m => m.Key.ToString(), m => m.Value);
        import.Headers = check.Read.Table?.Headers.ToList() ?? [];
        import.Preview = check.Read.Table?.Rows.Take(PreviewRows).Select(r => r.Fields).ToList() ?? [];
        import.Rows = check.RowCount;
        import.Scans = check.Scans.ByLine.Count;
        import.Problems = check.Problems.Take(LegacyRegister.MaxErrors).ToList();
        import.Notices = check.Notices.Take(LegacyRegister.MaxErrors).ToList();
        import.Total = check.RowCount + check.Scans.ByLine.Count;
    }
}

/// <summary>The rows and scans the last check of an import found, kept on the node that checked it so the run does not parse the file again
/// (the run's parse cost as much as the upload's). Bounded by rows held and by age; a miss (another node, a restart, an evicted entry)
/// parses the file again, with the same result.</summary>
public sealed class CheckedRegisters : IDisposable
{
    public const long MaxRowsHeld = 2_000_000;
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(2);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxRowsHeld });

    private sealed record Entry(string? Encoding, Dictionary<RegisterColumn, int> Mapping, LegacyRegisterParse Parsed, OutgoingRegisterParse? Outgoing, ScanMatch Scans);

    public void Keep(string agency, Guid id, LegacyImports.Checked check)
    {
        if (check.Parsed.Errors.Count > 0 || check.Outgoing?.Errors.Count > 0 || check.RowCount == 0) { Forget(agency, id); return; }
        _cache.Set((agency, id), new Entry(check.Read.Encoding, check.Mapping, check.Parsed, check.Outgoing, check.Scans),
            new MemoryCacheEntryOptions { Size = Math.Max(check.RowCount, 1), AbsoluteExpirationRelativeToNow = KeptFor });
    }

    /// <summary>The rows and scans of the last check, when it was made with this encoding and mapping (<c>Outgoing</c>: an outgoing register's rows).</summary>
    public (LegacyRegisterParse Parsed, OutgoingRegisterParse? Outgoing, ScanMatch Scans)? Find(string agency, Guid id, string? encoding, IReadOnlyDictionary<RegisterColumn, int> mapping) =>
        _cache.TryGetValue((agency, id), out Entry? entry) && entry!.Encoding == encoding
            && entry.Mapping.Count == mapping.Count && entry.Mapping.All(m => mapping.TryGetValue(m.Key, out var i) && i == m.Value)
            ? (entry.Parsed, entry.Outgoing, entry.Scans)
            : null;

    public void Forget(string agency, Guid id) => _cache.Remove((agency, id));

    public void Dispose() => _cache.Dispose();
}

/// <summary>What a scan can be matched by: the row's scan column, its number (agenda number, or an outgoing letter's sequence) and year,
/// and an outgoing letter's number as written (<c>000.1_15_Setda_2026.pdf</c> for 000.1/15/Setda/2026: letters and digits compared).</summary>
public sealed record ScanRow(int Line, string? Scan, int? Number, int Year, string? NumberText);

/// <summary>The ZIP's scans by the register line they belong to, and every problem by file name.</summary>
public sealed record ScanMatch(IReadOnlyDictionary<int, string> ByLine, IReadOnlyList<ImportProblem> Problems)
{
    public static readonly ScanMatch None = new(new Dictionary<int, string>(), []);
}

/// <summary>A scan belongs to a row by the row's scan column (the file's name or path in the ZIP), else by its file name: the agenda
/// number (<c>12.pdf</c>, <c>0012.pdf</c>) or the number and year (<c>12-2025.pdf</c>, <c>2025_12.pdf</c>). The ZIP is judged by its
/// directory before any byte is unpacked: paths that leave the folder, and bombs (too much unpacked in all, or one entry unpacking
/// far beyond its packed size), refuse it; when unpacked, an entry may not give more bytes than it declared.</summary>
public static partial class LegacyScans
{
    public static ScanMatch Match(string zipPath, IReadOnlyList<LegacyRegisterRow> rows, LegacyImportSettings settings) =>
        Match(zipPath, rows.Select(r => new ScanRow(r.Line, r.Scan, r.AgendaNumber, r.AgendaYear, null)).ToList(), settings);

    public static ScanMatch Match(string zipPath, IReadOnlyList<ScanRow> rows, LegacyImportSettings settings)
    {
        var problems = new List<ImportProblem>();
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException)
        {
            return new(new Dictionary<int, string>(), [new(null, "ZIP", "Berkas pindaian bukan ZIP yang utuh (the scans file is not a valid ZIP).")]);
        }
        using (zip)
        {
            var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (entries.Count > settings.MaxScans)
                return new(new Dictionary<int, string>(), [new(null, "ZIP", $"ZIP berisi {entries.Count} berkas, paling banyak {settings.MaxScans} (too many files).")]);
            long total = 0;
            foreach (var entry in entries)
            {
                if (Escapes(entry.FullName))
                    problems.Add(new(null, entry.FullName, "Jalur keluar dari folder ZIP (the path escapes the folder: '..' or absolute)."));
                else if (entry.Length > settings.MaxScanBytes)
                    problems.Add(new(null, entry.FullName, $"Lebih dari {settings.MaxScanBytes / 1024 / 1024} MB setelah dibuka (larger than the limit unpacked)."));
                else if (entry.Length > 1024 * 1024 && entry.Length > (long)settings.MaxRatio * Math.Max(entry.CompressedLength, 1))
                    problems.Add(new(null, entry.FullName, $"Rasio pemadatan lebih dari {settings.MaxRatio}:1, bom ZIP (compression ratio above {settings.MaxRatio}:1: a ZIP bomb)."));
                total += entry.Length;
            }
            if (total > settings.MaxScansTotalBytes)
                problems.Add(new(null, "ZIP", $"Isi ZIP {total / 1024 / 1024:N0} MB setelah dibuka, paling banyak {settings.MaxScansTotalBytes / 1024 / 1024:N0} MB (too large unpacked: a ZIP bomb?)."));
            if (problems.Count > 0) return new(new Dictionary<int, string>(), problems);

            var byLine = new Dictionary<int, string>();
            var byName = entries.GroupBy(e => e.FullName.Replace('\\', '/'), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().FullName, StringComparer.OrdinalIgnoreCase);
            var byFileName = entries.GroupBy(e => Path.GetFileName(e.FullName.Replace('\\', '/')), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
            var claimed = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in rows.Where(r => r.Scan is not null))
            {
                var named = row.Scan!.Replace('\\', '/').Trim();
                var entry = byName.GetValueOrDefault(named) ?? (byFileName.GetValueOrDefault(Path.GetFileName(named)) is [var only] ? only.FullName : null);
                if (entry is null) problems.Add(new(row.Line, row.Scan, $"Pindaian '{row.Scan}' tidak ada di ZIP (the scan named on this row is not in the ZIP)."));
                else if (claimed.TryAdd(entry, row.Line)) byLine[row.Line] = entry;
                else problems.Add(new(row.Line, entry, $"Pindaian ini sudah dipakai baris {claimed[entry]} (this scan already belongs to line {claimed[entry]})."));
            }
            var years = rows.Select(r => r.Year).Distinct().Count();
            var byNumber = rows.Where(r => r.Number is not null).ToLookup(r => r.Number!.Value);
            var byText = rows.Where(r => r.NumberText is not null).ToLookup(r => LegacyRegister.Normalize(r.NumberText!));
            foreach (var entry in entries.Where(e => !claimed.ContainsKey(e.FullName)))
            {
                var stem = Path.GetFileNameWithoutExtension(entry.FullName.Replace('\\', '/'));
                var row = RowOf(stem, byNumber, years) ?? (byText[LegacyRegister.Normalize(stem)] is var named && named.Count() == 1 ? named.First() : null);
                if (row is null)
                    problems.Add(new(null, entry.FullName, "Pindaian tidak cocok dengan baris mana pun (the scan matches no row of the register)."));
                else if (byLine.TryGetValue(row.Line, out var other))
                    problems.Add(new(row.Line, entry.FullName, $"Baris ini sudah punya pindaian {other} (this row already has a scan)."));
                else
                {
                    byLine[row.Line] = entry.FullName;
                    claimed[entry.FullName] = row.Line;
                }
            }
            return new(byLine, problems);
        }
    }

    public static bool Escapes(string name)
    {
        var path = name.Replace('\\', '/');
        return path.StartsWith('/') || (path.Length > 1 && path[1] == ':') || path.Split('/').Any(segment => segment == "..");
    }

    private static ScanRow? RowOf(string stem, ILookup<int, ScanRow> byNumber, int years)
    {
        var match = NumberPattern().Match(stem);
        if (!match.Success) return null;
        var (number, year) = match.Groups["n1"].Success
            ? (int.Parse(match.Groups["n1"].Value), match.Groups["y1"].Success ? int.Parse(match.Groups["y1"].Value) : (int?)null)
            : (int.Parse(match.Groups["n2"].Value), int.Parse(match.Groups["y2"].Value));
        var candidates = byNumber[number].Where(r => year is null || r.Year == year).ToList();
        // a bare number is the row's only when the register spans one year
        return candidates.Count == 1 && (year is not null || years == 1) ? candidates[0] : null;
    }

    [GeneratedRegex(@"^(?:0*(?<n1>\d{1,9})(?:[-_ ](?<y1>\d{4}))?|(?<y2>\d{4})[-_ ]0*(?<n2>\d{1,9}))$")]
    private static partial Regex NumberPattern();

    /// <summary>An entry's bytes, never more than it declared (a forged directory cannot unpack more than was judged).</summary>
    public static Stream OpenBounded(ZipArchiveEntry entry) => new BoundedStream(entry.Open(), entry.Length);

    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long _read;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => limit;
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Count(await inner.ReadAsync(buffer, ct));

        private int Count(int n)
        {
            _read += n;
            if (_read > limit) throw new InvalidDataException("Isi ZIP lebih besar dari yang dinyatakan (an entry unpacks to more than it declared).");
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
