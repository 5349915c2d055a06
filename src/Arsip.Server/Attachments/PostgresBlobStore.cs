using System.Buffers;
using System.Data;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace Arsip.Attachments;

/// <summary>Blobs in PostgreSQL, seen by every node: one row per blob and its bytes in chunks of <see cref="ChunkBytes"/>,
/// written once by COPY in one transaction and read a chunk at a time, so a 50 MB scan is never whole in memory.
/// Uploads are staged (hashed, checked) in a local folder first, as the folder store does, and only committed blobs reach the database.</summary>
public sealed class PostgresBlobStore(IDocumentStore store, string stagingFolder, long maxBytes, int chunkBytes = PostgresBlobStore.DefaultChunkBytes) : IBlobStore
{
    public const int DefaultChunkBytes = 1 << 20;
    public const string BlobsTable = "arsip_blobs";
    public const string ChunksTable = "arsip_blob_chunks";

    public int ChunkBytes { get; } = chunkBytes;
    private string Schema => store.Options.DatabaseSchemaName;

    internal static IEnumerable<Table> Tables(string schema)
    {
        var blobs = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, BlobsTable, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        blobs.AddColumn<string>("sha256").AsPrimaryKey();
        blobs.AddColumn<long>("length").NotNull();
        blobs.AddColumn<string>("content_type").NotNull();
        blobs.AddColumn<int>("chunk_size").NotNull();
        blobs.AddColumn<DateTimeOffset>("stored_at").NotNull();
        var chunks = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, ChunksTable, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        chunks.AddColumn<string>("sha256").AsPrimaryKey();
        chunks.AddColumn<int>("n").AsPrimaryKey();
        chunks.AddColumn("data", "bytea").NotNull();
        return [blobs, chunks];
    }

    public async Task<BlobRef> PutAsync(Stream content, CancellationToken ct = default)
    {
        await using var staged = await StageAsync(content, ct);
        await staged.CommitAsync(ct);
        return staged.Blob;
    }

    public async Task<StagedBlob> StageAsync(Stream content, CancellationToken ct = default)
    {
        var (path, blob) = await FileBlobStore.StageToFileAsync(content, stagingFolder, maxBytes, ct);
        return new Staged(this, path, blob);
    }

    public async Task<Stream?> OpenReadAsync(string sha256, CancellationToken ct = default)
    {
        if (!FileBlobStore.IsSha256(sha256)) return null;
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select length, chunk_size from {Schema}.{BlobsTable} where sha256 = $1", connection) { Parameters = { new() { Value = sha256 } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ChunkStream(this, sha256, reader.GetInt64(0), reader.GetInt32(1)) : null;
    }

    public async Task<bool> ExistsAsync(string sha256, CancellationToken ct = default)
    {
        if (!FileBlobStore.IsSha256(sha256)) return false;
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select exists (select 1 from {Schema}.{BlobsTable} where sha256 = $1)", connection) { Parameters = { new() { Value = sha256 } } };
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task DeleteAsync(string sha256, CancellationToken ct = default)
    {
        if (!FileBlobStore.IsSha256(sha256)) return;
        await using var connection = await OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new($"delete from {Schema}.{BlobsTable} where sha256 = $1") { Parameters = { new() { Value = sha256 } } },
                new($"delete from {Schema}.{ChunksTable} where sha256 = $1") { Parameters = { new() { Value = sha256 } } },
            },
        };
        await batch.ExecuteNonQueryAsync(ct); // one implicit transaction: a reader sees the blob whole or not at all
    }

    public async IAsyncEnumerable<string> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select sha256 from {Schema}.{BlobsTable} order by sha256", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return reader.GetString(0);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Writes a staged file's bytes under its hash; the same bytes stored already (here or by another node, even
    /// concurrently: the second insert waits for the first and then skips) are not written again.</summary>
    private async Task CommitAsync(string path, BlobRef blob, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand(
            $"insert into {Schema}.{BlobsTable} (sha256, length, content_type, chunk_size, stored_at) values ($1, $2, $3, $4, now()) on conflict (sha256) do nothing",
            connection, transaction) { Parameters = { new() { Value = blob.Sha256 }, new() { Value = blob.Length }, new() { Value = blob.ContentType }, new() { Value = ChunkBytes } } })
        {
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                await transaction.CommitAsync(ct);
                return;
            }
        }
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using var copy = await connection.BeginBinaryImportAsync($"copy {Schema}.{ChunksTable} (sha256, n, data) from stdin (format binary)", ct);
            for (var n = 0; ; n++)
            {
                var filled = await file.ReadAtLeastAsync(buffer.AsMemory(0, ChunkBytes), ChunkBytes, throwOnEndOfStream: false, ct);
                if (filled == 0) break;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(blob.Sha256, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(n, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync((ReadOnlyMemory<byte>)buffer.AsMemory(0, filled), NpgsqlDbType.Bytea, ct);
                if (filled < ChunkBytes) break;
            }
            await copy.CompleteAsync(ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        await transaction.CommitAsync(ct);
    }

    private async Task<int> ReadChunkAsync(string sha256, int n, byte[] into, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select data from {Schema}.{ChunksTable} where sha256 = $1 and n = $2", connection)
        {
            Parameters = { new() { Value = sha256 }, new() { Value = n } },
        };
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        if (!await reader.ReadAsync(ct)) throw new IOException($"Blob {sha256} lacks chunk {n} (deleted while being read?)");
        await using var data = await reader.GetStreamAsync(0, ct);
        return await data.ReadAtLeastAsync(into, into.Length, throwOnEndOfStream: false, ct);
    }

    private sealed class Staged(PostgresBlobStore store, string path, BlobRef blob) : StagedBlob(blob)
    {
        public override async Task CommitAsync(CancellationToken ct = default)
        {
            await store.CommitAsync(path, Blob, ct);
            File.Delete(path);
        }

        public override ValueTask DisposeAsync()
        {
            File.Delete(path);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Reads one chunk at a time, each on a pooled connection of its own, so a slow download holds no connection.</summary>
    private sealed class ChunkStream(PostgresBlobStore store, string sha256, long length, int chunkSize) : Stream
    {
        private byte[]? _chunk;
        private int _chunkLength, _offset, _next;
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_position >= length || buffer.Length == 0) return 0;
            if (_offset >= _chunkLength)
            {
                _chunk ??= ArrayPool<byte>.Shared.Rent(chunkSize);
                _chunkLength = await store.ReadChunkAsync(sha256, _next++, _chunk, ct);
                _offset = 0;
                if (_chunkLength == 0) throw new IOException($"Blob {sha256} ends before its length {length}");
            }
            var count = Math.Min(buffer.Length, _chunkLength - _offset);
            _chunk.AsMemory(_offset, count).CopyTo(buffer);
            (_offset, _position) = (_offset + count, _position + count);
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (_chunk is not null) ArrayPool<byte>.Shared.Return(_chunk);
            _chunk = null;
            base.Dispose(disposing);
        }
    }
}
