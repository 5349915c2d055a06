using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Search;
using Npgsql;

namespace Arsip.Searching;

/// <summary>Feeds the index from the event log, not the handlers: idempotent upserts past the last Lucene commit's checkpoint, so a crash resumes there; a build from zero is a Lucene rebuild that searches see only once caught up.</summary>
public sealed class SearchFeeder(IDocumentStore store, SearchIndexHost host, AttachmentText attachments, ScanOcr ocr, ILogger<SearchFeeder> logger) : BackgroundService
{
    public const int BatchSize = 2000;
    /// <summary>Under load, rounds every tenth of a second measurably slowed registrations (ops/bench); after a busy round the pause is Busy, still well inside the 2 s promise.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Busy = TimeSpan.FromSeconds(1);
    private const int BusyAbove = 20;

    /// <summary>A Lucene commit syncs files and starts segments, costing more than indexing a small batch; searches see upserts at the next refresh anyway, and a crash only replays idempotent upserts.</summary>
    public static readonly TimeSpan CommitEvery = TimeSpan.FromSeconds(2);

    /// <summary>How often the node looks for reindex requests (made on any node) and reports its progress to the others.</summary>
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);
    private long lastReport = Environment.TickCount64 - (long)ReportEvery.TotalMilliseconds;
    private long latestRequest;

    /// <summary>How far a rebuild has read; the index's checkpoint only moves at its commit.</summary>
    private long rebuiltUpTo;
    private bool rebuilding;
    private long appliedUpTo;
    private long appliedGeneration = -1;
    private long lastCommit = Environment.TickCount64;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var pause = Idle;
            try
            {
                var read = await FeedOnceAsync(ct);
                if (read >= BatchSize) continue; // more is waiting (a rebuild, a backlog)
                if (read > BusyAbove) pause = Busy;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Search feeding failed; retrying");
                if (rebuilding) rebuiltUpTo = 0; // a failed rebuild starts again from zero
            }
            try { await Task.Delay(pause, ct); }
            catch (OperationCanceledException) { break; }
        }
        CommitApplied(host.Index);
    }

    private bool CommitApplied(LetterIndex index)
    {
        if (rebuilding || appliedGeneration != index.Generation || appliedUpTo <= (index.Checkpoint ?? 0)) return false;
        index.TryCommit(appliedUpTo, appliedGeneration);
        lastCommit = Environment.TickCount64;
        return true;
    }

    public async Task<int> FeedOnceAsync(CancellationToken ct)
    {
        var index = host.Index;
        // Someone else committed (a reset, the reindex command) while this feeder was rebuilding: follow the index.
        if (rebuilding && !index.Rebuilding) rebuilding = false;
        if (Environment.TickCount64 - lastReport >= ReportEvery.TotalMilliseconds)
        {
            lastReport = Environment.TickCount64;
            latestRequest = await ReportAsync(index, ct);
        }
        // "differs", not "greater": numbers start again in a database restored or emptied, and a new request must still count
        if (latestRequest > 0 && latestRequest != index.ReindexRequest || index.NeedsRebuild || rebuilding && rebuiltUpTo == 0)
            StartRebuild(index);

        // letters whose scans OCR has read meanwhile: indexed again with the scans' words (committed with the next commit)
        if (ocr.TakeRead() is { Count: > 0 } scanned) await UpsertAsync(index, scanned, ct);

        var generation = index.Generation;
        var from = rebuilding ? rebuiltUpTo : Math.Max(index.Checkpoint ?? 0, appliedGeneration == generation ? appliedUpTo : 0);
        var (touched, last, read) = await ReadEventsAsync(from, ct);
        if (read == 0)
        {
            if (rebuilding) Finish(index, from, generation);
            else if (!CommitApplied(index) && Environment.TickCount64 - lastCommit >= CommitEvery.TotalMilliseconds && index.CommitAtCheckpoint())
                lastCommit = Environment.TickCount64; // quiet now: make the burst durable, or commit finished merges and letters indexed again
            return 0;
        }
        if (from == 0 && !rebuilding)
        {
            StartRebuild(index);
            generation = index.Generation;
        }

        await UpsertAsync(index, touched, ct);

        // The index was reset while this batch was read: follow it; its checkpoint 0 starts a rebuild that clears these upserts.
        if (index.Generation != generation) rebuilding = false;
        else if (!rebuilding)
        {
            (appliedUpTo, appliedGeneration) = (last, generation);
            if (Environment.TickCount64 - lastCommit >= CommitEvery.TotalMilliseconds) CommitApplied(index);
        }
        else if (read < BatchSize) Finish(index, last, generation);
        else rebuiltUpTo = last;
        return read;
    }

    /// <summary>A rebuild's large batches are analysed on every core; the few letters of a live round go one after the other,
    /// since two writers on two busy cores mostly spun on Lucene's locks (issue #24's profile).</summary>
    private async Task UpsertAsync(LetterIndex index, HashSet<(string Tenant, Guid Stream)> touched, CancellationToken ct)
    {
        var letters = await LettersAsync(touched, ct);
        if (letters.Count < ParallelFrom) foreach (var letter in letters) index.Upsert(letter);
        else Parallel.ForEach(letters, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index.Upsert);
    }

    private const int ParallelFrom = 256;

    /// <summary>Tells the other nodes where this index stands and returns the latest reindex request.</summary>
    private async Task<long> ReportAsync(LetterIndex index, CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await IndexNodes.ReportAsync(connection, schema,
            new IndexNodeStatus(host.NodeName, index.Checkpoint ?? 0, rebuilding, rebuiltUpTo, index.ReindexRequest, DateTimeOffset.UtcNow, 0), ct);
        return await IndexNodes.LatestRequestAsync(connection, schema, ct);
    }

    private void StartRebuild(LetterIndex index)
    {
        index.DeleteAll(latestRequest);
        rebuilding = true;
        rebuiltUpTo = 0;
        logger.LogInformation("Rebuilding the search index from the event log");
    }

    private void Finish(LetterIndex index, long checkpoint, long generation)
    {
        rebuilding = false;
        if (index.TryCommit(checkpoint, generation))
            logger.LogInformation("Search index rebuilt up to event {Sequence}", checkpoint);
    }

    private async Task<(HashSet<(string Tenant, Guid Stream)> Touched, long Last, int Read)> ReadEventsAsync(long after, CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);

        // An event past a gap may belong to a transaction that committed before a lower-numbered one: applying it would move the checkpoint over that one for good.
        // So: up to the daemon's high-water mark, and past it only a run without gaps (which keeps a quiet system fresh).
        await using var command = new NpgsqlCommand(
            $"""
             with ceiling as (
               select coalesce((select last_seq_id from {schema}.mt_event_progression where name = 'HighWaterMark'),
                               (select max(seq_id) from {schema}.mt_events)) as seq)
             select seq_id, stream_id, tenant_id, ceiling.seq from {schema}.mt_events, ceiling
             where seq_id > $1 order by seq_id limit {BatchSize}
             """, connection) { Parameters = { new() { Value = after } } };
        var touched = new HashSet<(string Tenant, Guid Stream)>();
        var last = after;
        var read = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var sequence = reader.GetInt64(0);
            if (!CanApply(sequence, last, reader.IsDBNull(3) ? long.MaxValue : reader.GetInt64(3))) break;
            last = sequence;
            touched.Add((reader.GetString(2), reader.GetGuid(1)));
            read++;
        }
        return (touched, last, read);
    }

    /// <summary>No lower-numbered event can still appear at or below the high-water mark, or when it follows without a gap.</summary>
    public static bool CanApply(long sequence, long previous, long highWaterMark) =>
        sequence <= highWaterMark || sequence == previous + 1;

    private async Task<List<IndexedLetter>> LettersAsync(HashSet<(string Tenant, Guid Stream)> touched, CancellationToken ct)
    {
        var documents = new List<IndexedLetter>();
        foreach (var tenant in touched.GroupBy(t => t.Tenant))
        {
            var ids = tenant.Select(t => t.Stream).ToArray();
            await using var session = store.QuerySession(tenant.Key);
            // a disposition's events touch its own stream: its letter is re-indexed with the instructions and follow-ups
            var disposed = await session.Query<Disposition>().Where(d => ids.Contains(d.Id)).Select(d => d.LetterId).ToListAsync(ct);
            var letters = await session.LoadManyAsync<IncomingLetterView>(ct, ids.Concat(disposed).Distinct().ToArray());
            var letterIds = letters.Select(l => l.Id).ToArray();
            var dispositions = (await session.Query<Disposition>().Where(d => letterIds.Contains(d.LetterId)).ToListAsync(ct)).ToLookup(d => d.LetterId);
            foreach (var letter in letters)
            {
                var texts = dispositions[letter.Id].Select(d => string.Join(" ", d.FollowUps.Select(f => f.Text).Prepend(d.Note ?? "")).Trim());
                // the files reported with follow-ups (minutes, a reply letter) are searched with the letter's own attachments;
                // a destroyed disposition keeps their hashes for the sweeper, never their words
                var reported = dispositions[letter.Id].Where(d => d.Destroyed is null).SelectMany(d => d.FollowUps).SelectMany(f => (f.Files ?? [])
                    .Select(file => new LetterFile(file.FileName, file.Sha256, file.ContentType, file.Length, AttachmentKind.Attachment, f.ReportedAt)));
                documents.Add(IndexedLetters.From(tenant.Key, letter, texts.Where(t => t.Length > 0).ToList(),
                    await attachments.OfLetterAsync(letter.Files.Concat(reported), (tenant.Key, letter.Id), ct)));
            }
            // an outgoing letter's files (the scan of one signed on paper, or of an imported one) are searched as an incoming letter's are
            foreach (var letter in await session.LoadManyAsync<OutgoingLetterView>(ct, ids))
                documents.Add(IndexedLetters.From(tenant.Key, letter, letter.Files.Count == 0 ? null : await attachments.OfLetterAsync(letter.Files, (tenant.Key, letter.Id), ct)));
        }
        return documents;
    }
}
