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

        var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = DataDirectoryOf(configuration) }, ct);
        return new ArsipDatabase { ConnectionString = cluster.ConnectionString, Embedded = cluster };
    }

    /// <summary>The data folder (<c>Arsip:DataDirectory</c>, default <c>./.arsip</c>): the private cluster, blobs.</summary>
    public static string DataDirectoryOf(IConfiguration configuration) =>
        configuration["Arsip:DataDirectory"] is { Length: > 0 } configured ? configured : Path.Combine(Directory.GetCurrentDirectory(), ".arsip");

    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
