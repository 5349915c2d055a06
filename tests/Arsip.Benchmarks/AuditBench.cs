using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Arsip.Access;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Arsip.Bench;

/// <summary>
/// Issue 8: replaying a letter with 1,000 events to any point (target &lt; 20 ms), beside loading its
/// current read model; verifying hash chains (target ≥ 50,000 events/s), beside plain SHA-256 of the same bytes.
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
        var registrar = new Caller(Tenant, Guid.NewGuid(), "Bench", [], [Guid.NewGuid()], [Arsip.Organization.Role.Registrar]);
        var command = new RegisterIncomingLetter("Dinas Kesehatan", "400.7/1/Dinkes/2026", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 23),
            "Laporan Penanganan Demam Berdarah", "400.7", SecurityLevel.Biasa, Urgency.Segera);
        await using (var session = store.LightweightSession(Tenant))
        {
            session.Events.StartStream<IncomingLetter>(letterId,
                RegisterIncomingLetterEndpoint.Register(command, new Addressees(null, []), registrar, letterId, 1, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }
        for (var batch = 0; batch < (events - 1) / 111 + 1; batch++)
        {
            await using var session = store.LightweightSession(Tenant);
            var corrections = Enumerable.Range(0, Math.Min(111, events - 1 - batch * 111))
                .Select(i => (object)new IncomingLetterCorrected(letterId, [new FieldChange("remarks", $"catatan {batch}-{i - 1}", $"catatan {batch}-{i}")],
                    "Koreksi berkala", "Bench", DateTimeOffset.UtcNow)).ToArray();
            if (corrections.Length == 0) break;
            session.Events.Append(letterId, corrections);
            await session.SaveChangesAsync();
        }
        context.Log.WriteLine($"audit: seeded a letter with {events} events");

        var random = new Random(7);
        await using var query = store.QuerySession(Tenant);
        var replay = await LatenciesAsync(10, context.Quick ? 50 : 200, () =>
            query.Events.AggregateStreamAsync<IncomingLetterView>(letterId, random.NextInt64(1, events + 1)));
        var load = await LatenciesAsync(10, context.Quick ? 50 : 200, () => query.LoadAsync<IncomingLetterView>(letterId));

        // verification: read once, then recompute the chain repeatedly; the baseline hashes the same bytes with no chain logic
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        var stored = await ChainVerifier.ReadAsync(connection, store.Options.Events.DatabaseSchemaName, Tenant, letterId, CancellationToken.None);
        var rounds = context.Quick ? 20 : 100;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
            if (!ChainVerifier.Verify(letterId, stored).Intact) throw new InvalidOperationException("bench chain broken");
        var verifyRate = rounds * stored.Count / watch.Elapsed.TotalSeconds;
        var bytes = stored.Select(e => Encoding.UTF8.GetBytes(e.Data)).ToArray();
        watch.Restart();
        for (var i = 0; i < rounds; i++)
            foreach (var b in bytes) SHA256.HashData(b);
        var hashRate = rounds * stored.Count / watch.Elapsed.TotalSeconds;
        watch.Restart();
        var withRead = await ChainVerifier.VerifyAsync(store, Tenant, letterId, CancellationToken.None);
        var withReadRate = withRead.Events / watch.Elapsed.TotalSeconds;

        return
        [
            new("audit", $"replay a {events}-event letter to a random version", "p50", Measure.Ms(Measure.Percentile(replay, 50)),
                $"load current view {Measure.Ms(Measure.Percentile(load, 50))}", "< 20 ms", Measure.Percentile(replay, 50) < 20),
            new("audit", $"replay a {events}-event letter to a random version", "p95", Measure.Ms(Measure.Percentile(replay, 95)),
                $"load current view {Measure.Ms(Measure.Percentile(load, 95))}", "< 20 ms", Measure.Percentile(replay, 95) < 20),
            new("audit", "verify hash chain (events in memory)", "events/s", $"{verifyRate:N0}", $"plain SHA-256 of data {hashRate:N0}/s", "≥ 50,000/s", verifyRate >= 50_000),
            new("audit", "verify hash chain (read from PostgreSQL + verify)", "events/s", $"{withReadRate:N0}", "", "≥ 50,000/s", withReadRate >= 50_000),
        ];
    }

    private static async Task<double[]> LatenciesAsync(int warmup, int iterations, Func<Task> action)
    {
        for (var i = 0; i < warmup; i++) await action();
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples;
    }
}
