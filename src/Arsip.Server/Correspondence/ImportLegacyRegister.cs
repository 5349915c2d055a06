using System.Diagnostics;
using Arsip.Access;
using Arsip.Attachments;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;
using JasperFx.CommandLine;
using Npgsql;
using Weasel.Core;

namespace Arsip.Correspondence;

public sealed record ImportResult(int Imported, IReadOnlyList<LineError> Errors, TimeSpan Elapsed)
{
    public IReadOnlyList<(string Step, TimeSpan Time)> Steps { get; init; } = [];

    public int Scans { get; init; }

    public bool Ok => Errors.Count == 0;
}

/// <summary>A scan already in the blob store, to be attached to the letter of its register line.</summary>
public sealed record ImportedScan(BlobRef Blob, string FileName);

/// <summary>Where a running import is: read by the web import's progress saves; <see cref="Writing"/> once cancelling is too late.</summary>
public sealed class ImportProgress
{
    private int _done;
    public volatile string Phase = "";
    public volatile int Total;
    public volatile bool Writing;
    public int Done => Volatile.Read(ref _done);
    public void Advance(int by = 1) => Interlocked.Add(ref _done, by);
    public void Start(string phase, int total)
    {
        Phase = phase;
        Total = total;
        Volatile.Write(ref _done, 0);
    }
}

/// <summary>The whole file is checked first and any problem refuses it whole; then, with the yearly agenda counters locked, events, read models and fingerprints go in by COPY side by side, built by the live projection code.
/// Should one fail after another succeeded, rebuilding the IncomingLetterView projection repairs the read model.</summary>
public static class ImportLegacyRegister
{
    public const int DefaultBatchSize = 5000;

    public static async Task<ImportResult> ImportAsync(
        IDocumentStore store, string agency, TextReader csv, string source, ArsipClock clock,
        string? registrarUserName = null, int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var parsed = LegacyRegister.Parse(csv, clock.Today);
        if (!parsed.Ok) return new(0, parsed.Errors, watch.Elapsed);
        var parseTime = watch.Elapsed;

        Caller? importer = null;
        if (registrarUserName is not null)
        {
            var principal = await Authentication.PrincipalAsync(store, clock, agency, s => s.Query<Person>().Where(p => p.UserName == registrarUserName).FirstOrDefaultAsync(ct), "import", ct);
            if (principal is null) return new(0, [new(0, $"Pengguna {registrarUserName} tidak ada di {agency} (no such user in the agency).")], watch.Elapsed);
            importer = Caller.From(principal);
        }
        var result = await WriteAsync(store, agency, parsed.Rows, new Dictionary<int, ImportedScan>(), importer, source, clock, null, batchSize, ct);
        return result with { Elapsed = watch.Elapsed, Steps = [("parse and check rows", parseTime), .. result.Steps] };
    }

