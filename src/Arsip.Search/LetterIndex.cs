using System.Globalization;
using Arsip.Search.Analysis;
using Arsip.Search.Querying;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Directory = Lucene.Net.Store.Directory;

namespace Arsip.Search;

public sealed record LetterIndexOptions
{
    /// <summary>How often the searcher reopens to see new writes; an upsert is searchable within about this long.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>An index nobody has searched for this long skips the timed refresh: each refresh flushes the writes so far as a
    /// small segment, which merges then rewrite (a quarter of a disposal's CPU). The next search refreshes first and waits for
    /// it, so it still sees every write (Elasticsearch's "search idle" shards do the same).</summary>
    public TimeSpan SearchIdleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Smaller while serving keeps the process small.</summary>
    public double RamBufferSizeMB { get; init; } = 48;

    /// <summary>The writer's RAM buffer during a rebuild: larger means fewer, bigger segments and less merging.</summary>
    public double RebuildRamBufferSizeMB { get; init; } = 160;
}

/// <summary>The full-text index: nothing is durable until Commit (disposing rolls back), so the index on disk always matches the checkpoint stored with it and the feeder replays idempotent upserts after a crash.</summary>
public sealed class LetterIndex : IDisposable
{
    private const string CheckpointKey = "arsip.checkpoint";
    private const string AnalysisKey = "arsip.analysis";
    private const string ReindexRequestKey = "arsip.reindex-request";

    /// <summary>Bump with any change to analysis or field layout: an index written with another version is rebuilt (NeedsRebuild).</summary>
    public const string AnalysisVersion = "4";

    private readonly Directory directory;
    private readonly bool ownsDirectory;
    private readonly Analyzer indexAnalyzer;
    private readonly Analyzer queryAnalyzer = new IndonesianTextAnalyzer(keepOriginal: false);
    private readonly LetterQueryBuilder queryBuilder;
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly Timer refreshTimer;
    private readonly System.Threading.Lock commitLock = new();
    private readonly LetterIndexOptions options;
    private long? checkpoint;
    private string? analysis;
    private long reindexRequest;
    private volatile bool rebuilding;
    private long generation;
    private long lastSearch;
    private bool disposed;

    /// <summary>The caller keeps ownership of the directory.</summary>
    public LetterIndex(Directory directory, LetterIndexOptions? options = null)
        : this(directory, ownsDirectory: false, options ?? new LetterIndexOptions())
    {
    }

