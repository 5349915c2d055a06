using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Infrastructure;
using Arsip.Organization;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Arsip.Bench;

/// <summary>
/// Issue 5: the inbox's first page with 10,000 open dispositions for one position, and a letter's
/// 200-node disposition tree, each beside a baseline measured in the same run on the same data:
/// the inbox as the same query over the JSON body without the duplicated columns and index, the tree
/// as live aggregation of each disposition's stream (what it would cost without the inline snapshot).
/// Seeds through Marten sessions (events appended in batches, inline projections as in production).
/// </summary>
public sealed class DispositionBench : IBench
{
    private const string Tenant = "bench";
    public string Name => "dispositions";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        await using var database = await BenchDatabase.CreateAsync("disp", context);
        if (database is null) return [];
        var connectionString = database.ConnectionString;
        using var store = DocumentStore.For(opts => ArsipStore.Configure(opts, connectionString));
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return await MeasureAsync(store, connectionString, context);
    }

    private static async Task<IReadOnlyList<BenchRow>> MeasureAsync(DocumentStore store, string connectionString, BenchContext context)
    {
        var now = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
        var issuer = Guid.NewGuid();
        var inboxPosition = Guid.NewGuid();
        var others = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();
        var letter = new LetterSummary(1, 2026, "Permohonan data", "BKN", SecurityLevel.Biasa, Urgency.Biasa);

        var started = DateTime.UtcNow;
        // 10,000 open dispositions for one position, and 10,000 for twenty others around it
        for (var batch = 0; batch < 20; batch++)
        {
            await using var session = store.LightweightSession(Tenant);
            for (var i = 0; i < 1000; i++)
            {
                var n = batch * 1000 + i;
                var recipient = n % 2 == 0 ? inboxPosition : others[n % others.Length];
                var id = Guid.CreateVersion7(now.AddSeconds(n));
                session.Events.StartStream<Disposition>(id, Issued(id, Guid.NewGuid(), null, letter, issuer, [recipient], now.AddSeconds(n), now.AddHours(1 + n % 500)));
            }
            await session.SaveChangesAsync();
        }

        // one letter with a 200-node tree: a root to five heads, each forwarding further down
        var letterId = Guid.CreateVersion7(now);
        var nodes = new List<Guid>();
        await using (var session = store.LightweightSession(Tenant))
        {
            session.Events.StartStream<IncomingLetter>(letterId, new IncomingLetterRegistered(letterId, 1, 2026, "BKN", "B/1", new DateOnly(2026, 11, 20),
                new DateOnly(2026, 11, 23), "Permohonan data", "800.1", SecurityLevel.Biasa, Urgency.Biasa, null, null, issuer, null, [], [], Guid.NewGuid(), null, "bench", now));
            var random = new Random(5);
            for (var n = 0; n < 200; n++)
            {
                var id = Guid.CreateVersion7(now.AddSeconds(n));
                Guid? parent = n == 0 ? null : nodes[random.Next(Math.Max(0, nodes.Count - 20), nodes.Count)];
                var recipients = new[] { Guid.NewGuid(), Guid.NewGuid() };
                session.Events.StartStream<Disposition>(id, Issued(id, letterId, parent, letter, issuer, recipients, now.AddMinutes(n), now.AddDays(5)));
                session.Events.Append(id, new DispositionRead(id, recipients[0], Guid.NewGuid(), "Pegawai", now.AddMinutes(n + 1)),
                    new FollowUpReported(id, recipients[0], Guid.NewGuid(), "Pegawai", "Sedang dikerjakan", now.AddMinutes(n + 2)));
                session.Events.Append(letterId, new LetterDisposed(letterId, id, parent, issuer, recipients, now.AddMinutes(n)));
                nodes.Add(id);
            }
            await session.SaveChangesAsync();
        }
        context.Log.WriteLine($"dispositions: seeded 20,200 dispositions in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
        // what autovacuum does to a live table: statistics and the visibility map (index-only counts)
        await BenchDatabase.ExecuteAsync(connectionString, null, $"vacuum analyze {ArsipStore.Schema}.mt_doc_dispositioninboxrow");
        await BenchDatabase.ExecuteAsync(connectionString, null, $"vacuum analyze {ArsipStore.Schema}.mt_doc_disposition");

        var (warmup, iterations) = context.Quick ? (5, 30) : (20, 200);
        var clock = new ArsipClock(new FixedTime(now));
        var caller = new Caller(Tenant, Guid.NewGuid(), "Kepala Bagian", [inboxPosition], [], [Role.Official]);

        var inbox = Measure.Latencies(warmup, iterations, () =>
        {
            using var session = store.QuerySession(Tenant);
            var result = InboxEndpoints.List(caller, session, clock, CancellationToken.None).GetAwaiter().GetResult();
            if (result is not IValueHttpResult { Value: InboxPage { Items.Count: 25, Total: 10_000 } }) throw new InvalidOperationException("inbox page is wrong");
        });

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var baselineCommand = new NpgsqlCommand(
            $"""
             select d.data, count(*) over () from {ArsipStore.Schema}.mt_doc_dispositioninboxrow d
             where d.tenant_id = @tenant and d.data ->> 'RecipientPositionId' = @position and (d.data ->> 'IsOpen')::boolean
             order by (d.data ->> 'Deadline')::timestamptz limit 25
             """, connection);
        baselineCommand.Parameters.AddWithValue("tenant", Tenant);
        baselineCommand.Parameters.AddWithValue("position", inboxPosition.ToString());
        var inboxBaseline = Measure.Latencies(warmup, iterations, () =>
        {
            using var reader = baselineCommand.ExecuteReader();
            var rows = 0;
            while (reader.Read()) { _ = reader.GetString(0); rows++; }
            if (rows != 25) throw new InvalidOperationException("baseline page is wrong");
        });

        var tree = Measure.Latencies(warmup, iterations, () =>
        {
            using var session = store.QuerySession(Tenant);
            var result = LetterDispositionTreeEndpoint.Get(letterId, caller with { Roles = [Role.Auditor] }, session, clock, CancellationToken.None).GetAwaiter().GetResult();
            if (result is not IValueHttpResult { Value: DispositionTree { Dispositions.Count: 1 } }) throw new InvalidOperationException("tree is wrong");
        });
        var treeBaseline = Measure.Latencies(Math.Min(warmup, 5), Math.Min(iterations, 30), () =>
        {
            using var session = store.QuerySession(Tenant);
            var ids = session.Events.FetchStreamAsync(letterId).GetAwaiter().GetResult().Select(e => e.Data).OfType<LetterDisposed>().Select(e => e.DispositionId).ToList();
            var aggregates = ids.Select(id => session.Events.AggregateStreamAsync<Disposition>(id).GetAwaiter().GetResult()!).ToList();
            if (DispositionTree.Build(letterId, aggregates, now).Dispositions.Count != 1) throw new InvalidOperationException("baseline tree is wrong");
        });

        await using (var explain = new NpgsqlCommand(
            $"explain select data from {ArsipStore.Schema}.mt_doc_dispositioninboxrow where tenant_id = 'bench' and recipient_position_id = @p and is_open order by deadline limit 25", connection))
        {
            explain.Parameters.AddWithValue("p", inboxPosition);
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync()) context.Log.WriteLine("  " + reader.GetString(0));
        }

        return
        [
            Row("inbox first page (25 of 10,000 open for one position, + total)", inbox, inboxBaseline, "same page over the JSON body, no duplicated columns/index"),
            Row("letter's disposition tree (200 nodes, with reads and follow-ups)", tree, treeBaseline, "live aggregation of each node's stream"),
        ];
    }

    private static BenchRow Row(string name, double[] measured, double[] baseline, string baselineName)
    {
        var p50 = Measure.Percentile(measured, 50);
        return new BenchRow("Dispositions", name, "p50 (p95)",
            $"{Measure.Ms(p50)} ({Measure.Ms(Measure.Percentile(measured, 95))})",
            $"{Measure.Ms(Measure.Percentile(baseline, 50))} ({Measure.Ms(Measure.Percentile(baseline, 95))}): {baselineName}",
            "< 20 ms p50", p50 < 20);
    }

    private static DispositionIssued Issued(Guid id, Guid letterId, Guid? parent, LetterSummary letter, Guid issuer, Guid[] recipients, DateTimeOffset issuedAt, DateTimeOffset deadline) =>
        new(id, letterId, parent, letter, issuer, "Sekretaris Daerah", Guid.Empty, "Bench", null,
            recipients.Select((r, i) => new DispositionRecipient(r, Guid.Empty, "Kepala Bagian", i == 0)).ToArray(),
            ["TINDAK_LANJUTI"], null, deadline, issuedAt);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
