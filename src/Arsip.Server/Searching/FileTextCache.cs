using Arsip.Attachments;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace Arsip.Searching;

/// <summary>Text read from a file (PDF text layer, OCR) by one extractor, kept per SHA-256: the bytes never change, so the text is
/// read once. Beside the blobs: in the node's folder with the folder store, in PostgreSQL with the shared one, where every node
/// finds what any node read and pemusnahan deletes it in one place.</summary>
public interface IFileTextCache
{
    Task<string?> GetAsync(string sha256, string extractor, CancellationToken ct);

    /// <summary>The cached text, or the text <paramref name="read"/> produces, stored; with several nodes only one reads a file at a
    /// time and the others wait for its text. <paramref name="read"/> returns null when it cannot read now (nothing is stored).</summary>
    Task<string?> ReadOnceAsync(string sha256, string extractor, Func<CancellationToken, Task<string?>> read, CancellationToken ct);

    /// <summary>Every extractor's text of these files.</summary>
    Task ForgetAsync(IReadOnlyCollection<string> hashes, CancellationToken ct);
}

public static class FileTextCaches
{
    public static IFileTextCache For(IConfiguration configuration, IDocumentStore store) =>
        BlobStores.Of(configuration) == BlobStores.Postgres ? new PostgresFileTextCache(store) : new FolderFileTextCache(AttachmentText.CacheFolder(configuration));
}

public sealed class FolderFileTextCache(string folder) : IFileTextCache
{
    public async Task<string?> GetAsync(string sha256, string extractor, CancellationToken ct) =>
        File.Exists(AttachmentText.CachePath(folder, sha256, extractor)) ? await File.ReadAllTextAsync(AttachmentText.CachePath(folder, sha256, extractor), ct) : null;

    public async Task<string?> ReadOnceAsync(string sha256, string extractor, Func<CancellationToken, Task<string?>> read, CancellationToken ct)
    {
        if (await GetAsync(sha256, extractor, ct) is { } cached) return cached;
        var text = await read(ct);
        if (text is not null) await AttachmentText.WriteCacheAsync(AttachmentText.CachePath(folder, sha256, extractor), text, ct);
        return text;
    }

    /// <summary>Each cache folder listed once for all its files.</summary>
    public Task ForgetAsync(IReadOnlyCollection<string> hashes, CancellationToken ct)
    {
        foreach (var group in hashes.GroupBy(h => Path.GetDirectoryName(AttachmentText.CachePath(folder, h, "x"))!))
        {
            if (!Directory.Exists(group.Key)) continue;
            var forget = group.ToHashSet(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(group.Key))
                if (Path.GetFileName(file) is { Length: > 65 } name && name[64] == '.' && forget.Contains(name[..64])) File.Delete(file);
        }
        return Task.CompletedTask;
    }
}

/// <summary>One row per file and extractor. A node reading a file holds an advisory lock on it, so another node asking meanwhile
/// waits and takes its text instead of reading the file again; a node that dies mid-read releases the lock with its connection.</summary>
public sealed class PostgresFileTextCache(IDocumentStore store) : IFileTextCache
{
    public const string Table = "arsip_file_texts";

    internal static Table Definition(string schema)
    {
        var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, Table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("sha256").AsPrimaryKey();
        table.AddColumn<string>("extractor").AsPrimaryKey();
        table.AddColumn<string>("text").NotNull();
        table.AddColumn<DateTimeOffset>("read_at").NotNull();
        return table;
    }

    private string Schema => store.Options.DatabaseSchemaName;

    public async Task<string?> GetAsync(string sha256, string extractor, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await GetAsync(connection, sha256, extractor, ct);
    }

    public async Task<string?> ReadOnceAsync(string sha256, string extractor, Func<CancellationToken, Task<string?>> read, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        if (await GetAsync(connection, sha256, extractor, ct) is { } cached) return cached;
        await using (var lockIt = new NpgsqlCommand("select pg_advisory_lock(hashtextextended($1, 0))", connection) { Parameters = { new() { Value = $"arsip-text:{sha256}:{extractor}" } } })
            await lockIt.ExecuteNonQueryAsync(ct);
        try
        {
            if (await GetAsync(connection, sha256, extractor, ct) is { } readMeanwhile) return readMeanwhile;
            var text = await read(ct);
            if (text is null) return null;
            await using var insert = new NpgsqlCommand(
                $"insert into {Schema}.{Table} (sha256, extractor, text, read_at) values ($1, $2, $3, now()) on conflict (sha256, extractor) do update set text = excluded.text, read_at = excluded.read_at",
                connection) { Parameters = { new() { Value = sha256 }, new() { Value = extractor }, new() { Value = text } } };
            await insert.ExecuteNonQueryAsync(ct);
            return text;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended($1, 0))", connection) { Parameters = { new() { Value = $"arsip-text:{sha256}:{extractor}" } } };
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public async Task ForgetAsync(IReadOnlyCollection<string> hashes, CancellationToken ct)
    {
        if (hashes.Count == 0) return;
        await using var connection = await OpenAsync(ct);
        await using var delete = new NpgsqlCommand($"delete from {Schema}.{Table} where sha256 = any($1)", connection) { Parameters = { new() { Value = hashes.ToArray() } } };
        await delete.ExecuteNonQueryAsync(ct);
    }

    private async Task<string?> GetAsync(NpgsqlConnection connection, string sha256, string extractor, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select text from {Schema}.{Table} where sha256 = $1 and extractor = $2", connection)
        {
            Parameters = { new() { Value = sha256 }, new() { Value = extractor } },
        };
        return await command.ExecuteScalarAsync(ct) as string;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }
}
