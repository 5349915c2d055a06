using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Npgsql;

namespace Arsip.Searching;

/// <summary>Deletes the files of destroyed records once the destruction committed (files are outside the transaction): the
/// blobs a <see cref="PendingBlobDeletion"/> lists, with their extracted text and OCR caches, unless a record not destroyed
/// (any agency's: blobs are shared by content) uses the same bytes. The document goes only after its files, so the next round
/// finishes a crash. The index follows the event log (reduced views), so a full reindex never brings a destroyed word back.</summary>
public sealed class DestroyedContentSweeper(IDocumentStore store, IBlobStore blobs, IFileTextCache texts, ILogger<DestroyedContentSweeper> logger) : BackgroundService
{
    public DestroyedContentSweeper(IDocumentStore store, IBlobStore blobs, IConfiguration configuration, ILogger<DestroyedContentSweeper> logger)
        : this(store, blobs, FileTextCaches.For(configuration, store), logger)
    {
    }

    public const int BatchSize = 500;
    private const int DeletesAtOnce = 8;
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _one = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                while (await SweepAsync(ct) >= BatchSize) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Deleting the files of destroyed records failed; retrying");
            }
            try { await Task.Delay(Every, ct); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>One round over at most <see cref="BatchSize"/> pending deletions of every agency; returns how many it finished.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await _one.WaitAsync(ct);
        try
        {
            var table = Table<PendingBlobDeletion>();
            await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            var pending = new List<(string Tenant, string Id, string[] Hashes)>();
            await using (var read = new NpgsqlCommand(
                $"select tenant_id, id, array(select jsonb_array_elements_text(data->'{nameof(PendingBlobDeletion.Sha256)}')) from {table} order by id limit {BatchSize}", connection))
            await using (var reader = await read.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) pending.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2)));
            if (pending.Count == 0) return 0;

            var candidates = pending.SelectMany(p => p.Hashes).Where(FileBlobStore.IsSha256).Distinct().ToArray();
            try
            {
                await using var merge = new NpgsqlCommand($"select {store.Options.DatabaseSchemaName}.arsip_merge_file_index_entries()", connection);
                await merge.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedFunction)
            {
                // a schema applied without its owner (DatabaseRoles.ApplySchemaAsync) has no merge: the probes only read more
            }
            var used = await StillUsedAsync(connection, candidates, ct);
            var gone = candidates.Where(h => !used.Contains(h)).ToArray();
            // a file system (or an object store) deletes files side by side faster than one after another; durably before the rows go
            await blobs.DeleteManyAsync(gone, DeletesAtOnce, ct);
            await texts.ForgetAsync(gone, ct);

            foreach (var tenant in pending.GroupBy(p => p.Tenant))
            {
                await using var delete = new NpgsqlCommand($"delete from {table} where tenant_id = $1 and id = any($2)", connection)
                {
                    Parameters = { new() { Value = tenant.Key }, new() { Value = tenant.Select(p => p.Id).ToArray() } },
                };
                await delete.ExecuteNonQueryAsync(ct);
            }
            return pending.Count;
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>The hashes a letter (incoming or outgoing) or a follow-up report that is not destroyed still names: one query for the
    /// batch, one probe of the table's GIN index per candidate file (a single <c>@&gt; any(...)</c> was planned as a scan of the
    /// whole table per batch, which made destruction quadratic in the number of letters).</summary>
    private async Task<HashSet<string>> StillUsedAsync(NpgsqlConnection connection, string[] hashes, CancellationToken ct)
    {
        const string alive = "jsonb_typeof(d.data->'Destroyed') is distinct from 'object'";
        var letterFiles = hashes.Select(h => $$"""{"Files":[{"Sha256":"{{h}}"}]}""").ToArray();
        var reportedFiles = hashes.Select(h => $$"""{"FollowUps":[{"Files":[{"Sha256":"{{h}}"}]}]}""").ToArray();
        await using var command = new NpgsqlCommand($"""
            select f->>'Sha256' from unnest($1) c(probe)
              cross join lateral (select d.data from {Table<IncomingLetterView>()} d where d.data @> c.probe and {alive}) d, jsonb_array_elements(d.data->'Files') f
              where f->>'Sha256' = any($3)
            union
            select f->>'Sha256' from unnest($1) c(probe)
              cross join lateral (select d.data from {Table<OutgoingLetterView>()} d where d.data @> c.probe and {alive}) d, jsonb_array_elements(d.data->'Files') f
              where f->>'Sha256' = any($3)
            union
            select f->>'Sha256' from unnest($2) c(probe)
              cross join lateral (select d.data from {Table<Disposition>()} d where d.data @> c.probe and {alive}) d,
              jsonb_array_elements(d.data->'FollowUps') u, jsonb_array_elements(coalesce(u->'Files', '[]')) f
              where f->>'Sha256' = any($3)
            """, connection)
        {
            Parameters =
            {
                new() { Value = letterFiles, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Jsonb },
                new() { Value = reportedFiles, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Jsonb },
                new() { Value = hashes },
            },
        };
        var used = new HashSet<string>(StringComparer.Ordinal);
        // the estimates (100 files a letter) look dear enough to compile the query, which costs more than running it
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var noJit = new NpgsqlCommand("set local jit = off", connection, transaction)) await noJit.ExecuteNonQueryAsync(ct);
        command.Transaction = transaction;
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) used.Add(reader.GetString(0));
        await transaction.CommitAsync(ct);
        return used;
    }

    private string Table<T>() => $"{store.Options.DatabaseSchemaName}.mt_doc_{typeof(T).Name.ToLowerInvariant()}";
}
