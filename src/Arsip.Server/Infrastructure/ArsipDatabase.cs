
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
            return new ArsipDatabase { ConnectionString = configured, OwnerConnectionString = string.IsNullOrWhiteSpace(owner) ? null : owner };

        var dataDirectory = DataFolder.Resolve(configuration);
        var options = new EmbeddedPostgresOptions { DataDirectory = dataDirectory, IsCommand = isCommand };
        var cluster = await EmbeddedPostgres.StartAsync(options, ct);
        return new ArsipDatabase
        {
            ConnectionString = cluster.RuntimeConnectionString(options.Database),
            OwnerConnectionString = cluster.OwnerConnectionString(options.Database),
            Embedded = cluster,
        };
    }

    /// <summary>Refuses a runtime role that could alter events or reach the server's files unless Arsip:AllowSuperuser says to run anyway.</summary>
    public async Task<DatabaseRoles.Privileges> PrepareAsync(Action<StoreOptions, string> configureStore, CancellationToken ct)
    {
        if (OwnerConnectionString is { } owner) await DatabaseRoles.ApplySchemaAsync(owner, DatabaseRoles.UserOf(ConnectionString), configureStore, ct);
        return await DatabaseRoles.CheckAsync(ConnectionString, ct);
    }

    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
