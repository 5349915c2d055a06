using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Search;
using Marten;
using Npgsql;

namespace Arsip.Searching;

/// <summary>
/// Feeds this node's index from the event log, not from the handlers: it reads events in global
/// order past the checkpoint stored in the last Lucene commit, re-indexes the letters they touch from
/// their read models (an idempotent upsert), and commits with the new checkpoint. After a crash it
/// resumes from the last commit; after <see cref="LetterIndex.DeleteAll"/> it rebuilds from zero.
/// </summary>
public sealed class SearchFeeder(IDocumentStore store, SearchIndexHost host, ILogger<SearchFeeder> logger) : BackgroundService
{
    public const int BatchSize = 2000;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await FeedOnceAsync(ct) > 0) continue; // more may be waiting
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Search feeding failed; retrying");
            }
            try { await Task.Delay(Idle, ct); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Applies one batch; returns how many events it read.</summary>
    public async Task<int> FeedOnceAsync(CancellationToken ct)
    {
        var index = host.Index;
        var checkpoint = index.Checkpoint ?? 0;
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);

        // Never read past the daemon's high-water mark: a sequence number below it can no longer appear later.
        await using var command = new NpgsqlCommand(
            $"""
             with ceiling as (
               select coalesce((select last_seq_id from {schema}.mt_event_progression where name = 'HighWaterMark'),
                               (select max(seq_id) from {schema}.mt_events)) as seq)
             select seq_id, stream_id, tenant_id from {schema}.mt_events, ceiling
             where seq_id > $1 and seq_id <= ceiling.seq order by seq_id limit {BatchSize}
             """, connection) { Parameters = { new() { Value = checkpoint } } };
        var touched = new HashSet<(string Tenant, Guid Stream)>();
        long last = checkpoint;
        var read = 0;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                last = reader.GetInt64(0);
                touched.Add((reader.GetString(2), reader.GetGuid(1)));
                read++;
            }
        if (read == 0) return 0;

        foreach (var tenant in touched.GroupBy(t => t.Tenant))
        {
            var ids = tenant.Select(t => t.Stream).ToArray();
            await using var session = store.QuerySession(tenant.Key);
            // a disposition's events touch its own stream: its letter is re-indexed with the instructions and follow-ups
            var disposed = await session.Query<Disposition>().Where(d => ids.Contains(d.Id)).Select(d => d.LetterId).ToListAsync(ct);
            var letters = await session.LoadManyAsync<IncomingLetterView>(ct, ids.Concat(disposed).Distinct().ToArray());
            var letterIds = letters.Select(l => l.Id).ToArray();
            var texts = (await session.Query<Disposition>().Where(d => letterIds.Contains(d.LetterId)).ToListAsync(ct))
                .ToLookup(d => d.LetterId, d => string.Join(" ", d.FollowUps.Select(f => f.Text).Prepend(d.Note ?? "")).Trim());
            foreach (var letter in letters) index.Upsert(LetterDocuments.From(tenant.Key, letter, texts[letter.Id].Where(t => t.Length > 0).ToList()));
            foreach (var letter in await session.LoadManyAsync<OutgoingLetterView>(ct, ids)) index.Upsert(LetterDocuments.From(tenant.Key, letter));
        }
        index.Commit(last);
        return read;
    }
}
