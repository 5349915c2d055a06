using Microsoft.Extensions.Configuration;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Arsip.Access;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Organization;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Arsip.Bench;

/// <summary>
/// Issue 8: replaying a letter with 1,000 events to any point (target &lt; 20 ms), beside Marten's live
/// aggregation and loading its current read model; verifying hash chains (target ≥ 50,000 events/s), beside
/// the string definition of the chain and plain SHA-256 of the same bytes, and an agency's streams in parallel.
/// </summary>
public sealed class AuditBench : IBench
{
    private const string Tenant = "bench";
    public string Name => "audit";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        await using var database = await BenchDatabase.CreateAsync("audit", context);
        if (database is null) return [];
        var connectionString = database.ConnectionString;
        using var store = DocumentStore.For(opts =>
        {
            ArsipStore.Configure(opts, connectionString);
            opts.Listeners.Add(new HashChainListener(new HttpContextAccessor(), ArsipClock.Real));
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return await MeasureAsync(store, context);
    }

    private static async Task<IReadOnlyList<BenchRow>> MeasureAsync(DocumentStore store, BenchContext context)
    {
        const int events = 1000;
        var letterId = Guid.CreateVersion7();
        var registrar = new Caller(Tenant, Guid.NewGuid(), "Bench", [], [Guid.NewGuid()], [Arsip.Kernel.Role.Registrar]);
        var command = new RegisterIncomingLetter("Dinas Kesehatan", "400.7/1/Dinkes/2026", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 23),
            "Laporan Penanganan Demam Berdarah", "400.7", SecurityLevel.Biasa, Urgency.Segera);
        // the letter's own stream has 1,000 events, nine of them dispositions (each with its own stream:
        // issued, read, completed), so the as-of path also folds dispositions and looks up who held the post
        var position = Guid.NewGuid();
        var holder = Guid.NewGuid();
        var summary = new LetterSummary(1, 2026, command.Subject!, command.Sender!, SecurityLevel.Biasa, Urgency.Segera);
        await using (var session = store.LightweightSession(Tenant))
        {
            session.Events.StartStream<IncomingLetter>(letterId,
                IncomingLetterRegistration.Register(command, new Addressees(null, []), registrar, letterId, 1, DateTimeOffset.UtcNow));
            session.Events.StartStream<Person>(holder, new PersonRegistered(holder, "kabag", "Kepala Bagian Bench", null, null, ""),
                new PersonAssigned(holder, position, DateOnly.FromDateTime(DateTime.UtcNow)));
            await session.SaveChangesAsync();
        }
        var written = 1;
        for (var batch = 0; written < events; batch++)
        {
            await using var session = store.LightweightSession(Tenant);
            var now = DateTimeOffset.UtcNow;
            if (batch < 9)
            {
                var disposition = Guid.CreateVersion7();
                session.Events.StartStream<Disposition>(disposition,
                    new DispositionIssued(disposition, letterId, null, summary, Guid.NewGuid(), "Sekretaris Daerah", Guid.NewGuid(), "Sekda Bench", null,
                        [new DispositionRecipient(position, Guid.NewGuid(), "Kepala Bagian", true)], ["TINDAK_LANJUTI"], null, now.AddDays(2), now),
                    new DispositionRead(disposition, position, holder, "Kepala Bagian Bench", now),
                    new DispositionCompleted(disposition, position, holder, "Kepala Bagian Bench", "Selesai", now));
                session.Events.Append(letterId, new LetterDisposed(letterId, disposition, null, Guid.NewGuid(), [position], now));
                written++;
            }
            var corrections = Enumerable.Range(0, Math.Min(110, events - written))
                .Select(i => (object)new IncomingLetterCorrected(letterId, [new FieldChange("remarks", $"catatan {batch}-{i - 1}", $"catatan {batch}-{i}")],
                    "Koreksi berkala", "Bench", now)).ToArray();
            written += corrections.Length;
            if (corrections.Length > 0) session.Events.Append(letterId, corrections);
            await session.SaveChangesAsync();
        }
        context.Log.WriteLine($"audit: seeded a letter with {events} events on its own stream and 9 dispositions");

        var random = new Random(7);
        var clock = ArsipClock.Real;
        var iterations = context.Quick ? 60 : 300;
        await using var query = store.QuerySession(Tenant);
        // Interleaved: each iteration runs the API's path and the baselines back to back on the same version,
        // so the load other builds put on the machine falls on both alike.
        var (replay, marten, load) = (new List<double>(), new List<double>(), new List<double>());
        var (last, martenLast, step, cold) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var i = -10; i < iterations; i++)
        {
            var version = random.NextInt64(1, events + 1);
            var a = await TimeAsync(() => LetterAsOfEndpoint.StateAsync(query, letterId, new Cutoff(Version: version), clock, CancellationToken.None));
            var b = await TimeAsync(() => query.Events.AggregateStreamAsync<IncomingLetterView>(letterId, version));
            var c = await TimeAsync(() => query.LoadAsync<IncomingLetterView>(letterId));
            var d = await TimeAsync(() => LetterAsOfEndpoint.StateAsync(query, letterId, new Cutoff(Version: events), clock, CancellationToken.None));
            var e = await TimeAsync(() => query.Events.AggregateStreamAsync<IncomingLetterView>(letterId, events));
            var f = await TimeAsync(() => LetterReplay.StepAsync(query, letterId, (int)version, clock, CancellationToken.None));
            LetterTimeline.Forget(store);
            var g = await TimeAsync(() => LetterAsOfEndpoint.StateAsync(query, letterId, new Cutoff(Version: version), clock, CancellationToken.None));
            if (i < 0) continue; // warm-up
            replay.Add(a); marten.Add(b); load.Add(c); last.Add(d); martenLast.Add(e); step.Add(f); cold.Add(g);
        }

