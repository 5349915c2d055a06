using System.Diagnostics;
using System.Globalization;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Records;
using Arsip.Search;
using Arsip.Searching;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Arsip.Bench;

/// <summary>
/// Issue 17, pemusnahan: destroying 100,000 letters with one scan each (target ≥ 5,000 records/s) including the blobs'
/// deletion and the index entries' removal, in berkas of 100 letters and transactions of 1,000 letters (as the disposal's
/// batches); baseline in the same run: deleting the same number of blob files and index entries alone.
/// </summary>
public sealed class RecordsDestructionBench : IBench
{
    private const string Tenant = "bench";
    private const string Area = "records";
    private const int LettersPerFile = 100;
    private const int FilesPerBatch = 10;

    public string Name => "records-destruction";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        await using var database = await BenchDatabase.CreateAsync("destruction", context);
        if (database is null) return [];
        // ARSIP_BENCH_DESTRUCTION_LETTERS: another size (a machine too busy for the full run); ARSIP_BENCH_DESTRUCTION_BERKAS: berkas a transaction
        var letters = int.TryParse(Environment.GetEnvironmentVariable("ARSIP_BENCH_DESTRUCTION_LETTERS"), out var size) && size > 0 ? size : context.Quick ? 10_000 : 100_000;
        var filesPerBatch = int.TryParse(Environment.GetEnvironmentVariable("ARSIP_BENCH_DESTRUCTION_BERKAS"), out var perBatch) && perBatch > 0 ? perBatch : FilesPerBatch;
        var cs = database.ConnectionString;
        await DatabaseRoles.ApplySchemaAsync(cs, DatabaseRoles.UserOf(cs), ArsipStore.Configure, CancellationToken.None);
        var clock = new ArsipClock(TimeProvider.System);
        using var store = DocumentStore.For(opts =>
        {
            ArsipStore.Configure(opts, cs);
            opts.Listeners.Add(new HashChainListener(new HttpContextAccessor(), clock));
        });
        var data = Path.Combine(context.WorkDir, "destruction");
        var blobs = new FileBlobStore(Path.Combine(data, "blobs"), AttachmentOptions.DefaultMaxBytes);
        var copies = new FileBlobStore(Path.Combine(data, "baseline-blobs"), AttachmentOptions.DefaultMaxBytes);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Arsip:DataDirectory"] = data }).Build();

        // ARSIP_BENCH_DESTRUCTION_COLD=1: no warm-up (the first disposal after a start, its code still being compiled)
        var cold = Environment.GetEnvironmentVariable("ARSIP_BENCH_DESTRUCTION_COLD") == "1";
        var warmLetters = cold ? 0 : WarmUpBatches * filesPerBatch * LettersPerFile;
        var seeding = Stopwatch.StartNew();
        var (allFiles, allIds) = await SeedAsync(store, blobs, copies, warmLetters + letters);
        var (warmFiles, files) = (allFiles[..(warmLetters / LettersPerFile)], allFiles[(warmLetters / LettersPerFile)..]);
        var (warmIds, ids) = (allIds[..warmLetters], allIds[warmLetters..]);
        using var index = LetterIndex.Open(Path.Combine(data, "index"));
        using var baselineIndex = LetterIndex.Open(Path.Combine(data, "baseline-index"));
        await using (var session = store.QuerySession(Tenant))
            foreach (var chunk in allIds.Chunk(5_000))
                foreach (var view in await session.LoadManyAsync<IncomingLetterView>(chunk))
                {
                    index.Upsert(IndexedLetters.From(Tenant, view, ["arahan pimpinan tindak lanjut"]));
                    baselineIndex.Upsert(IndexedLetters.From(Tenant, view, ["arahan pimpinan tindak lanjut"]));
                }
        index.Commit(1);
        baselineIndex.Commit(1);
        context.Log.WriteLine($"  records-destruction: seeded {letters:N0} letters (and {warmLetters:N0} to warm up) with a scan each in {allFiles.Length:N0} berkas in {seeding.Elapsed.TotalSeconds:0} s");

        var sweeper = new DestroyedContentSweeper(store, blobs, configuration, NullLogger<DestroyedContentSweeper>.Instance);
        var warrant = new DestructionWarrant(Guid.CreateVersion7(), "BA-MUSNAH/1/2026", Guid.Empty, "Bench", clock.GetUtcNow());
        // a server that has run a disposal's first batches has compiled their code: a short run measured cold is mostly the JIT's
        // (a third of this process's CPU in a 10,000-letter run, perf). The warm-up runs the same code on other letters, unmeasured
        if (warmLetters > 0)
        {
            await DeleteAloneAsync(store, copies, baselineIndex, warmIds);
            await DestroyAsync(store, sweeper, index, warrant, warmFiles, filesPerBatch);
            await CompiledAsync();
        }

