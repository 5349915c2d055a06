using Npgsql;
using Weasel.Postgresql.Tables;

namespace Arsip.Infrastructure;

/// <summary>The increment holds the row lock until the session's transaction commits: callers queue, a rollback gives its number back, no number repeats or is skipped.</summary>
public static class Sequences
{
    public const string TableName = "arsip_sequences";

    internal static Table Table(string schema)
    {
        var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, TableName, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("tenant_id").AsPrimaryKey();
        table.AddColumn<string>("name").AsPrimaryKey();
        table.AddColumn<int>("year").AsPrimaryKey();
        table.AddColumn<long>("value").NotNull();
        return table;
    }

    public static Task<int> NextAsync(IDocumentSession session, string name, int year, CancellationToken ct) =>
        NextAsync(session, name, year, 1, ct);

    public static async Task<int> NextAsync(IDocumentSession session, string name, int year, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        await session.BeginTransactionAsync(ct);
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        await using var command = new NpgsqlCommand(
            $"""
            insert into {schema}.{TableName} as s (tenant_id, name, year, value) values ($1, $2, $3, $4)
            on conflict (tenant_id, name, year) do update set value = s.value + excluded.value
            returning value
            """, (NpgsqlConnection)session.Connection!)
        {
            Parameters = { new() { Value = session.TenantId }, new() { Value = name }, new() { Value = year }, new() { Value = (long)count } },
        };
        return checked((int)(long)(await command.ExecuteScalarAsync(ct))!);
    }
}

public static class SequenceImports
{
    /// <summary>It never goes back; the row lock is held until the transaction ends, so no number can be taken meanwhile.</summary>
    public static Task AdvanceToAsync(NpgsqlTransaction transaction, string schema, string tenant, string name, int year, int value, CancellationToken ct) =>
        AdvanceToAsync(transaction.Connection!, transaction, schema, tenant, name, year, value, ct);

    /// <summary>In the session's own transaction (begun by <c>BeginTransactionAsync</c>), as <see cref="Sequences.NextAsync(IDocumentSession, string, int, CancellationToken)"/> takes numbers.</summary>
    public static async Task AdvanceToAsync(IDocumentSession session, string name, int year, int value, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await AdvanceToAsync((NpgsqlConnection)session.Connection!, null, session.DocumentStore.Options.DatabaseSchemaName, session.TenantId, name, year, value, ct);
    }

    private static async Task AdvanceToAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, string tenant, string name, int year, int value, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            insert into {schema}.{Sequences.TableName} as s (tenant_id, name, year, value) values ($1, $2, $3, $4)
            on conflict (tenant_id, name, year) do update set value = greatest(s.value, excluded.value)
            """, connection, transaction)
        {
            Parameters = { new() { Value = tenant }, new() { Value = name }, new() { Value = year }, new() { Value = (long)value } },
        };
        await command.ExecuteNonQueryAsync(ct);
    }
}
