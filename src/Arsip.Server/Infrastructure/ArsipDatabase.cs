
namespace Arsip.Infrastructure;

/// <summary>A configured server (ConnectionStrings:Arsip or ARSIP_DB, and the owner's to apply the schema) or else a private cluster under the data folder.</summary>
public sealed class ArsipDatabase : IAsyncDisposable
{
    public const string Schema = "arsip";

    public required string ConnectionString { get; init; }
    public string? OwnerConnectionString { get; init; }
    public EmbeddedPostgres? Embedded { get; init; }

    public static async Task<ArsipDatabase> ResolveAsync(IConfiguration configuration, bool isCommand, CancellationToken ct = default)
    {
        var configured = configuration.GetConnectionString("Arsip") ?? configuration["ARSIP_DB"];
        var owner = configuration.GetConnectionString("ArsipOwner") ?? configuration["ARSIP_DB_OWNER"];
        if (!string.IsNullOrWhiteSpace(configured))
            return new ArsipDatabase { ConnectionString = WithAutoPrepare(configured), OwnerConnectionString = string.IsNullOrWhiteSpace(owner) ? null : owner };

        var dataDirectory = DataFolder.Resolve(configuration);
        var options = new EmbeddedPostgresOptions { DataDirectory = dataDirectory, IsCommand = isCommand };
        var cluster = await EmbeddedPostgres.StartAsync(options, ct);
        return new ArsipDatabase
        {
            ConnectionString = WithAutoPrepare(cluster.RuntimeConnectionString(options.Database)),
            OwnerConnectionString = cluster.OwnerConnectionString(options.Database),
            Embedded = cluster,
        };
    }

    /// <summary>
    /// Npgsql prepares the statements a connection runs again and again (a registration's batch, the event append, the counter),
    /// so PostgreSQL stops parsing and planning them per request: 30 % less PostgreSQL CPU per registration (issue #24).
    /// A connection string that names "Max Auto Prepare" keeps its own value (0 turns it off). The schema is applied at
    /// start-up only; a column changing type under a running node would make its prepared reads fail until it restarts.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // Npgsql's own builder knows every keyword; the plain one holds only those given
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare")) return connectionString;
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.MaxAutoPrepare = 100;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    /// <summary>Refuses a runtime role that could alter events or reach the server's files unless Arsip:AllowSuperuser says to run anyway.</summary>
    public async Task<DatabaseRoles.Privileges> PrepareAsync(Action<StoreOptions, string> configureStore, CancellationToken ct)
    {
        if (OwnerConnectionString is { } owner) await DatabaseRoles.ApplySchemaAsync(owner, DatabaseRoles.UserOf(ConnectionString), configureStore, ct);
        return await DatabaseRoles.CheckAsync(ConnectionString, ct);
    }

    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