        // the floor's copies of the measured letters' rows as they are before destruction (unmeasured)
        await FloorCopiesAsync(cs, ids);
        // what seeding and the copies left dirty is written out first (unmeasured): the deletions' file-system syncs then pay only for their own
        if (OperatingSystem.IsLinux()) using (var sync = Process.Start("sync")) sync.WaitForExit();
        var load = Load();
        var postmaster = await Measure.PostmasterPidAsync(cs);
        var baselineCpu = Measure.CpuNow(postmaster);
        // baseline: the same number of blob files and index entries deleted, nothing else
        var baseline = Stopwatch.StartNew();
        await DeleteAloneAsync(store, copies, baselineIndex, ids);
        baseline.Stop();
        baselineCpu = Spent(baselineCpu, postmaster);

        // measured: reduce every letter to its tombstone (events, views), then the blobs and the index entries
        var measuredCpu = Measure.CpuNow(postmaster);
        var measured = Stopwatch.StartNew();
        var phases = await DestroyAsync(store, sweeper, index, warrant, files, filesPerBatch);
        measured.Stop();
        measuredCpu = Spent(measuredCpu, postmaster);
        context.Log.WriteLine($"  records-destruction: {filesPerBatch * LettersPerFile:N0} letters a transaction{(cold ? ", cold" : "")}, in {measured.Elapsed.TotalSeconds:0.0} s; busy: reads and reduction {phases.Prepare.TotalSeconds:0.0} s, " +
            $"save (events, trigger, views) {phases.Save.TotalSeconds:0.0} s; alongside them blobs {phases.Sweep.TotalSeconds:0.0} s, index {phases.Reindex.TotalSeconds:0.0} s; " +
            $"{PerRecord(measuredCpu)} (baseline {PerRecord(baselineCpu)})");
        var loadAfter = Load();
        var tombstoneType = ((Marten.Events.EventGraph)store.Options.Events).EventMappingFor(typeof(IncomingLetterContentDestroyed)).EventTypeName;
        var (floor, floorCpu) = await FloorAsync(cs, tombstoneType, postmaster, context.Log);
        context.Log.WriteLine($"  records-destruction floor: {floor.TotalSeconds:0.00} s; {PerRecord(floorCpu)}");

        // it all happened: every letter destroyed, no blob left, no destroyed word found
        await using (var check = store.QuerySession(Tenant))
        {
            var left = await check.Query<IncomingLetterView>().Where(v => v.Destroyed == null).CountAsync();
            if (left != 0) throw new InvalidOperationException($"{left} letters not destroyed");
        }
        if (Directory.EnumerateFiles(blobs.Root, "*", SearchOption.AllDirectories).Any(f => !f.Contains($"{Path.DirectorySeparatorChar}tmp{Path.DirectorySeparatorChar}")))
            throw new InvalidOperationException("blobs left after destruction");
        index.Refresh();
        if (index.Search(new SearchRequest(new AccessScope(Tenant, [Arsip.Access.LetterAccess.AgencyWide])) { Query = "arahan" }).TotalHits != 0)
            throw new InvalidOperationException("a destroyed word is still found");

