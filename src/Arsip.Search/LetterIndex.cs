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

/// <summary>Tuning of a <see cref="LetterIndex"/>.</summary>
public sealed record LetterIndexOptions
{
    /// <summary>How often the searcher reopens to see new writes; an upsert is searchable within about this long.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The writer's RAM buffer while serving: smaller keeps the process small.</summary>
    public double RamBufferSizeMB { get; init; } = 48;

    /// <summary>The writer's RAM buffer during a rebuild: larger means fewer, bigger segments and less merging.</summary>
    public double RebuildRamBufferSizeMB { get; init; } = 160;
}

/// <summary>
/// The full-text index of letters: one writer and one near-real-time searcher over a Lucene
/// directory. Upserts and deletes by id are idempotent, so the feeder can replay events from
/// <see cref="Checkpoint"/> after a crash. Safe for concurrent searches alongside writes.
/// </summary>
/// <remarks>
/// Nothing is durable until <see cref="Commit"/>: disposing rolls back uncommitted changes, so the
/// index on disk always matches the checkpoint stored with it.
/// </remarks>
public sealed class LetterIndex : IDisposable
{
    private const string CheckpointKey = "arsip.checkpoint";
    private const string AnalysisKey = "arsip.analysis";

    /// <summary>
    /// The version of the analysis (analyzers, stem overrides, field layout) an index was written
    /// with; bump it with any change that needs documents re-analyzed, and <see cref="NeedsRebuild"/>
    /// tells the feeder to rebuild.
    /// </summary>
    public const string AnalysisVersion = "2";

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
    private volatile bool rebuilding;
    private long generation;
    private bool disposed;

    /// <summary>Opens (or creates) the index in <paramref name="directory"/>; the caller keeps ownership of it.</summary>
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
        searchers = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: new WarmingSearcherFactory());
        refreshTimer = new Timer(_ => RefreshInBackground(), null, options.RefreshInterval, options.RefreshInterval);
    }

    /// <summary>Opens (or creates) the index in a folder on disk; the index owns the directory.</summary>
    public static LetterIndex Open(string path, LetterIndexOptions? options = null) =>
        new(FSDirectory.Open(path), ownsDirectory: true, options ?? new LetterIndexOptions());

    /// <summary>
    /// The global event sequence of the last commit, or null for an index never committed with one.
    /// The feeder resumes after it.
    /// </summary>
    public long? Checkpoint
    {
        get
        {
            lock (commitLock) return checkpoint;
        }
    }

    /// <summary>Adds the letter or replaces the indexed version of it.</summary>
    public void Upsert(IndexedLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        writer.UpdateDocument(IdTerm(letter.Id), IndexedLetterMapper.ToDocument(letter));
    }

    /// <summary>Removes the letter; removing an absent letter does nothing.</summary>
    public void Delete(Guid id) => writer.DeleteDocuments(IdTerm(id));

    /// <summary>
    /// Starts a full rebuild by removing every letter. Until the next <see cref="Commit"/> searches keep
    /// seeing the index as it was (the background refresh pauses, so the writer flushes large segments
    /// instead of one small segment per refresh), and the writer uses the larger rebuild RAM buffer.
    /// Like any change, durable only after <see cref="Commit"/>; an interrupted rebuild leaves the old index.
    /// </summary>
    public void DeleteAll()
    {
        lock (commitLock) generation++;
        rebuilding = true;
        writer.Config.RAMBufferSizeMB = options.RebuildRamBufferSizeMB;
        writer.DeleteAll();
    }

    /// <summary>Changes with every <see cref="DeleteAll"/>; see <see cref="TryCommit"/>.</summary>
    public long Generation
    {
        get
        {
            lock (commitLock) return generation;
        }
    }

    /// <summary>
    /// Commits like <see cref="Commit"/> unless someone called <see cref="DeleteAll"/> since
    /// <paramref name="expectedGeneration"/> was read: a feeder's batch read before a reset must not
    /// record its checkpoint over the reset's.
    /// </summary>
    /// <returns>Whether it committed.</returns>
    public bool TryCommit(long checkpoint, long expectedGeneration)
    {
        lock (commitLock)
        {
            if (generation != expectedGeneration) return false;
            Commit(checkpoint);
            return true;
        }
    }

    /// <summary>Whether a rebuild started by <see cref="DeleteAll"/> waits for its commit.</summary>
    public bool Rebuilding => rebuilding;

    /// <summary>
    /// Whether the committed index was written with another <see cref="AnalysisVersion"/> (or none):
    /// its terms no longer match what queries look for, so it must be rebuilt from the event log.
    /// </summary>
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

    /// <summary>
    /// Commits, at the same checkpoint, what changed since the last commit without new events: merges that
    /// finished in the background (until then the last commit still names the merged-away segments, so they
    /// stay on disk beside the merged one: up to twice the index after a rebuild) and letters indexed again
    /// (their scans read). Returns whether there was anything.
    /// </summary>
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

    /// <summary>Makes every change so far visible to searches now, instead of at the next background refresh.</summary>
    public void Refresh() => searchers.MaybeRefreshBlocking();

    /// <summary>Searches the letters the request's scope may see.</summary>
    public SearchResult Search(SearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var query = request.Query ?? "";
        if (request.Scope.Tokens.Count == 0)
            return new SearchResult { Query = query, TotalHits = 0, Page = request.Page, PageSize = request.PageSize, Hits = [], Facets = SearchFacets.Empty };

        var searcher = searchers.Acquire();
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
            return new SearchResult
            {
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

    /// <summary>Closes the index, rolling back anything not committed.</summary>
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

    private void RefreshInBackground()
    {
        if (rebuilding) return;
        try
        {
            searchers.MaybeRefresh();
        }
        catch (ObjectDisposedException)
        {
            // A last tick racing Dispose; nothing left to refresh.
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
