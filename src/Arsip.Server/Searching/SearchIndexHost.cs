using Arsip.Infrastructure;
using Arsip.Search;

namespace Arsip.Searching;

public sealed class SearchIndexHost(IConfiguration configuration) : IDisposable
{
    private readonly Lazy<LetterIndex> _index = new(() => LetterIndex.Open(PathOf(configuration)));

    public LetterIndex Index => _index.Value;

    /// <summary><c>Arsip:NodeName</c>, or the machine and the index's folder: two nodes on one machine have two folders.</summary>
    public string NodeName { get; } = configuration["Arsip:NodeName"] is { Length: > 0 } name ? name : $"{Environment.MachineName}:{PathOf(configuration)}";

    private static string PathOf(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Arsip:SearchIndex"] ?? Path.Combine(DataFolder.Resolve(configuration), "search"));

    public void Dispose()
    {
        if (_index.IsValueCreated) _index.Value.Dispose();
    }
}
