using Arsip.Infrastructure;
using Npgsql;

namespace Arsip.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server of a test run: the one ops/test started (ARSIP_TEST_PG), or else a
/// throwaway private cluster started here. Each host gets a fresh database on it.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _cluster;
    private static string? _server;

    public static async Task<string> CreateAsync(string purpose)
    {
        var server = await ServerAsync();
        var name = $"arsip_test_{purpose}_{Environment.ProcessId}_{Guid.NewGuid():N}"[..50];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task<string> ServerAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is not null) return _server;
            var configured = Environment.GetEnvironmentVariable("ARSIP_TEST_PG");
            if (!string.IsNullOrWhiteSpace(configured)) return _server = configured;

            var folder = Path.Combine(Path.GetTempPath(), $"arsip-tests-{Environment.ProcessId}");
            _cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder, Durable = false });
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
            return _server = _cluster.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }
}
