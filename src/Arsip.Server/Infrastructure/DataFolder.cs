namespace Arsip.Infrastructure;

/// <summary>Where Arsip keeps what is not in PostgreSQL: the private cluster, blobs, the search index.</summary>
public static class DataFolder
{
    public static string Resolve(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Arsip:DataDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".arsip"));
}