    private LetterIndex(Directory directory, bool ownsDirectory, LetterIndexOptions options)
    {
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        this.options = options;
        var numberAnalyzer = new NumberAnalyzer();
        indexAnalyzer = new PerFieldAnalyzerWrapper(
            new IndonesianTextAnalyzer(keepOriginal: true),
            new Dictionary<string, Analyzer>
            {
                [LetterFields.Number] = numberAnalyzer,
                [LetterFields.Agenda] = numberAnalyzer,
            });
        queryBuilder = new LetterQueryBuilder(indexAnalyzer, queryAnalyzer);

        writer = new IndexWriter(directory, new IndexWriterConfig(LuceneInfo.Version, indexAnalyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = options.RamBufferSizeMB,
        });
        checkpoint = writer.CommitData.TryGetValue(CheckpointKey, out var stored)
            ? long.Parse(stored, CultureInfo.InvariantCulture)
            : null;
        analysis = writer.CommitData.TryGetValue(AnalysisKey, out var version) ? version : null;
        reindexRequest = writer.CommitData.TryGetValue(ReindexRequestKey, out var request) ? long.Parse(request, CultureInfo.InvariantCulture) : 0;
        searchers = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: new WarmingSearcherFactory());
        lastSearch = Environment.TickCount64 - (long)options.SearchIdleAfter.TotalMilliseconds - 1;
        refreshTimer = new Timer(_ => RefreshInBackground(), null, options.RefreshInterval, options.RefreshInterval);
    }

    public static LetterIndex Open(string path, LetterIndexOptions? options = null) =>
        new(FSDirectory.Open(path), ownsDirectory: true, options ?? new LetterIndexOptions());

    /// <summary>Global event sequence of the last commit (null if never committed with one): the feeder resumes after it.</summary>
    public long? Checkpoint
    {
        get
        {
            lock (commitLock) return checkpoint;
        }
    }

    public void Upsert(IndexedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        writer.UpdateDocument(IdTerm(letter.Id), IndexedLetterMapper.ToDocument(letter));
    }

    public void Delete(Guid id) => writer.DeleteDocuments(IdTerm(id));

    /// <summary>The last cluster-wide reindex request this index was rebuilt for (or is being rebuilt for); an interrupted
    /// rebuild leaves the old index with the request before, so it is taken up again.</summary>
    public long ReindexRequest
    {
        get
        {
            lock (commitLock) return reindexRequest;
        }
    }

    /// <summary>Until the next Commit searches see the old index and the background refresh pauses (so the writer flushes large segments); an interrupted rebuild leaves the old index.</summary>
    public void DeleteAll(long? forReindexRequest = null)
    {
        lock (commitLock)
        {
            generation++;
            if (forReindexRequest is { } request) reindexRequest = request;
        }
        rebuilding = true;
        writer.Config.RAMBufferSizeMB = options.RebuildRamBufferSizeMB;
        writer.DeleteAll();
    }

    public long Generation
    {
        get
        {
            lock (commitLock) return generation;
        }
    }

    /// <summary>A feeder's batch read before a DeleteAll must not record its checkpoint over the reset's: then nothing is committed.</summary>
    public bool TryCommit(long checkpoint, long expectedGeneration)
    {
        lock (commitLock)
        {
            if (generation != expectedGeneration) return false;
            Commit(checkpoint);
            return true;
        }
    }

    public bool Rebuilding => rebuilding;

    /// <summary>An index written with another AnalysisVersion must be rebuilt from the event log: its terms no longer match the queries.</summary>
    public bool NeedsRebuild
    {
        get
        {
            lock (commitLock) return !rebuilding && checkpoint is not null && analysis != AnalysisVersion;
        }
    }

    /// <summary>Makes every change so far durable together with <paramref name="checkpoint"/>, the last applied event sequence.</summary>
    public void Commit(long checkpoint)
    {
        lock (commitLock)
        {
            writer.SetCommitData(new Dictionary<string, string>
            {
                [CheckpointKey] = checkpoint.ToString(CultureInfo.InvariantCulture),
                [AnalysisKey] = AnalysisVersion,
                [ReindexRequestKey] = reindexRequest.ToString(CultureInfo.InvariantCulture),
            });
            writer.Commit();
            this.checkpoint = checkpoint;
            analysis = AnalysisVersion;
            if (!rebuilding) return;
            rebuilding = false;
            writer.Config.RAMBufferSizeMB = options.RamBufferSizeMB;
        }
        RefreshInBackground();
    }

    /// <summary>Commits finished background merges (until then the merged-away segments stay on disk: up to twice the index after a rebuild) and re-indexed letters at the same checkpoint.</summary>
    public bool CommitAtCheckpoint()
    {
        lock (commitLock)
        {
            if (rebuilding || checkpoint is not { } at || !writer.HasUncommittedChanges()) return false;
            // searches let go of the merged-away segments first, so the commit can delete their files
            searchers.MaybeRefreshBlocking();
            Commit(at);
            return true;
        }
    }

    public void Refresh() => searchers.MaybeRefreshBlocking();

    /// <summary>The letters searches see now, without refreshing (tests).</summary>
    internal int SearchedLetters
    {
        get
        {
            var searcher = searchers.Acquire();
            try { return searcher.IndexReader.NumDocs; }
            finally { searchers.Release(searcher); }
        }
    }

    public SearchResult Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var query = request.Query ?? "";
        if (request.Scope.Tokens.Count == 0)
            return new SearchResult { Query = query, TotalHits = 0, Page = request.Page, PageSize = request.PageSize, Hits = [], Facets = SearchFacets.Empty };

        var searcher = AcquireFresh();
        try
        {
            var built = queryBuilder.Build(request, searcher.IndexReader);
            var wanted = request.Page * request.PageSize;
            ITopDocsCollector top = request.Sort switch
            {
                SearchSort.Relevance => TopScoreDocCollector.Create(wanted, docsScoredInOrder: false),
                _ => TopFieldCollector.Create(
                    new Sort(new SortField(LetterFields.LetterDate, SortFieldType.INT32, request.Sort == SearchSort.DateDescending)),
                    wanted, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: false),
            };
            var facets = request.IncludeFacets ? new FacetCollector() : null;
            searcher.Search(built.Query, facets is null ? top : MultiCollector.Wrap(top, facets));

            var page = top.GetTopDocs((request.Page - 1) * request.PageSize, request.PageSize);
            var suggestion = top.TotalHits < request.SuggestBelow && !string.IsNullOrWhiteSpace(request.Query)
                ? Suggestions.DidYouMean(searcher, queryBuilder, request)
                : null;
            return new SearchResult
            {
                Suggestion = suggestion,
                AlsoMatched = built.Expanded.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                Query = query,
                TotalHits = top.TotalHits,
                Page = request.Page,
                PageSize = request.PageSize,
                Hits = page.ScoreDocs.Select(hit => ToHit(searcher, hit, request.IncludeSnippets ? built.Highlight : null)).ToList(),
                Facets = facets?.ToFacets() ?? SearchFacets.Empty,
            };
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>Senders, numbers or classification codes starting with <paramref name="prefix"/> (case ignored) that a letter in <paramref name="scope"/> holds, as written.</summary>
    public IReadOnlyList<string> Complete(AccessScope scope, CompletionField field, string prefix, int max = 8)
    {
        ArgumentNullException.ThrowIfNull(scope);
        prefix = Keyword.Normalize(prefix ?? "");
        if (prefix.Length == 0 || scope.Tokens.Count == 0 || max < 1) return [];
        var searcher = AcquireFresh();
        try
        {
            return field switch
            {
                CompletionField.Sender => Suggestions.Complete(searcher, queryBuilder, scope, LetterFields.SenderExact, prefix,
                    [LetterFields.Sender], Keyword.Normalize, max),
                CompletionField.Number => Suggestions.Complete(searcher, queryBuilder, scope, LetterFields.NumberExact, prefix,
                    [LetterFields.LetterNumber, LetterFields.SenderLetterNumber, LetterFields.AgendaNumber], Keyword.Normalize, max),
                _ => Suggestions.Complete(searcher, queryBuilder, scope, LetterFields.Classification, prefix,
                    [LetterFields.Classification], v => v, max),
            };
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        using (var stopped = new ManualResetEvent(false))
        {
            refreshTimer.Dispose(stopped);
            stopped.WaitOne();
        }
        searchers.Dispose();
        // IndexWriter.Dispose would commit; the checkpoint contract needs the opposite.
        writer.Rollback();
        indexAnalyzer.Dispose();
        queryAnalyzer.Dispose();
        if (ownsDirectory) directory.Dispose();
    }

    private static Term IdTerm(Guid id) => new(LetterFields.Id, IndexedLetterMapper.IdTerm(id));

    private bool SearchIdle => Environment.TickCount64 - Volatile.Read(ref lastSearch) > options.SearchIdleAfter.TotalMilliseconds;

    /// <summary>The searcher for a search: after an idle spell, refreshed first (the timer skipped the writes since).</summary>
    private IndexSearcher AcquireFresh()
    {
        if (SearchIdle && !rebuilding) searchers.MaybeRefreshBlocking();
        Volatile.Write(ref lastSearch, Environment.TickCount64);
        return searchers.Acquire();
    }

    private void RefreshInBackground()
    {
        if (rebuilding || SearchIdle) return;
        try
        {
            searchers.MaybeRefresh();
        }
        catch (ObjectDisposedException)
        {
            // A last tick racing Dispose; nothing left to refresh.
        }
        catch (IOException)
        {
            // A timer's exception would end the whole process. A failed refresh (the folder gone under a stopping host, a disk
            // error) is tried again at the next tick; the writes and searches that meet the same error report it themselves.
        }
    }

    /// <summary>Stored fields a hit shows; the long texts are read only when a snippet needs them.</summary>
    private static readonly ISet<string> DisplayFields = new HashSet<string>(StringComparer.Ordinal)
    {
        LetterFields.Id, LetterFields.Kind, LetterFields.LetterNumber, LetterFields.SenderLetterNumber, LetterFields.AgendaNumber,
        LetterFields.Subject, LetterFields.Sender, LetterFields.LetterDate, LetterFields.Classification, LetterFields.Status,
        LetterFields.SecurityLevel,
    };

    private static readonly ISet<string> SnippetFields = new HashSet<string>(DisplayFields.Concat(Snippets.SourceFields), StringComparer.Ordinal);

    private SearchHit ToHit(IndexSearcher searcher, ScoreDoc hit, MatchedTerms? highlight)
    {
        var doc = searcher.Doc(hit.Doc, highlight is null ? DisplayFields : SnippetFields);
        var score = hit.Score;
        var kinds = doc.GetValues(LetterFields.Kind);
        return new SearchHit
        {
            Id = Guid.Parse(doc.Get(LetterFields.Id)),
            Score = score,
            Direction = kinds[0],
            NaskahKind = kinds.Length > 1 ? kinds[1] : null,
            LetterNumber = doc.Get(LetterFields.LetterNumber),
            SenderLetterNumber = doc.Get(LetterFields.SenderLetterNumber),
            AgendaNumber = doc.Get(LetterFields.AgendaNumber),
            Subject = doc.Get(LetterFields.Subject),
            Sender = doc.Get(LetterFields.Sender),
            LetterDate = DateOnly.FromDayNumber(doc.GetField(LetterFields.LetterDate).GetInt32Value()!.Value),
            Classification = doc.Get(LetterFields.Classification),
            Status = doc.Get(LetterFields.Status),
            SecurityLevel = doc.Get(LetterFields.SecurityLevel),
            Snippet = highlight is null ? null : Snippets.Build(indexAnalyzer, highlight, doc),
        };
    }
}

/// <summary>Prepares each new segment's facet columns when a searcher opens, so no query pays for it.</summary>
internal sealed class WarmingSearcherFactory : SearcherFactory
{
    public override IndexSearcher NewSearcher(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves) FacetColumns.Of(leaf.AtomicReader);
        return new IndexSearcher(reader);
    }
}