    /// <summary>Rows already checked (the CLI's file or the web import's), with their scans already stored: with the yearly agenda counters
    /// locked, the numbers are checked again, then written. Cancellation is honoured until the writing starts; from there the import
    /// finishes (its COPYs commit together a few seconds later), so a cancel never leaves half the letters.</summary>
    public static async Task<ImportResult> WriteAsync(
        IDocumentStore store, string agency, IReadOnlyList<LegacyRegisterRow> rows, IReadOnlyDictionary<int, ImportedScan> scans,
        Caller? importer, string source, ArsipClock clock, ImportProgress? progress, int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        var steps = new ImportSteps();

        await using var query = store.QuerySession(agency);
        var positions = (await query.Query<Position>().ToListAsync(ct))
            .GroupBy(p => p.Title.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var schema = store.Options.DatabaseSchemaName;
        var registryUnit = await RegistryUnitAsync(query, importer, ct);
        var numbering = await query.LoadAsync<AgendaNumberingView>(ReferenceDataStreams.AgendaNumberingStream, ct);
        var sequence = AgendaNumberingView.SequenceFor(numbering, registryUnit);
        foreach (var year in rows.GroupBy(r => r.AgendaYear).OrderBy(g => g.Key))
            await SequenceImports.AdvanceToAsync(transaction, schema, agency, sequence, year.Key, year.Max(r => r.AgendaNumber), ct);

        var taken = await TakenAsync(query, rows, registryUnit, ct);
        steps.Done("lock agenda counters, check numbers taken");
        if (taken.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            return new(0, taken, steps.Elapsed);
        }

        var now = clock.GetUtcNow();
        var actorName = importer?.Name ?? "Impor register lama";
        var letters = rows.AsParallel().AsOrdered().Select(row =>
        {
            var registered = LegacyRegister.ToEvent(row, Guid.CreateVersion7(now), AddresseeOf(row, positions), importer, source, now);
            var scan = scans.TryGetValue(row.Line, out var s)
                ? new IncomingLetterAttachmentAdded(registered.LetterId, s.Blob.Sha256, s.FileName, s.Blob.ContentType, s.Blob.Length, AttachmentKind.Scan,
                    actorName, now, importer?.PersonId ?? Guid.Empty)
                : null;
            return (Registered: registered, Scan: scan);
        }).ToList();
        steps.Done("build events");
        ct.ThrowIfCancellationRequested();
        if (progress is not null) progress.Writing = true;

        // Three tables, three connections: each input is built and copied side by side with the others.
        var registry = (IEventRegistry)((DocumentStore)store).Options.Events;
        var projection = new IncomingLetterViewProjection();
        // Bulk inserts bypass the sealing session listener, so an imported letter's history is sealed here.
        var serializer = store.Options.Serializer();
        var actor = importer is null ? $"impor {source}" : $"{importer.Name} ({importer.PersonId}) [impor {source}]";
        Task<(string, TimeSpan)> Timed(string name, Func<Task> copy) => Task.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            await copy();
            return ($"  {name}", Stopwatch.GetElapsedTime(started));
        }, CancellationToken.None);
        var copies = await Task.WhenAll(
            Timed("events and streams", () => store.BulkInsertEventsAsync(agency, letters.AsParallel().AsOrdered().Select(l =>
            {
                var stream = l.Scan is null ? StreamAction.Start(registry, l.Registered.LetterId, l.Registered) : StreamAction.Start(registry, l.Registered.LetterId, l.Registered, l.Scan);
                stream.AggregateType = typeof(IncomingLetter);
                stream.TenantId = agency;
                HashChain.Seal(stream.Events, agency, l.Registered.LetterId, 0, HashChain.Genesis, serializer, actor, now);
                return stream;
            }).ToList(), batchSize, CancellationToken.None)),
            Timed("IncomingLetterView", () => store.BulkInsertAsync(agency, letters.Select(l =>
            {
                var view = projection.Create(l.Registered);
                if (l.Scan is not null) projection.Apply(view, l.Scan);
                return view;
            }).ToList(), BulkInsertMode.InsertsOnly, batchSize, CancellationToken.None)),
            Timed("fingerprints", () => store.BulkInsertAsync(agency, letters.Select(l => l.Registered)
                .Select(e => new IncomingLetterFingerprint(IncomingLetterFingerprint.For(e.Sender, e.SenderLetterNumber, e.LetterDate), e.LetterId))
                .DistinctBy(f => f.Id).ToList(), BulkInsertMode.IgnoreDuplicates, batchSize, CancellationToken.None)));
        steps.Done("build and COPY side by side");
        steps.All.AddRange(copies);

