using Arsip.Infrastructure;
using Npgsql;

namespace Arsip.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server of a test run: the one ops/test started (ARSIP_TEST_PG), or else a throwaway private
/// cluster started here. Each host gets a fresh database on it, owned by the owner role, and runs as the runtime
/// role, exactly as a real installation does (Infrastructure/DatabaseRoles.cs).
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _cluster;
    private static string? _server;

    /// <summary>A fresh database; returns the runtime role's connection string (see <see cref="Owner"/> for the owner's).</summary>
    public static async Task<string> CreateAsync(string purpose)
    {
        var server = await ServerAsync();
        var name = $"arsip_test_{purpose}_{Environment.ProcessId}_{Guid.NewGuid():N}"[..50];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name} owner {DatabaseRoles.Owner}", connection);
        await create.ExecuteNonQueryAsync();
        return As(DatabaseRoles.Runtime, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    /// <summary>A fresh database reached as the cluster's superuser: what Arsip must refuse to run as.</summary>
    public static async Task<string> SuperuserAsync(string purpose)
    {
        var runtime = await CreateAsync(purpose);
        var server = await ServerAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = new NpgsqlConnectionStringBuilder(runtime).Database }.ConnectionString;
    }

    /// <summary>The server's superuser on its maintenance database: what takes a test's database offline and back.</summary>
    public static async Task<string> ServerSuperuserAsync() =>
        new NpgsqlConnectionStringBuilder(await ServerAsync()) { Database = "postgres", Pooling = false }.ConnectionString;

    /// <summary>The same database as the schema owner: what a DBA holds, and what the tests use to tamper and to wipe.</summary>
    public static string Owner(string connectionString) => As(DatabaseRoles.Owner, connectionString);

    private static string As(string role, string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Username = role };
        if (_cluster is not null)
            builder.Password = role == DatabaseRoles.Owner ? _cluster.Passwords.Owner : _cluster.Passwords.Runtime;
        return builder.ConnectionString;
    }

    private static async Task<string> ServerAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is not null) return _server;
            var configured = Environment.GetEnvironmentVariable("ARSIP_TEST_PG");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(configured) { Pooling = false }.ConnectionString);
                await connection.OpenAsync();
                await DatabaseRoles.EnsureRolesAsync(connection, null, null, CancellationToken.None);
                return _server = configured;
            }

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
