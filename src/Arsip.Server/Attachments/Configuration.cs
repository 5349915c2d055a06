using Arsip.Infrastructure;
using Microsoft.Extensions.Options;

namespace Arsip.Attachments;

public static class Configuration
{
    /// <summary>The blob tables exist whichever store is configured, so blobs can be moved into them at any time (<c>blobs-migrate</c>).</summary>
    public static void Configure(StoreOptions opts)
    {
        foreach (var table in PostgresBlobStore.Tables(opts.DatabaseSchemaName)) opts.Storage.ExtendedSchemaObjects.Add(table);
    }

    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<AttachmentOptions>().BindConfiguration("Arsip:Attachments");
        services.AddSingleton<IBlobStore>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var folder = Path.Combine(DataFolder.Resolve(configuration), "blobs");
            var maxBytes = sp.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxBytes;
            return BlobStores.Of(configuration) switch
            {
                BlobStores.Postgres => new PostgresBlobStore(sp.GetRequiredService<IDocumentStore>(), Path.Combine(folder, "tmp"), maxBytes,
                    configuration.GetValue("Arsip:Blobs:ChunkBytes", PostgresBlobStore.DefaultChunkBytes)),
                _ => new FileBlobStore(folder, maxBytes),
            };
        });
    }
}

/// <summary><c>Arsip:Blobs:Store</c>: <c>folder</c> (default: the node's data folder, one node) or <c>postgres</c> (every node sees every blob).</summary>
public static class BlobStores
{
    public const string Folder = "folder";
    public const string Postgres = "postgres";

    public static string Of(IConfiguration configuration) => configuration["Arsip:Blobs:Store"]?.Trim().ToLowerInvariant() switch
    {
        null or "" or Folder => Folder,
        Postgres => Postgres,
        var other => throw new InvalidOperationException($"Arsip:Blobs:Store '{other}' tidak dikenal (unknown); use '{Folder}' or '{Postgres}'."),
    };
}
