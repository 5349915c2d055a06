using System.Diagnostics;
using Arsip.Access;
using Arsip.Attachments;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;
using JasperFx.CommandLine;
using Marten.Events;
using Npgsql;
using NpgsqlTypes;

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

/// <summary>The whole file is checked first and any problem refuses it whole; then, in the transaction that holds the yearly agenda counters,
/// streams, events, read models (built by the live projection code) and fingerprints go in by COPY: all of them commit, or none.</summary>
public static class ImportLegacyRegister
{
    public static async Task<ImportResult> ImportAsync(
        IDocumentStore store, string agency, TextReader csv, string source, ArsipClock clock,
        string? registrarUserName = null, CancellationToken ct = default)
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
        var result = await WriteAsync(store, agency, parsed.Rows, new Dictionary<int, ImportedScan>(), importer, source, clock, null, ct);
        return result with { Elapsed = watch.Elapsed, Steps = [("parse and check rows", parseTime), .. result.Steps] };
    }

    /// <summary>Rows already checked (the CLI's file or the web import's), with their scans already stored: with the yearly agenda counters
    /// locked, the numbers are checked again, then written. Cancellation is honoured until the writing starts; from there the import
    /// finishes (its COPYs commit together a few seconds later), so a cancel never leaves half the letters.</summary>
    public static async Task<ImportResult> WriteAsync(
        IDocumentStore store, string agency, IReadOnlyList<LegacyRegisterRow> rows, IReadOnlyDictionary<int, ImportedScan> scans,
        Caller? importer, string source, ArsipClock clock, ImportProgress? progress, CancellationToken ct = default)
    {
        var steps = new ImportSteps();

        await using var query = store.QuerySession(agency);
        var positions = (await query.Query<Position>().ToListAsync(ct))
            .GroupBy(p => p.Title.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        // tables Marten creates on first use: the COPYs below go around Marten, so they are made now, outside the transaction
        foreach (var type in new[] { typeof(IncomingLetterView), typeof(IncomingLetterFingerprint) })
            await store.Storage.Database.EnsureStorageExistsAsync(type, ct);
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
        await CopyAsync((NpgsqlConnection)connection, store, agency, letters, BuildRows(store, agency, letters, importer, source, now), now, steps);
        await transaction.CommitAsync(CancellationToken.None);
        steps.Done("commit");
        return new(letters.Count, [], steps.Elapsed) { Steps = steps.All, Scans = letters.Count(l => l.Scan is not null) };
    }

    private sealed record EventRow(Guid Id, EventMapping Mapping, string Data, string Headers);

    private sealed record LetterRows(Guid Id, EventRow[] Events, string View, int AgendaNumber, string FingerprintId, string Fingerprint);

    /// <summary>Each letter's events sealed into its new chain exactly as <see cref="HashChain.Seal"/> would (bulk writes bypass the sealing
    /// session listener), its view as <see cref="IncomingLetterViewProjection"/> builds it, and its fingerprint: serialized once, on the cores
    /// PostgreSQL leaves free while it takes the rows before (the COPY reads them as they come).</summary>
    private static IEnumerable<LetterRows> BuildRows(IDocumentStore store, string agency,
        List<(IncomingLetterRegistered Registered, IncomingLetterAttachmentAdded? Scan)> letters, Caller? importer, string source, DateTimeOffset now)
    {
        var graph = (Marten.Events.EventGraph)store.Options.Events;
        var (registeredType, scanType) = (graph.EventMappingFor(typeof(IncomingLetterRegistered)), graph.EventMappingFor(typeof(IncomingLetterAttachmentAdded)));
        var serializer = store.Options.Serializer();
        var projection = new IncomingLetterViewProjection();
        var actor = importer is null ? $"impor {source}" : $"{importer.Name} ({importer.PersonId}) [impor {source}]";
        var at = HashChain.Instant(now);
        return letters.AsParallel().AsOrdered().Select(l =>
        {
            var id = l.Registered.LetterId;
            using var chain = new ChainHasher(HashChain.Genesis);
            EventRow Sealed(object data, EventMapping mapping, long version)
            {
                var json = serializer.ToJson(data);
                var hash = chain.Next(System.Text.Encoding.UTF8.GetBytes(json), new LinkFields(HashChain.CurrentFormat, agency, id, version, mapping.EventTypeName, at, actor));
                var headers = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    [HashChain.HashHeader] = hash, [HashChain.ActorHeader] = actor, [HashChain.FormatHeader] = HashChain.CurrentFormat, [HashChain.RecordedAtHeader] = at,
                });
                return new(Guid.CreateVersion7(now), mapping, json, headers);
            }
            var view = projection.Create(l.Registered);
            EventRow[] events = l.Scan is null
                ? [Sealed(l.Registered, registeredType, 1)]
                : [Sealed(l.Registered, registeredType, 1), Sealed(l.Scan, scanType, 2)];
            if (l.Scan is not null) projection.Apply(view, l.Scan);
            var fingerprint = new IncomingLetterFingerprint(IncomingLetterFingerprint.For(l.Registered.Sender, l.Registered.SenderLetterNumber, l.Registered.LetterDate), id);
            return new LetterRows(id, events, serializer.ToJson(view), view.AgendaNumber, fingerprint.Id, serializer.ToJson(fingerprint));
        });
    }

    /// <summary>The rows on the connection that holds the counters, in its transaction, by binary COPY: Marten's bulk inserts each open
    /// their own connection and commit on their own, so a crash between them left events without views (or the reverse).</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, IDocumentStore store, string agency, 
        List<(IncomingLetterRegistered Registered, IncomingLetterAttachmentAdded? Scan)> letters, IEnumerable<LetterRows> rows, DateTimeOffset now, ImportSteps steps)
    {
        var ct = CancellationToken.None; // from here the import finishes: a cancel is refused as too late
        var options = store.Options;
        var (events, documents) = (options.Events.DatabaseSchemaName, options.DatabaseSchemaName);
        var streamType = ((Marten.Events.EventGraph)options.Events).AggregateAliasFor(typeof(IncomingLetter));
        var count = letters.Sum(l => l.Scan is null ? 1 : 2);
        var sequence = new long[count];
        await using (var next = new NpgsqlCommand($"select nextval('{events}.mt_events_sequence') from generate_series(1, $1)", connection) { Parameters = { new() { Value = count } } })
        await using (var reader = await next.ExecuteReaderAsync(ct))
            for (var i = 0; await reader.ReadAsync(ct); i++) sequence[i] = reader.GetInt64(0);

        await using (var copy = await connection.BeginBinaryImportAsync($"copy {events}.mt_streams (tenant_id, id, type, version) from stdin (format binary)", ct))
        {
            foreach (var (registered, scan) in letters)
            {
                copy.StartRow();
                copy.Write(agency, NpgsqlDbType.Varchar);
                copy.Write(registered.LetterId, NpgsqlDbType.Uuid);
                copy.Write(streamType, NpgsqlDbType.Varchar);
                copy.Write(scan is null ? 1L : 2L, NpgsqlDbType.Bigint);
            }
            await copy.CompleteAsync(ct);
        }
        steps.Done("  COPY streams");

        var built = new List<LetterRows>(letters.Count);
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"copy {events}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers, is_archived) from stdin (format binary)", ct))
        {
            var (n, recordedAt) = (0, HashChain.Microseconds(now)); // the instant the seal hashed
            foreach (var letter in rows)
            {
                built.Add(letter);
                for (var v = 0; v < letter.Events.Length; v++)
                {
                    var e = letter.Events[v];
                    copy.StartRow();
                    copy.Write(sequence[n++], NpgsqlDbType.Bigint);
                    copy.Write(e.Id, NpgsqlDbType.Uuid);
                    copy.Write(letter.Id, NpgsqlDbType.Uuid);
                    copy.Write((long)v + 1, NpgsqlDbType.Bigint);
                    copy.Write(e.Data, NpgsqlDbType.Jsonb);
                    copy.Write(e.Mapping.EventTypeName, NpgsqlDbType.Varchar);
                    copy.Write(recordedAt, NpgsqlDbType.TimestampTz);
                    copy.Write(agency, NpgsqlDbType.Varchar);
                    copy.Write(e.Mapping.DotNetTypeName, NpgsqlDbType.Varchar);
                    copy.Write(e.Headers, NpgsqlDbType.Jsonb);
                    copy.Write(false, NpgsqlDbType.Boolean);
                }
            }
            await copy.CompleteAsync(ct);
        }
        steps.Done("  seal and COPY events");

        // the view's columns as Marten maps them: its revision is the stream's version, as the inline projection leaves it
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"copy {documents}.mt_doc_{nameof(IncomingLetterView).ToLowerInvariant()} (tenant_id, id, data, mt_dotnet_type, mt_version, agenda_number) from stdin (format binary)", ct))
        {
            var type = typeof(IncomingLetterView).FullName!;
            foreach (var letter in built)
            {
                copy.StartRow();
                copy.Write(agency, NpgsqlDbType.Varchar);
                copy.Write(letter.Id, NpgsqlDbType.Uuid);
                copy.Write(letter.View, NpgsqlDbType.Jsonb);
                copy.Write(type, NpgsqlDbType.Varchar);
                copy.Write((long)letter.Events.Length, NpgsqlDbType.Bigint);
                copy.Write(letter.AgendaNumber, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync(ct);
        }
        steps.Done("  COPY IncomingLetterView");

        // a fingerprint already there (the same letter registered before, or twice in the file) stays as it is
        var fingerprints = built.DistinctBy(l => l.FingerprintId).ToList();
        await using (var insert = new NpgsqlCommand($"""
            insert into {documents}.mt_doc_{nameof(IncomingLetterFingerprint).ToLowerInvariant()} (tenant_id, id, data, mt_dotnet_type, mt_version)
            select $1, x.id, x.data::jsonb, $2, x.version from unnest($3::text[], $4::text[], $5::uuid[]) as x(id, data, version)
            on conflict (tenant_id, id) do nothing
            """, connection)
        {
            Parameters =
            {
                new() { Value = agency }, new() { Value = typeof(IncomingLetterFingerprint).FullName! },
                new() { Value = fingerprints.Select(f => f.FingerprintId).ToArray() }, new() { Value = fingerprints.Select(f => f.Fingerprint).ToArray() },
                new() { Value = fingerprints.Select(_ => Guid.CreateVersion7()).ToArray() },
            },
        })
            await insert.ExecuteNonQueryAsync(ct);
        steps.Done("  fingerprints");
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
