using Arsip.Infrastructure;
using Arsip.Search;

namespace Arsip.Searching;

/// <summary>The node's own Lucene index, on disk under the data folder (or <c>Arsip:SearchIndex</c>).</summary>
public sealed class SearchIndexHost(IConfiguration configuration) : IDisposable
{
    private readonly Lazy<LetterIndex> _index = new(() =>
        LetterIndex.Open(configuration["Arsip:SearchIndex"] ?? Path.Combine(DataFolder.Resolve(configuration), "search")));

    public LetterIndex Index => _index.Value;

    public void Dispose()
    {
        if (_index.IsValueCreated) _index.Value.Dispose();
    }
}