        await transaction.CommitAsync(CancellationToken.None);
        steps.Done("commit");
        return new(letters.Count, [], steps.Elapsed) { Steps = steps.All, Scans = letters.Count(l => l.Scan is not null) };
    }

    /// <summary>The CLI's outgoing register: the CSV checked and its numbers read, then written as the web import writes it.</summary>
    public static async Task<ImportResult> ImportOutgoingAsync(
        IDocumentStore store, string agency, TextReader csv, string source, ArsipClock clock, string? registrarUserName = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        DateOnly today;
        await using (var query = store.QuerySession(agency)) today = (await AgencyTime.LoadAsync(query, ct)).Today(clock);
        var parsed = LegacyOutgoingRegister.Parse(csv, today);
        if (!parsed.Ok) return new(0, parsed.Errors, watch.Elapsed);
        Caller? importer = null;
        if (registrarUserName is not null)
        {
            var principal = await Authentication.PrincipalAsync(store, clock, agency, s => s.Query<Person>().Where(p => p.UserName == registrarUserName).FirstOrDefaultAsync(ct), "import", ct);
            if (principal is null) return new(0, [new(0, $"Pengguna {registrarUserName} tidak ada di {agency} (no such user in the agency).")], watch.Elapsed);
            importer = Caller.From(principal);
        }
        var parseTime = watch.Elapsed;
        var result = await WriteOutgoingAsync(store, agency, parsed.Rows, new Dictionary<int, ImportedScan>(), importer, Guid.CreateVersion7(), source, clock, null, ct);
        return result with { Elapsed = watch.Elapsed, Steps = [("parse and check rows", parseTime), .. result.Steps] };
    }

    /// <summary>An outgoing register's rows, already checked, with their scans already stored: the numbers are read with the agency's templates,
    /// each counter they belong to is moved past the highest imported sequence and stays locked while the numbers are looked up again among
    /// the agency's letters, then every letter is written in the same transaction (an ordinary session: the inline views, the aggregate's
    /// snapshot and the hash chains as for any letter). Nothing is written when any row is refused.</summary>
    public static async Task<ImportResult> WriteOutgoingAsync(
        IDocumentStore store, string agency, IReadOnlyList<LegacyOutgoingRow> rows, IReadOnlyDictionary<int, ImportedScan> scans,
        Caller? importer, Guid importId, string source, ArsipClock clock, ImportProgress? progress, CancellationToken ct = default)
    {
        var steps = new ImportSteps();
        await using var session = store.LightweightSession(agency);
        var templates = await session.LoadAsync<LetterNumberTemplatesView>(ReferenceDataStreams.LetterNumberTemplatesStream, ct);
        var today = (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        var resolution = LegacyOutgoingRegister.Resolve(rows, templates, await session.Query<Unit>().ToListAsync(ct), await session.Query<Position>().ToListAsync(ct), today.Year);
        if (resolution.Errors.Count > 0) return new(0, resolution.Errors, steps.Elapsed);
        steps.Done("read numbers with the templates");

        // in name order, as every importer takes them, so two imports never wait on each other's counters crosswise
        foreach (var counter in resolution.Rows.Where(r => r.Counter is not null).GroupBy(r => (Name: r.Counter!, r.Year))
                     .OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Year))
            await SequenceImports.AdvanceToAsync(session, counter.Key.Name, counter.Key.Year, counter.Max(r => r.Sequence!.Value), ct);
        var taken = await LegacyOutgoingRegister.TakenAsync(session, resolution.Rows, templates, ct);
        if (taken.Count > 0) return new(0, taken, steps.Elapsed);
        steps.Done("lock counters, check numbers taken");
        ct.ThrowIfCancellationRequested();
        if (progress is not null) progress.Writing = true;

        var now = clock.GetUtcNow();
        var actor = importer is null ? $"impor {source}" : $"{importer.Name} ({importer.PersonId}) [impor {source}]";
        foreach (var row in resolution.Rows)
        {
            var imported = LegacyOutgoingRegister.ToEvent(row, Guid.CreateVersion7(now), importId, importer, source, now);
            object[] events = scans.TryGetValue(row.Line, out var scan)
                ? [imported, new OutgoingLetterFileAdded(imported.LetterId, scan.Blob.Sha256, scan.FileName, scan.Blob.ContentType, scan.Blob.Length, AttachmentKind.Scan,
                    imported.ImportedBy, now, imported.ImportedByPersonId)]
                : [imported];
            foreach (var e in session.Events.StartStream<OutgoingLetter>(imported.LetterId, events).Events) e.SetHeader(HashChain.ActorHeader, actor);
        }
        steps.Done("build events");
        await session.SaveChangesAsync(CancellationToken.None);
        steps.Done("save and commit");
        progress?.Advance(resolution.Rows.Count);
        return new(resolution.Rows.Count, [], steps.Elapsed) { Steps = steps.All, Scans = resolution.Rows.Count(r => scans.ContainsKey(r.Line)) };
    }

    /// <summary>A legacy book is the importing registrar's book: per unit where the agency numbers per unit.</summary>
    public static async Task<Guid?> RegistryUnitAsync(IQuerySession session, Caller? importer, CancellationToken ct)
    {
        var numbering = await session.LoadAsync<AgendaNumberingView>(ReferenceDataStreams.AgendaNumberingStream, ct);
        return numbering?.Scope == SequenceScope.Unit ? importer?.Units.FirstOrDefault() : null;
    }

    public static async Task<List<LineError>> TakenAsync(IQuerySession session, IReadOnlyList<LegacyRegisterRow> rows, Guid? registryUnit, CancellationToken ct)
    {
        var years = rows.Select(r => r.AgendaYear).Distinct().ToArray();
        var book = session.Query<IncomingLetterView>().Where(v => years.Contains(v.AgendaYear));
        if (registryUnit is { } unit) book = book.Where(v => v.RegisteredByUnitId == unit);
        var existing = (await book
                .Select(v => new { v.AgendaYear, v.AgendaNumber }).ToListAsync(ct))
            .Select(v => (v.AgendaYear, v.AgendaNumber)).ToHashSet();
        return rows.Where(r => existing.Contains((r.AgendaYear, r.AgendaNumber)))
            .Take(LegacyRegister.MaxErrors)
            .Select(r => new LineError(r.Line, $"Nomor agenda {r.AgendaNumber}/{r.AgendaYear} sudah terdaftar di instansi ini (agenda number already registered)."))
            .ToList();
    }

    /// <summary>"Diteruskan kepada" naming a position of the agency exactly makes that position the addressee.</summary>
    private static Position? AddresseeOf(LegacyRegisterRow row, Dictionary<string, Position> positions) =>
        row.ForwardedTo is { } to && positions.TryGetValue(to.Trim(), out var position) ? position : null;
}

