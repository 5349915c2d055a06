using Npgsql;
using Weasel.Postgresql.Tables;

namespace Arsip.Searching;

/// <summary>One node's search index as it last reported: its checkpoint (the last event it has indexed and committed), whether
/// it is rebuilding and how far, and the reindex request it has taken up. <see cref="Behind"/> counts events against the log's head.</summary>
public sealed record IndexNodeStatus(string Node, long Checkpoint, bool Rebuilding, long RebuiltUpTo, long ReindexRequest, DateTimeOffset ReportedAt, long Head)
{
    public long Behind => Math.Max(0, Head - (Rebuilding ? RebuiltUpTo : Checkpoint));
}

/// <summary>What every node's index needs to know of the others, in PostgreSQL: reindex requests (every node rebuilds once per
/// request, whichever node received it) and each node's progress, so one request shows where every node stands.</summary>
public static class IndexNodes
{
    public const string RequestsTable = "arsip_reindex_requests";
    public const string NodesTable = "arsip_index_nodes";

    internal static IEnumerable<Table> Tables(string schema)
    {
        var requests = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, RequestsTable, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        requests.AddColumn<long>("id").AsPrimaryKey();
        requests.AddColumn<string>("requested_by").NotNull();
        requests.AddColumn<DateTimeOffset>("requested_at").NotNull();
        var nodes = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, NodesTable, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        nodes.AddColumn<string>("node").AsPrimaryKey();
        nodes.AddColumn<long>("checkpoint").NotNull();
        nodes.AddColumn<bool>("rebuilding").NotNull();
        nodes.AddColumn<long>("rebuilt_up_to").NotNull();
        nodes.AddColumn<long>("reindex_request").NotNull();
        nodes.AddColumn<DateTimeOffset>("reported_at").NotNull();
        return [requests, nodes];
    }

    public static async Task<long> RequestAsync(IDocumentStore store, string by, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await OpenAsync(store, ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var command = new NpgsqlCommand(
                $"insert into {Schema(store)}.{RequestsTable} (id, requested_by, requested_at) select coalesce(max(id), 0) + 1, $1, $2 from {Schema(store)}.{RequestsTable} returning id",
                connection) { Parameters = { new() { Value = by }, new() { Value = at } } };
            try
            {
                return (long)(await command.ExecuteScalarAsync(ct))!;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 5)
            {
                // another node took the same number at the same moment: the next one
            }
        }
    }

    public static async Task<long> LatestRequestAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select coalesce(max(id), 0) from {schema}.{RequestsTable}", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task ReportAsync(NpgsqlConnection connection, string schema, IndexNodeStatus status, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
             insert into {schema}.{NodesTable} (node, checkpoint, rebuilding, rebuilt_up_to, reindex_request, reported_at) values ($1, $2, $3, $4, $5, $6)
             on conflict (node) do update set checkpoint = excluded.checkpoint, rebuilding = excluded.rebuilding, rebuilt_up_to = excluded.rebuilt_up_to,
               reindex_request = excluded.reindex_request, reported_at = excluded.reported_at
             """, connection)
        {
            Parameters =
            {
                new() { Value = status.Node }, new() { Value = status.Checkpoint }, new() { Value = status.Rebuilding }, new() { Value = status.RebuiltUpTo },
                new() { Value = status.ReindexRequest }, new() { Value = status.ReportedAt },
            },
        };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The last event of the log (what an index caught up would have read).</summary>
    public static async Task<long> HeadAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var connection = await OpenAsync(store, ct);
        return await HeadAsync(connection, store, ct);
    }

    private static async Task<long> HeadAsync(NpgsqlConnection connection, IDocumentStore store, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {store.Options.Events.DatabaseSchemaName}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Every node that reported, newest first, and the latest request.</summary>
    public static async Task<(long LatestRequest, IReadOnlyList<IndexNodeStatus> Nodes)> StatusAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var connection = await OpenAsync(store, ct);
        var head = await HeadAsync(connection, store, ct);
        var latest = await LatestRequestAsync(connection, Schema(store), ct);
        await using var command = new NpgsqlCommand(
            $"select node, checkpoint, rebuilding, rebuilt_up_to, reindex_request, reported_at from {Schema(store)}.{NodesTable} order by reported_at desc", connection);
        var nodes = new List<IndexNodeStatus>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            nodes.Add(new(reader.GetString(0), reader.GetInt64(1), reader.GetBoolean(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5), head));
        return (latest, nodes);
    }

    private static string Schema(IDocumentStore store) => store.Options.DatabaseSchemaName;

    private static async Task<NpgsqlConnection> OpenAsync(IDocumentStore store, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }
}
