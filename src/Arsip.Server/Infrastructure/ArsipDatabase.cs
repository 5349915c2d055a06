namespace Arsip.Infrastructure;

/// <summary>
/// Decides which PostgreSQL Arsip uses: a configured server (ConnectionStrings:Arsip or ARSIP_DB),
/// or else a private cluster under the data folder that lives as long as the host.
/// </summary>
public sealed class ArsipDatabase : IAsyncDisposable
{
    public required string ConnectionString { get; init; }
    public EmbeddedPostgres? Embedded { get; init; }

    public static async Task<ArsipDatabase> ResolveAsync(IConfiguration configuration, CancellationToken ct = default)
    {
        var configured = configuration.GetConnectionString("Arsip") ?? configuration["ARSIP_DB"];
        if (!string.IsNullOrWhiteSpace(configured)) return new ArsipDatabase { ConnectionString = configured };

        var dataDirectory = DataFolder.Resolve(configuration);
        var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = dataDirectory }, ct);
        return new ArsipDatabase { ConnectionString = cluster.ConnectionString, Embedded = cluster };
    }

    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