        // verification: read once, then recompute the chain in interleaved rounds; baselines: the reference
        // definition (strings: HashChain.Link over HashChain.Canonical), the first link form (type, data, recordedAt,
        // actor: no agency, stream, version or timestamp column) and plain SHA-256 of the same bytes
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        var stored = await ChainVerifier.ReadAsync(connection, store.Options.Events.DatabaseSchemaName, Tenant, letterId, CancellationToken.None);
        var rounds = context.Quick ? 30 : 150;
        var (hasherTime, referenceTime, hashTime, firstFormTime) = (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        for (var i = -3; i < rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            if (!ChainVerifier.Verify(letterId, Tenant, stored).Intact) throw new InvalidOperationException("bench chain broken");
            var afterHasher = Stopwatch.GetTimestamp();
            if (!ReferenceVerify(letterId, stored)) throw new InvalidOperationException("bench chain broken (reference)");
            var afterReference = Stopwatch.GetTimestamp();
            foreach (var e in stored) SHA256.HashData(e.Data);
            var afterHash = Stopwatch.GetTimestamp();
            using (var firstForm = new ChainHasher())
                foreach (var e in stored) firstForm.Next(e.Data, new LinkFields(1, Tenant, letterId, e.Version, e.Type, e.RecordedAt!, e.Actor!));
            if (i < 0) continue;
            hasherTime += Stopwatch.GetElapsedTime(start, afterHasher);
            referenceTime += Stopwatch.GetElapsedTime(afterHasher, afterReference);
            hashTime += Stopwatch.GetElapsedTime(afterReference, afterHash);
            firstFormTime += Stopwatch.GetElapsedTime(afterHash);
        }
        var verifyRate = rounds * stored.Count / hasherTime.TotalSeconds;
        var referenceRate = rounds * stored.Count / referenceTime.TotalSeconds;
        var hashRate = rounds * stored.Count / hashTime.TotalSeconds;
        var firstFormRate = rounds * stored.Count / firstFormTime.TotalSeconds;
        var signer = new AnchorSigner(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Arsip:DataDirectory"] = Path.Combine(Path.GetTempPath(), $"arsip-bench-audit-{Environment.ProcessId}"),
        }).Build());
        var withRead = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = await ChainVerifier.VerifyAsync(store, Tenant, letterId, signer, CancellationToken.None);
            withRead.Add(result.Events / Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        withRead.Sort();

        // an agency: many streams, read with one query and verified on every core
        var streams = context.Quick ? 200 : 1000;
        for (var batch = 0; batch < streams / 100; batch++)
        {
            await using var session = store.LightweightSession(Tenant);
            for (var s = 0; s < 100; s++)
            {
                var id = Guid.CreateVersion7();
                session.Events.StartStream<IncomingLetter>(id,
                    new object[] { IncomingLetterRegistration.Register(command, new Addressees(null, []), registrar, id, batch * 100 + s + 2, DateTimeOffset.UtcNow) }
                        .Concat(Enumerable.Range(0, 49).Select(i => (object)new IncomingLetterCorrected(id, [new FieldChange("remarks", $"r{i}", $"r{i + 1}")], "Koreksi", "Bench", DateTimeOffset.UtcNow)))
                        .ToArray());
            }
            await session.SaveChangesAsync();
        }
        var ids = await StreamIdsAsync(connection, store.Options.Events.DatabaseSchemaName);
        var (agency, oneByOne) = (new List<double>(), new List<double>());
        long agencyEvents = 0;
        for (var i = 0; i < 3; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var results = await ChainVerifier.VerifyAllAsync(store, Tenant, null, CancellationToken.None);
            if (results.Any(r => !r.Intact)) throw new InvalidOperationException("bench agency chain broken");
            agencyEvents = results.Sum(r => r.Events);
            agency.Add(agencyEvents / Stopwatch.GetElapsedTime(start).TotalSeconds);
            start = Stopwatch.GetTimestamp();
            foreach (var id in ids) await ChainVerifier.VerifyAsync(store, Tenant, id, signer, CancellationToken.None);
            oneByOne.Add(agencyEvents / Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        agency.Sort();
        oneByOne.Sort();

        double P(List<double> samples, double p) => Measure.Percentile(samples.Order().ToArray(), p);
        const string replayCase = "replay a 1000-event letter (+ 9 dispositions) to a random version: as-of API path";
        return
        [
            new("audit", replayCase, "p50", Measure.Ms(P(replay, 50)),
                $"Marten AggregateStreamAsync {Measure.Ms(P(marten, 50))}; load current view {Measure.Ms(P(load, 50))}", "< 20 ms", P(replay, 50) < 20),
            new("audit", replayCase, "p95", Measure.Ms(P(replay, 95)),
                $"Marten AggregateStreamAsync {Measure.Ms(P(marten, 95))}; load current view {Measure.Ms(P(load, 95))}", "< 20 ms", P(replay, 95) < 20),
            new("audit", "replay to the last version (all 1000 events)", "p50 / p95", $"{Measure.Ms(P(last, 50))} / {Measure.Ms(P(last, 95))}",
                $"Marten AggregateStreamAsync {Measure.Ms(P(martenLast, 50))} / {Measure.Ms(P(martenLast, 95))}", "< 20 ms", P(last, 95) < 20),
            new("audit", "replay, first read of the letter (timeline not yet kept)", "p50 / p95", $"{Measure.Ms(P(cold, 50))} / {Measure.Ms(P(cold, 95))}",
                $"Marten AggregateStreamAsync {Measure.Ms(P(marten, 50))} / {Measure.Ms(P(marten, 95))}", "< 20 ms", P(cold, 95) < 20),
            new("audit", "replay step: state after a random step and what it changed", "p50 / p95", $"{Measure.Ms(P(step, 50))} / {Measure.Ms(P(step, 95))}",
                "", "< 20 ms", P(step, 95) < 20),
            new("audit", "verify hash chain (events in memory; link covers agency, stream, version, type, data, timestamp, actor)", "events/s", $"{verifyRate:N0}",
                $"first link form {firstFormRate:N0}/s; reference string implementation {referenceRate:N0}/s; plain SHA-256 of data {hashRate:N0}/s", "≥ 300,000/s", verifyRate >= 300_000),
            new("audit", "verify one letter (read from PostgreSQL + verify)", "events/s", $"median {withRead[3]:N0} (best {withRead[^1]:N0}, of 7)", "", "≥ 50,000/s", withRead[3] >= 50_000),
            new("audit", $"verify an agency ({ids.Count} streams, {agencyEvents:N0} events: one query, all cores)", "events/s", $"median {agency[1]:N0} (of 3)",
                $"stream by stream, one query each: median {oneByOne[1]:N0}/s", "≥ 50,000/s", agency[1] >= 50_000),
        ];
    }

    /// <summary>The chain as first written: strings all the way (the definition in <see cref="HashChain.Link"/>).</summary>
    private static bool ReferenceVerify(Guid stream, IReadOnlyList<StoredEvent> events)
    {
        var previous = HashChain.Genesis;
        foreach (var e in events)
        {
            var link = HashChain.Link(previous, new LinkFields(e.Format, Tenant, stream, e.Version, e.Type, HashChain.Instant(e.Timestamp), e.Actor!),
                HashChain.Canonical(Encoding.UTF8.GetString(e.Data)));
            if (link != e.Hash) return false;
            previous = link;
        }
        return true;
    }

    private static async Task<List<Guid>> StreamIdsAsync(NpgsqlConnection connection, string schema)
    {
        await using var command = new NpgsqlCommand($"select id from {schema}.mt_streams where tenant_id = $1", connection) { Parameters = { new() { Value = Tenant } } };
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> action)
    {
        var start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