        var perSecond = letters / measured.Elapsed.TotalSeconds;
        // on a shared machine CPU per record is what the load does not change: this process (reduction, sweeper, Lucene) and PostgreSQL
        string PerRecord((TimeSpan Process, TimeSpan Postgres) cpu) =>
            $"CPU per record: Arsip {cpu.Process.TotalMilliseconds * 1000 / letters:N0} µs + PostgreSQL {cpu.Postgres.TotalMilliseconds * 1000 / letters:N0} µs";
        return
        [
            new BenchRow(Area, $"destroying {letters:N0} letters with one scan each ({files.Length:N0} berkas, {LettersPerFile * filesPerBatch:N0} letters a transaction{(cold ? ", cold" : $", after {warmLetters:N0} unmeasured")}): events reduced and tombstoned, views, issued PDFs, blobs and index entries",
                "records/s", $"{perSecond.ToString("N0", CultureInfo.InvariantCulture)} ({PerRecord(measuredCpu)})",
                $"deleting the same number of blobs and index entries alone: {(letters / baseline.Elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture)} records/s ({PerRecord(baselineCpu)})",
                "≥ 5,000 records/s", perSecond >= 5_000),
            new BenchRow(Area, $"what bounds the disposal: PostgreSQL alone writing what the same {letters:N0} destructions wrote (the tombstones by binary COPY; the reduced events' data, the streams' versions and the views each by binary COPY into a temporary table and one set-based UPDATE; into copies of the tables with their indexes holding the letters' rows as before; no triggers, foreign keys or app logic; one transaction)",
                "records/s", $"{(letters / floor.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture)} ({floor.TotalSeconds:0.00} s; {PerRecord(floorCpu)})",
                $"the destruction above: {perSecond.ToString("N0", CultureInfo.InvariantCulture)} records/s ({PerRecord(measuredCpu)})", "≥ 5,000 records/s", letters / floor.TotalSeconds >= 5_000),
            new BenchRow(Area, "machine load while destroying (shared cores skew every number)", "load average (before / after)",
                $"{load.ToString("0.0", CultureInfo.InvariantCulture)} / {loadAfter.ToString("0.0", CultureInfo.InvariantCulture)}", "", $"≤ {Environment.ProcessorCount}",
                Math.Max(load, loadAfter) <= Environment.ProcessorCount),
        ];
    }

    private const int WarmUpBatches = 2;

    private const string FloorPrefix = "bench_floor_";
    private static readonly string[] FloorTables = ["mt_events", "mt_streams", "mt_doc_incomingletterview"];

    /// <summary>Copies, with their indexes (no triggers, no foreign keys), of the three tables a destruction of incoming letters
    /// writes, holding the measured letters' rows as they are before it (the rows the floor's UPDATEs rewrite), and their ids.</summary>
    private static async Task FloorCopiesAsync(string cs, Guid[] ids)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        async Task Sql(string sql) => await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();
        await Sql($"drop table if exists {FloorPrefix}ids");
        await using (var letters = new NpgsqlCommand($"create table {FloorPrefix}ids as select unnest($1::uuid[]) as id", connection) { Parameters = { new() { Value = ids } } })
            await letters.ExecuteNonQueryAsync();
        foreach (var table in FloorTables)
        {
            var key = table == "mt_events" ? "stream_id" : "id";
            await Sql($"drop table if exists {FloorPrefix}{table}");
            await Sql($"create table {FloorPrefix}{table} (like {ArsipStore.Schema}.{table} including defaults including indexes)");
            await Sql($"insert into {FloorPrefix}{table} select * from {ArsipStore.Schema}.{table} where tenant_id = '{Tenant}' and {key} in (select id from {FloorPrefix}ids)");
            await Sql($"vacuum analyze {FloorPrefix}{table}");
        }
    }

    /// <summary>What bounds the disposal: the least PostgreSQL must write for these destructions, whatever Arsip computes. What the
    /// measured run wrote is read out in COPY's binary form (unmeasured): the tombstone rows, the reduced events' new data, the
    /// streams' versions and the views. Then, timed, in one transaction: the tombstones COPYed into the events' copy, and the rest
    /// COPYed into temporary tables and applied by one UPDATE each. PostgreSQL's CPU (and this process's) measured beside it.</summary>
    private static async Task<(TimeSpan Elapsed, (TimeSpan Process, TimeSpan Postgres) Cpu)> FloorAsync(string cs, string tombstoneType, int postmaster, TextWriter log)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        var (schema, letters) = (ArsipStore.Schema, $"(select id from {FloorPrefix}ids)");
        async Task<MemoryStream> Out(string query)
        {
            var rows = new MemoryStream();
            await using (var read = await connection.BeginRawBinaryCopyAsync($"copy ({query}) to stdout (format binary)"))
                await read.CopyToAsync(rows);
            rows.Position = 0;
            return rows;
        }
        var tombstones = await Out($"select * from {schema}.mt_events where tenant_id = '{Tenant}' and type = '{tombstoneType}' and stream_id in {letters}");
        var reduced = await Out($"""
            select e.seq_id, e.data from {schema}.mt_events e join {FloorPrefix}mt_events f on f.seq_id = e.seq_id
            where e.tenant_id = '{Tenant}' and e.stream_id in {letters} and e.data <> f.data
            """);
        var streams = await Out($"select id, version from {schema}.mt_streams where tenant_id = '{Tenant}' and id in {letters}");
        var views = await Out($"select id, data, mt_version from {schema}.mt_doc_incomingletterview where tenant_id = '{Tenant}' and id in {letters}");
        log.WriteLine($"  records-destruction floor: tombstones {tombstones.Length / 1048576.0:N1} MB, reduced events' data {reduced.Length / 1048576.0:N1} MB, " +
            $"streams {streams.Length / 1048576.0:N1} MB, views {views.Length / 1048576.0:N1} MB");
        await new NpgsqlCommand($"""
            create temporary table floor_reduced as select seq_id, data from {FloorPrefix}mt_events limit 0;
            create temporary table floor_streams as select id, version from {FloorPrefix}mt_streams limit 0;
            create temporary table floor_views as select id, data, mt_version from {FloorPrefix}mt_doc_incomingletterview limit 0;
            """, connection).ExecuteNonQueryAsync();
        var cpu = Measure.CpuNow(postmaster);
        var watch = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            async Task In(string table, MemoryStream rows)
            {
                await using var write = await connection.BeginRawBinaryCopyAsync($"copy {table} from stdin (format binary)");
                await rows.CopyToAsync(write);
            }
            async Task Sql(string sql) => await new NpgsqlCommand(sql, connection, transaction).ExecuteNonQueryAsync();
            await In($"{FloorPrefix}mt_events", tombstones);
            await In("floor_reduced", reduced);
            await Sql($"update {FloorPrefix}mt_events e set data = r.data from floor_reduced r where e.seq_id = r.seq_id");
            await In("floor_streams", streams);
            await Sql($"update {FloorPrefix}mt_streams s set version = x.version, timestamp = now() from floor_streams x where s.tenant_id = '{Tenant}' and s.id = x.id");
            await In("floor_views", views);
            await Sql($"update {FloorPrefix}mt_doc_incomingletterview d set data = x.data, mt_version = x.mt_version, mt_last_modified = transaction_timestamp() " +
                $"from floor_views x where d.tenant_id = '{Tenant}' and d.id = x.id");
            await transaction.CommitAsync();
        }
        watch.Stop();
        cpu = Spent(cpu, postmaster);
        foreach (var table in FloorTables.Append("ids")) await new NpgsqlCommand($"drop table {FloorPrefix}{table}", connection).ExecuteNonQueryAsync();
        return (watch.Elapsed, cpu);
    }

    private static async Task DeleteAloneAsync(DocumentStore store, FileBlobStore copies, LetterIndex baselineIndex, IReadOnlyList<Guid> ids)
    {
        await using (var session = store.QuerySession(Tenant))
            foreach (var chunk in ids.Chunk(5_000))
            {
                var views = await session.LoadManyAsync<IncomingLetterView>(chunk);
                // side by side and then made durable, as the sweeper deletes them
                await copies.DeleteManyAsync(views.Select(v => v.Files[0].Sha256).ToArray(), 8);
                foreach (var view in views) baselineIndex.Delete(view.Id);
            }
        baselineIndex.Commit(2);
    }

    private sealed record Phases(TimeSpan Prepare, TimeSpan Save, TimeSpan Sweep, TimeSpan Reindex);

    /// <summary>Where the time goes, per phase (logged, not a row). As in the server, the sweeper (a background service) and the search
    /// feeder work on a committed batch while the next one is reduced and saved: done when both have caught up.</summary>
    private static async Task<Phases> DestroyAsync(DocumentStore store, DestroyedContentSweeper sweeper, LetterIndex index, DestructionWarrant warrant,
        IEnumerable<Guid> files, int filesPerBatch)
    {
        var (prepare, save, sweep, reindex) = (new Stopwatch(), new Stopwatch(), new Stopwatch(), new Stopwatch());
        var committed = System.Threading.Channels.Channel.CreateUnbounded<Guid[]>(new() { SingleReader = true, SingleWriter = true });
        var follower = Task.Run(async () =>
        {
            var lastCommit = Stopwatch.StartNew();
            await foreach (var destroyed in committed.Reader.ReadAllAsync())
            {
                sweep.Start();
                while (await sweeper.SweepAsync(CancellationToken.None) > 0) { }
                sweep.Stop();
                // what the search feeder does on the tombstones: the reduced views indexed again (in parallel, as SearchFeeder.UpsertAsync)
                reindex.Start();
                await using var read = store.QuerySession(Tenant);
                Parallel.ForEach(await read.LoadManyAsync<IncomingLetterView>(destroyed), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                    view => index.Upsert(IndexedLetters.From(Tenant, view, [])));
                // and commits as often as the feeder does
                if (lastCommit.Elapsed >= SearchFeeder.CommitEvery)
                {
                    index.Commit(2);
                    lastCommit.Restart();
                }
                reindex.Stop();
            }
            reindex.Start();
            index.Commit(2);
            reindex.Stop();
        });
        foreach (var batch in files.Chunk(filesPerBatch))
        {
            prepare.Start();
            await using var session = store.LightweightSession(Tenant);
            var destroyed = (await RecordDestruction.DestroyCaseFilesAsync(session, await session.LoadManyAsync<CaseFile>(batch), warrant, CancellationToken.None))
                .Values.SelectMany(l => l).Select(l => l.LetterId).ToArray();
            prepare.Stop();
            save.Start();
            await session.SaveChangesAsync();
            save.Stop();
            committed.Writer.TryWrite(destroyed);
        }
        committed.Writer.Complete();
        await follower;
        return new(prepare.Elapsed, save.Elapsed, sweep.Elapsed, reindex.Elapsed);
    }

    /// <summary>Waits until the runtime has compiled nothing new for half a second (tiered compilation works in the background).</summary>
    private static async Task CompiledAsync()
    {
        var (count, quiet) = (System.Runtime.JitInfo.GetCompiledMethodCount(), Stopwatch.StartNew());
        var limit = Stopwatch.StartNew();
        while (quiet.ElapsedMilliseconds < 500 && limit.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != count) (count, quiet) = (now, Stopwatch.StartNew());
        }
    }

    private static (TimeSpan Process, TimeSpan Postgres) Spent((TimeSpan Process, TimeSpan Postgres) before, int postmaster)
    {
        var now = Measure.CpuNow(postmaster);
        return (now.Process - before.Process, now.Postgres - before.Postgres);
    }

    private static double Load() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;

    /// <summary>Letters (registered with remarks, a scan, filed) and their berkas through Marten with the hash chain, as Arsip stores them; each scan's bytes also in the baseline's folder.</summary>
    private static async Task<(Guid[] Files, Guid[] Letters)> SeedAsync(DocumentStore store, FileBlobStore blobs, FileBlobStore copies, int letters)
    {
        var at = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
        var person = Guid.NewGuid();
        var unit = Guid.NewGuid();
        var registrar = new Caller(Tenant, person, "Bench", [], [unit], [Role.Registrar]);
        var files = new List<Guid>();
        var ids = new List<Guid>();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        var end = new byte[] { 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82 };
        for (var first = 0; first < letters; first += LettersPerFile * FilesPerBatch)
        {
            await using var session = store.LightweightSession(Tenant);
            for (var f = first; f < Math.Min(letters, first + LettersPerFile * FilesPerBatch); f += LettersPerFile)
            {
                var fileId = Guid.CreateVersion7();
                files.Add(fileId);
                var filed = new List<FiledLetter>();
                for (var n = f; n < Math.Min(letters, f + LettersPerFile); n++)
                {
                    var id = Guid.CreateVersion7();
                    ids.Add(id);
                    filed.Add(new FiledLetter(id, Arsip.Records.LetterDirection.Incoming));
                    byte[] scan = [.. png, .. System.Text.Encoding.UTF8.GetBytes($"pindaian surat {n} {id}"), .. end];
                    var blob = await blobs.PutAsync(new MemoryStream(scan));
                    await copies.PutAsync(new MemoryStream(scan));
                    var registered = IncomingLetterRegistration.Register(new RegisterIncomingLetter("Dinas Uji", $"UJI/{n}", new DateOnly(2015, 1, 5), new DateOnly(2015, 1, 6),
                        $"Surat uji {n}", "000.5", SecurityLevel.Biasa, Urgency.Biasa, Remarks: $"catatan rahasia {n}"), new Addressees(null, []), registrar, id, n + 1, at);
                    session.Events.StartStream<IncomingLetter>(id, registered,
                        new IncomingLetterAttachmentAdded(id, blob.Sha256, $"pindaian-{n}.png", blob.ContentType, blob.Length, AttachmentKind.Scan, "Bench", at, person),
                        new LetterFiledInCaseFile(id, fileId, null, null, person, "Bench", at));
                }
                session.Events.StartStream<CaseFile>(fileId,
                    new CaseFileCreated(fileId, unit, 2015, files.Count, "000.5", $"Berkas uji {files.Count}", null, null, null, SecurityLevel.Biasa, false, person, "Bench", at),
                    new LettersFiled(fileId, [.. filed], null, null, person, "Bench", at));
            }
            await session.SaveChangesAsync();
        }
        return ([.. files], [.. ids]);
    }
}
