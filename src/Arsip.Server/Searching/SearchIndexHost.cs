using Arsip.Infrastructure;
using Arsip.Search;

namespace Arsip.Searching;

public sealed class SearchIndexHost(IConfiguration configuration) : IDisposable
{
    private readonly Lazy<LetterIndex> _index = new(() =>
        LetterIndex.Open(configuration["Arsip:SearchIndex"] ?? Path.Combine(DataFolder.Resolve(configuration), "search")));

    private int _rebuildRequested;

    public LetterIndex Index => _index.Value;

    /// <summary>Searches keep the current index until the rebuild is done.</summary>
    public void RequestRebuild() => Interlocked.Exchange(ref _rebuildRequested, 1);

    internal bool TakeRebuildRequest() => Interlocked.Exchange(ref _rebuildRequested, 0) == 1;

    public void Dispose()
    {
        if (_index.IsValueCreated) _index.Value.Dispose();
    }
}
