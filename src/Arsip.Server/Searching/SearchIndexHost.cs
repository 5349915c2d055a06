using Arsip.Infrastructure;
using Arsip.Search;

namespace Arsip.Searching;

/// <summary>The node's own Lucene index, on disk under the data folder (or <c>Arsip:SearchIndex</c>).</summary>
public sealed class SearchIndexHost(IConfiguration configuration) : IDisposable
{
    private readonly Lazy<LetterIndex> _index = new(() =>
        LetterIndex.Open(configuration["Arsip:SearchIndex"] ?? Path.Combine(DataFolder.Resolve(configuration), "search")));

    private int _rebuildRequested;

    public LetterIndex Index => _index.Value;

    /// <summary>Asks the feeder to rebuild the index from the event log; searches keep the current index until it is done.</summary>
    public void RequestRebuild() => Interlocked.Exchange(ref _rebuildRequested, 1);

    internal bool TakeRebuildRequest() => Interlocked.Exchange(ref _rebuildRequested, 0) == 1;

    public void Dispose()
    {
        if (_index.IsValueCreated) _index.Value.Dispose();
    }
}
