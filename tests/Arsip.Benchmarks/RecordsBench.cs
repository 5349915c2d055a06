using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Arsip.Correspondence;
using Arsip.Records;
using Arsip.ReferenceData;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weasel.Core;

namespace Arsip.Bench;

/// <summary>
/// Issue 16, records: (a) the due list ("what becomes inactive or reaches the end of its retention this month / this
/// year") over 1,000,000 filed letters in 100,000 berkas, for one unit (target &lt; 200 ms) and the whole agency
/// (&lt; 2 s), beside the same question asked as one SQL query over the raw events; (b) filing 1,000 letters into a
/// berkas in one request (&lt; 1 s), beside appending the same events straight to Marten.
/// </summary>
public sealed class RecordsBench : IBench
{
    private const string Tenant = "bench";
    private const string Area = "records";
    private static readonly DateOnly Today = new(2026, 11, 24);

    public string Name => "records";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        var rows = new List<BenchRow>();
        await using (var database = await BenchDatabase.CreateAsync("records", context))
        {
            if (database is null) return [];
            rows.AddRange(await DueListAsync(database.ConnectionString, context));
        }
        rows.AddRange(await FilingAsync(context));
        return rows;
    }

    // (a) the due list -----------------------------------------------------------------------------

    /// <summary>
    /// The due list's question on the berkas documents' duplicated, indexed columns (unit_id, active_until,
    /// inactive_until). Stand-in for engineer B's due-list query function (Records/, branch rec-b): once merged,
    /// call that function here instead, with the same unit, scope and date.
    /// </summary>
    private static readonly Caller Archivist = new(Tenant, Guid.NewGuid(), "arsiparis", [], [], [Role.Archivist]);

    /// <summary>The due list as the API answers it (<see cref="DueListQueries.LoadAsync"/>); the bench's question is its first two lists.</summary>
    public static async Task<DueList> DueAsync(IQuerySession session, Guid? unitId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var scope = to.DayNumber - from.DayNumber > 31 ? DueScope.Year : DueScope.Month;
        var (list, refusal) = await DueListQueries.LoadAsync(session, Archivist, unitId, scope, from, new ArsipClock(TimeProvider.System), ct);
        return list ?? throw new InvalidOperationException(refusal?.Detail);
    }

    private static IReadOnlyList<Guid> Due(DueList list) => list.BecomingInactive.Concat(list.RetentionEnding).Select(f => f.Id).Distinct().ToList();

    private static async Task<IEnumerable<BenchRow>> DueListAsync(string connectionString, BenchContext context)
    {
        var (files, lettersPerFile, units) = context.Quick ? (10_000, 10, 20) : (100_000, 10, 40);
        using var store = DocumentStore.For(opts => ArsipStore.Configure(opts, connectionString));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var unitIds = Enumerable.Range(0, units).Select(u => new Guid(u + 1, 16, 16, [0, 0, 0, 0, 0, 0, 0, 1])).ToArray();

        var seeding = Stopwatch.StartNew();
        var (events, closed) = await SeedAsync(store, files, lettersPerFile, unitIds, context.Log);
        await using (var organization = store.LightweightSession(Tenant))
        {
            // the due list refuses an unknown unit, so the units exist as the organization's documents
            organization.Store(unitIds.Select((id, i) => new Arsip.Organization.Unit { Id = id, Code = $"U{i + 1}", Name = $"Unit {i + 1}" }).ToArray());
            await organization.SaveChangesAsync();
        }
        context.Log.WriteLine($"  records: seeded {files:N0} berkas, {files * lettersPerFile:N0} letters, {events:N0} events ({closed:N0} berkas closed) in {seeding.Elapsed.TotalSeconds:0} s");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"analyze {ArsipStore.Schema}.mt_events; analyze {ArsipStore.Schema}.mt_doc_casefile;");
        var indexes = await ScalarAsync<string>(connection,
            $"select string_agg(indexname, ', ') from pg_indexes where schemaname = '{ArsipStore.Schema}' and tablename = 'mt_doc_casefile'");
        context.Log.WriteLine($"  records: indexes on the berkas documents: {indexes}");
        var baseline = await BaselineSqlAsync(connection);

        var load = File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;
        var random = new Random(16);
        var rows = new List<BenchRow>();
        await using var session = store.QuerySession(Tenant);
        foreach (var (scope, agencyWide) in new[] { ("month", false), ("year", false), ("month", true), ("year", true) })
        {
            var iterations = (agencyWide, context.Quick) switch { (false, false) => 100, (false, true) => 30, (true, false) => 30, (true, true) => 10 };
            var baselineIterations = context.Quick ? 3 : 7;
            (Guid? Unit, DateOnly From, DateOnly To) Question()
            {
                var day = Today.AddMonths(random.Next(0, 48));
                var (from, to) = scope == "month"
                    ? (new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1))
                    : (new DateOnly(day.Year, 1, 1), new DateOnly(day.Year, 12, 31));
                return (agencyWide ? null : unitIds[random.Next(unitIds.Length)], from, to);
            }

            var (ours, counts) = (new List<double>(), new List<int>());
            for (var i = -3; i < iterations; i++)
            {
                var (unit, from, to) = Question();
                var start = Stopwatch.GetTimestamp();
                var due = await DueAsync(session, unit, from, to, CancellationToken.None);
                if (i < 0) continue;
                ours.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                counts.Add(Due(due).Count);
            }
            var raw = new List<double>();
            for (var i = -1; i < baselineIterations; i++)
            {
                var (unit, from, to) = Question();
                var start = Stopwatch.GetTimestamp();
                var found = await BaselineAsync(connection, baseline, unit, from, to);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                // the same question must have the same answer both ways
                var answer = await DueAsync(session, unit, from, to, CancellationToken.None);
                var expected = Due(answer).Order().ToList();
                // the API stops a list at 1,000 rows (and says so): then each row it gives must be in the baseline's answer
                if (answer.Truncated ? !expected.All(found.Contains) : !found.Order().SequenceEqual(expected))
                    throw new InvalidOperationException($"due list and raw-event baseline disagree for {unit} {from}..{to}: {expected.Count} vs {found.Count}");
                if (i >= 0) raw.Add(elapsed);
            }
            var (sorted, rawSorted) = (ours.Order().ToArray(), raw.Order().ToArray());
            var (p50, p95) = (Measure.Percentile(sorted, 50), Measure.Percentile(sorted, 95));
            var limit = agencyWide ? 2_000 : 200;
            rows.Add(new BenchRow(Area,
                $"due list, {(agencyWide ? "whole agency" : "one unit")}, this {scope} ({files * lettersPerFile:N0} letters in {files:N0} berkas; {counts.Average():N0} berkas answered on average, each list at most 1,000)",
                "p50 / p95", $"{Measure.Ms(p50)} / {Measure.Ms(p95)}",
                $"one SQL query over the raw events: {Measure.Ms(Measure.Percentile(rawSorted, 50))} / {Measure.Ms(Measure.Percentile(rawSorted, 95))}",
                $"< {limit:N0} ms", p95 < limit));
        }
        var loadAfter = File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN;
        rows.Add(new BenchRow(Area, "machine load while measuring the due list (shared cores skew every number)", "load average (before / after)",
            $"{load.ToString("0.0", CultureInfo.InvariantCulture)} / {loadAfter.ToString("0.0", CultureInfo.InvariantCulture)}", "", $"≤ {Environment.ProcessorCount}",
            Math.Max(load, loadAfter) <= Environment.ProcessorCount));
        return rows;
    }

    /// <summary>
    /// Berkas streams (created, letters filed, and for most: closed, some reopened and closed again, some waiting for
    /// or given their retention trigger), the letters' own streams (registered, filed) and the berkas documents as
    /// the inline snapshot would have written them, all by COPY. Closing days spread over 2015–2026 and the units.
    /// </summary>
    private static async Task<(long Events, int Closed)> SeedAsync(DocumentStore store, int files, int lettersPerFile, Guid[] units, TextWriter log)
    {
        var registry = (IEventRegistry)store.Options.Events;
        var random = new Random(20261206);
        var at = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
        var person = Guid.NewGuid();
        var registrar = new Caller(Tenant, person, "Bench", [], [units[0]], [Role.Registrar]);
        (int Active, int Inactive)[] retentions = [(1, 2), (2, 3), (2, 5), (3, 5), (5, 10), (1, 1)];
        long events = 0;
        var closedCount = 0;
        const int chunk = 5_000;
        for (var first = 0; first < files; first += chunk)
        {
            var streams = new List<StreamAction>();
            var documents = new List<CaseFile>();
            for (var n = first; n < Math.Min(files, first + chunk); n++)
            {
                var id = new Guid(n + 1, 16, 1, [0, 0, 0, 0, 0, 0, 0, 2]);
                var unit = units[random.Next(units.Length)];
                var year = 2015 + random.Next(12);
                var trail = new List<object> { new CaseFileCreated(id, unit, year, n + 1, "000.5", $"Berkas uji {n + 1}", null, null, null, SecurityLevel.Biasa, false, person, "Bench", at) };
                var letters = new FiledLetter[lettersPerFile];
                for (var l = 0; l < lettersPerFile; l++)
                {
                    var letterId = new Guid(n + 1, (short)(l + 1), 2, [0, 0, 0, 0, 0, 0, 0, 3]);
                    letters[l] = new FiledLetter(letterId, LetterDirection.Incoming);
                    var command = new RegisterIncomingLetter("Dinas Uji", $"UJI/{n}/{l}", new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28)), new DateOnly(year, 12, 31),
                        $"Surat uji {n}-{l}", "000.5", SecurityLevel.Biasa, Urgency.Biasa);
                    var letterStream = StreamAction.Start(registry, letterId,
                        IncomingLetterRegistration.Register(command, new Addressees(null, []), registrar, letterId, n * lettersPerFile + l + 1, at),
                        new LetterFiledInCaseFile(letterId, id, null, null, person, "Bench", at));
                    letterStream.AggregateType = typeof(IncomingLetter);
                    letterStream.TenantId = Tenant;
                    streams.Add(letterStream);
                }
                trail.Add(new LettersFiled(id, letters, null, null, person, "Bench", at));
                if (random.Next(10) < 8)
                {
                    var closedOn = new DateOnly(Math.Min(year + random.Next(2), 2026), 1 + random.Next(11), 1 + random.Next(28));
                    var (active, inactive) = retentions[random.Next(retentions.Length)];
                    var trigger = random.Next(10) == 0 ? RetentionTrigger.NoLongerInForce : RetentionTrigger.CaseFileClosed;
                    var retention = new FixedRetention(1, "000.5", active, inactive, random.Next(3) == 0 ? FinalAction.Permanen : FinalAction.Musnah, trigger);
                    if (random.Next(50) == 0)
                    {
                        trail.Add(new CaseFileClosed(id, closedOn.AddMonths(-2), retention, person, "Bench", at));
                        trail.Add(new CaseFileReopened(id, "Masih ada surat susulan", person, "Bench", at));
                    }
                    trail.Add(new CaseFileClosed(id, closedOn, retention, person, "Bench", at));
                    if (trigger != RetentionTrigger.CaseFileClosed && random.Next(2) == 0)
                        trail.Add(new RetentionTriggerRecorded(id, trigger, closedOn.AddDays(random.Next(400)), "Peraturan dicabut", person, "Bench", at));
                    closedCount++;
                }
                var stream = StreamAction.Start(registry, id, trail.ToArray());
                stream.AggregateType = typeof(CaseFile);
                stream.TenantId = Tenant;
                streams.Add(stream);
                documents.Add(Fold(trail));
                events += trail.Count + 2 * lettersPerFile;
            }
            await store.BulkInsertEventsAsync(Tenant, streams.ToArray(), 5_000, CancellationToken.None);
            await store.BulkInsertAsync(Tenant, documents, BulkInsertMode.InsertsOnly, 5_000, CancellationToken.None);
            if (first / chunk % 5 == 0) log.WriteLine($"  records: {first + chunk:N0} berkas written");
        }
        return (events, closedCount);
    }

    /// <summary>The berkas document from its events, through the aggregate's own Create and Apply methods.</summary>
    private static CaseFile Fold(IEnumerable<object> trail)
    {
        CaseFile? file = null;
        foreach (var e in trail)
        {
            switch (e)
            {
                case CaseFileCreated c: file = CaseFile.Create(c); break;
                case LettersFiled f: file!.Apply(f); break;
                case CaseFileClosed c: file!.Apply(c); break;
                case CaseFileReopened r: file!.Apply(r); break;
                case RetentionTriggerRecorded t: file!.Apply(t); break;
            }
        }
        return file!;
    }

    /// <summary>
    /// The due list as one SQL query over mt_events alone: each berkas's unit from its creation, its last closing
    /// (unless reopened after it), its last recorded trigger, the dates computed in SQL from the fixed retention.
    /// </summary>
    private static async Task<string> BaselineSqlAsync(NpgsqlConnection connection)
    {
        var sample = await ScalarAsync<string>(connection, $"select data::text from {ArsipStore.Schema}.mt_events where type = 'case_file_closed' limit 1");
        // the event JSON's property names as Marten's serializer writes them
        var pascal = sample.Contains("\"ClosedOn\"", StringComparison.Ordinal);
        string P(string name) => pascal ? name : char.ToLowerInvariant(name[0]) + name[1..];
        var e = $"{ArsipStore.Schema}.mt_events";
        return $"""
            with created as (
                select stream_id, (data->>'{P("UnitId")}')::uuid as unit_id from {e}
                where tenant_id = @tenant and type = 'case_file_created' and (@unit::uuid is null or (data->>'{P("UnitId")}')::uuid = @unit::uuid)),
            closing as (
                select distinct on (stream_id) stream_id, seq_id, (data->>'{P("ClosedOn")}')::date as closed_on,
                       (data->'{P("Retention")}'->>'{P("ActiveYears")}')::int as active_years,
                       (data->'{P("Retention")}'->>'{P("InactiveYears")}')::int as inactive_years,
                       data->'{P("Retention")}'->>'{P("Trigger")}' as trigger
                from {e} where tenant_id = @tenant and type = 'case_file_closed' order by stream_id, seq_id desc),
            reopening as (
                select stream_id, max(seq_id) as seq_id from {e} where tenant_id = @tenant and type = 'case_file_reopened' group by stream_id),
            triggering as (
                select distinct on (stream_id) stream_id, (data->>'{P("OccurredOn")}')::date as occurred_on
                from {e} where tenant_id = @tenant and type = 'retention_trigger_recorded' order by stream_id, seq_id desc),
            dated as (
                select c.stream_id,
                       (case when c.trigger = 'CaseFileClosed' then c.closed_on else t.occurred_on end + make_interval(years => c.active_years))::date as active_until,
                       ((case when c.trigger = 'CaseFileClosed' then c.closed_on else t.occurred_on end + make_interval(years => c.active_years)) + make_interval(years => c.inactive_years))::date as inactive_until
                from closing c join created using (stream_id)
                left join reopening r on r.stream_id = c.stream_id
                left join triggering t on t.stream_id = c.stream_id
                where r.seq_id is null or r.seq_id < c.seq_id)
            select stream_id from dated
            where active_until between @from and @to or inactive_until between @from and @to
            """;
    }

    private static async Task<List<Guid>> BaselineAsync(NpgsqlConnection connection, string sql, Guid? unit, DateOnly from, DateOnly to)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("tenant", Tenant);
        command.Parameters.Add(new NpgsqlParameter("unit", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)unit ?? DBNull.Value });
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    // (b) filing 1,000 letters in one request ---------------------------------------------------------

    /// <summary>
    /// POST /api/case-files/{id}/letters with 1,000 letters (engineer A's endpoint, branch rec-a), each into a new berkas,
    /// beside appending the same events to Marten directly. Skipped, with a row saying so, while the route is missing.
    /// </summary>
    private static async Task<IEnumerable<BenchRow>> FilingAsync(BenchContext context)
    {
        const string caseName = "file 1,000 letters into a berkas in one request (POST /api/case-files/{id}/letters)";
        var server = Environment.GetEnvironmentVariable("ARSIP_BENCH_DB");
        if (string.IsNullOrWhiteSpace(server)) return [];
        var database = $"arsip_bench_rec_{Environment.ProcessId}";
        var connectionString = await CorrespondenceBench.CreateDatabaseAsync(server, database);
        try
        {
            await using var host = new CorrespondenceBench.BenchHost(connectionString, Path.Combine(context.WorkDir, "records"));
            var archivist = await host.SignedInClientAsync("arsiparis", "kota-bekasi");
            var registrar = await host.SignedInClientAsync("registrar", "kota-bekasi");
            var chart = await archivist.GetFromJsonAsync<Arsip.Organization.OrganizationChart>("/api/organization", Json);
            var unit = chart!.Units.Single(u => u.Code == "Umum").Id;

            async Task<(Guid? Id, string? Refusal)> CreateAsync(int n)
            {
                // the body as the brief names it; adjust here if engineer A's command takes other fields
                var response = await archivist.PostAsJsonAsync("/api/case-files", new
                {
                    unitId = unit, classification = "000.5", title = $"Berkas uji pemberkasan {n}", securityLevel = "Biasa", vital = false,
                });
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed) return (null, "needs the filing endpoint (POST /api/case-files answered " + (int)response.StatusCode + " on this branch)");
                if (response.StatusCode != HttpStatusCode.Created) return (null, $"POST /api/case-files answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return ((await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid(), null);
            }

            async Task<Guid[]> LettersAsync(int round)
            {
                var ids = new Guid[1000];
                var next = -1;
                await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < ids.Length)
                    {
                        var response = await registrar.PostAsJsonAsync("/api/incoming-letters", new
                        {
                            sender = "Dinas Uji Pemberkasan", senderLetterNumber = $"PB/{round}/{i}", letterDate = "2026-11-20", receivedOn = "2026-11-23",
                            subject = $"Surat uji pemberkasan {round}-{i}", classification = "000.5", securityLevel = "Biasa", urgency = "Biasa",
                        });
                        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"registration: {(int)response.StatusCode}");
                        ids[i] = (await response.Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(Json))!.Id;
                    }
                })));
                return ids;
            }

            var (first, refusal) = await CreateAsync(0);
            if (first is null)
                return [new BenchRow(Area, caseName, "latency", "skipped: " + refusal, "", "< 1 s", false)];

            var rounds = context.Quick ? 3 : 7;
            var (ours, direct) = (new List<double>(), new List<double>());
            var store = host.Services.GetRequiredService<IDocumentStore>();
            for (var round = 0; round < rounds; round++)
            {
                var id = round == 0 ? first.Value : (await CreateAsync(round)).Id ?? throw new InvalidOperationException("berkas not created");
                var letters = await LettersAsync(round);
                var start = Stopwatch.GetTimestamp();
                var filed = await archivist.PostAsJsonAsync($"/api/case-files/{id}/letters", new { letterIds = letters });
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!filed.IsSuccessStatusCode) return [new BenchRow(Area, caseName, "latency", $"refused: {(int)filed.StatusCode} {await filed.Content.ReadAsStringAsync()}", "", "< 1 s", false)];
                ours.Add(elapsed);

                // baseline: the same events appended straight to Marten (no HTTP, no decision, no loads)
                var others = await LettersAsync(round + 1000);
                var target = Guid.CreateVersion7();
                var at = DateTimeOffset.UtcNow;
                start = Stopwatch.GetTimestamp();
                await using (var session = store.LightweightSession("kota-bekasi"))
                {
                    session.Events.StartStream<CaseFile>(target,
                        new CaseFileCreated(target, unit, 2026, 10_000 + round, "000.5", "Pembanding", null, null, null, SecurityLevel.Biasa, false, Guid.NewGuid(), "Bench", at),
                        new LettersFiled(target, others.Select(l => new FiledLetter(l, LetterDirection.Incoming)).ToArray(), null, null, Guid.NewGuid(), "Bench", at));
                    foreach (var letter in others) session.Events.Append(letter, new LetterFiledInCaseFile(letter, target, null, null, Guid.NewGuid(), "Bench", at));
                    await session.SaveChangesAsync();
                }
                direct.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            var (sorted, baseline) = (ours.Order().ToArray(), direct.Order().ToArray());
            return
            [
                new BenchRow(Area, $"{caseName}, {rounds} berkas", "p50 / max", $"{Measure.Ms(Measure.Percentile(sorted, 50))} / {Measure.Ms(sorted[^1])}",
                    $"the same events appended to Marten directly: {Measure.Ms(Measure.Percentile(baseline, 50))} / {Measure.Ms(baseline[^1])}", "p50 < 1 s", Measure.Percentile(sorted, 50) < 1_000),
            ];
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await CorrespondenceBench.DropDatabaseAsync(server, database);
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