public sealed class ImportRegisterInput : NetCoreInput
{
    [Description("The agency (tenant) to import into, e.g. kota-bekasi")]
    public string AgencyFlag { get; set; } = "";

    [Description("The CSV file of the incoming agenda book")]
    public string FileFlag { get; set; } = "";

    [Description("User name of the registrar the import is recorded under (optional)")]
    public string? RegistrarFlag { get; set; }

    [Description("Which agenda book: incoming (surat masuk, the default) or outgoing (surat keluar)")]
    public string? KindFlag { get; set; }
}

[Description("Import a legacy agenda book (CSV; incoming, or outgoing with --kind outgoing) into an agency; a file with any bad row is refused whole", Name = "import-register")]
public sealed class ImportRegisterCommand : JasperFxAsyncCommand<ImportRegisterInput>
{
    public override async Task<bool> Execute(ImportRegisterInput input)
    {
        var kind = LegacyImportUpload.KindOf(input.KindFlag);
        if (string.IsNullOrWhiteSpace(input.AgencyFlag) || !File.Exists(input.FileFlag) || kind is null)
        {
            Console.Error.WriteLine("Usage: import-register --agency <agency> --file <register.csv> [--registrar <user name>] [--kind incoming|outgoing]");
            return false;
        }
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        try
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            using var reader = new StreamReader(input.FileFlag, detectEncodingFromByteOrderMarks: true);
            var result = kind == RegisterKind.Outgoing
                ? await ImportLegacyRegister.ImportOutgoingAsync(store, input.AgencyFlag.Trim(), reader, Path.GetFileName(input.FileFlag),
                    host.Services.GetRequiredService<ArsipClock>(), input.RegistrarFlag)
                : await ImportLegacyRegister.ImportAsync(store, input.AgencyFlag.Trim(), reader, Path.GetFileName(input.FileFlag),
                    host.Services.GetRequiredService<ArsipClock>(), input.RegistrarFlag);
            if (!result.Ok)
            {
                Console.Error.WriteLine($"Berkas ditolak, tidak ada yang diimpor (file refused, nothing imported): {result.Errors.Count} masalah");
                foreach (var error in result.Errors) Console.Error.WriteLine($"  {error}");
                return false;
            }
            foreach (var (step, time) in result.Steps) Console.WriteLine($"  {step}: {time.TotalMilliseconds:N0} ms");
            Console.WriteLine($"Diimpor {result.Imported:N0} surat dalam {result.Elapsed.TotalSeconds:0.0} s ({result.Imported / result.Elapsed.TotalSeconds:N0} surat/s).");
            return true;
        }
        finally
        {
            await host.Services.GetRequiredService<ArsipDatabase>().DisposeAsync();
        }
    }
}

/// <summary>An import's steps timed for the bench and the CLI, each from the end of the one before.</summary>
public sealed class ImportSteps
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _lap;

    public List<(string, TimeSpan)> All { get; } = [];
    public TimeSpan Elapsed => _watch.Elapsed;

    public void Done(string name)
    {
        All.Add((name, _watch.Elapsed - _lap));
        _lap = _watch.Elapsed;
    }
}
