using Npgsql;

namespace Arsip.Bench;

/// <summary>A fresh database on the server ops/bench started (ARSIP_BENCH_DB), dropped when disposed.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    public string ConnectionString { get; }

    private BenchDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Null (and a line in the log) when no server is configured.</summary>
    public static async Task<BenchDatabase?> CreateAsync(string purpose, BenchContext context)
    {
        var server = Environment.GetEnvironmentVariable("ARSIP_BENCH_DB");
        if (string.IsNullOrWhiteSpace(server))
        {
            context.Log.WriteLine($"{purpose}: ARSIP_BENCH_DB not set (ops/bench starts a PostgreSQL); skipped");
            return null;
        }
        var database = new BenchDatabase(server, $"arsip_bench_{purpose}_{Environment.ProcessId}");
        await ExecuteAsync(server, "postgres", $"create database {database._name}");
        return database;
    }

    public static async Task ExecuteAsync(string server, string? database, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Pooling = false };
        if (database is not null) builder.Database = database;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, "postgres", $"drop database if exists {_name} with (force)");
    }
}
