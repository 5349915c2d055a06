using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Search;

namespace Arsip.Searching;

public static class SearchLettersEndpoint
{
    [WolverineGet("/api/search")]
    [Tags("Pencarian")]
    [EndpointSummary("Full-text search over the letters the caller may see, with filters, facets and highlighted snippets")]
    [ProducesResponseType<SearchResult>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        [NotBody] Caller caller, SearchIndexHost host, SearchVocabulary vocabulary, CancellationToken ct, string? q = null, DateOnly? from = null, DateOnly? to = null, string? sender = null,
        string? classification = null, string? unit = null, string? securityLevel = null, string? status = null, string? kind = null,
        int? year = null, string? sort = null, int page = 1, int pageSize = 20, bool expand = true)
    {
        var expansions = expand ? await vocabulary.ForAsync(caller.Agency, ct) : null;
        var (result, refusal) = LetterSearch.Run(caller, host, expansions, q, from, to, sender, classification, unit, securityLevel, status, kind, year, sort, page, pageSize);
        return refusal.ToResult(() => Results.Ok(result));
    }
}

public static class LetterSearch
{
    /// <summary><paramref name="expansions"/>: the agency's acronyms and synonyms (<see cref="SearchVocabulary"/>), or null for none.</summary>
    public static (SearchResult? Result, ProblemDetails? Refusal) Run(
        Caller caller, SearchIndexHost host, TermExpansions? expansions, string? q = null, DateOnly? from = null, DateOnly? to = null, string? sender = null,
        string? classification = null, string? unit = null, string? securityLevel = null, string? status = null, string? kind = null,
        int? year = null, string? sort = null, int page = 1, int pageSize = 20)
    {
        if (pageSize is < 1 or > 100) return (null, Problems.BadRequest("pageSize", "pageSize 1 sampai 100 (1 to 100)."));
        if (page < 1) return (null, Problems.BadRequest("page", "page mulai dari 1 (starts at 1)."));
        SearchSort order;
        switch (sort)
        {
            case null or "" or "relevance": order = SearchSort.Relevance; break;
            case "date" or "newest": order = SearchSort.DateDescending; break;
            case "oldest": order = SearchSort.DateAscending; break;
            default: return (null, Problems.BadRequest("sort", "sort: relevance, date (newest) atau oldest."));
        }

        var request = new SearchRequest(new AccessScope(caller.Agency, LetterAccess.TokensOf(caller)))
        {
            Query = q, Expansions = expansions, From = from, To = to, Sender = sender, ClassificationPrefix = classification, Unit = unit, SecurityLevel = securityLevel,
            Status = status, Kind = kind, Year = year, Sort = order, Page = page, PageSize = pageSize, IncludeFacets = true, IncludeSnippets = true,
        };
        return (host.Index.Search(request), null);
    }
}

/// <summary>Where every node's index stands after a reindex request (made on any node).</summary>
public sealed record ReindexStatus(long Request, IReadOnlyList<IndexNodeStatus> Nodes);

[Authorize(Policy = Policies.Administrator)]
public static class ReindexEndpoint
{
    [WolverinePost("/api/search/reindex")]
    [Tags("Pencarian")]
    [EndpointSummary("Rebuild the search index of every node from the event log, from zero; each node takes the request up within seconds and searches use its current index until its rebuild is done")]
    [ProducesResponseType<ReindexStatus>(StatusCodes.Status202Accepted)]
    public static async Task<IResult> Post([NotBody] Caller caller, IDocumentStore store, ArsipClock clock, CancellationToken ct)
    {
        var request = await IndexNodes.RequestAsync(store, $"{caller.Name} ({caller.Agency})", clock.GetUtcNow(), ct);
        var (_, nodes) = await IndexNodes.StatusAsync(store, ct);
        return Results.Accepted("/api/search/reindex", new ReindexStatus(request, nodes));
    }

    [WolverineGet("/api/search/reindex")]
    [Tags("Pencarian")]
    [EndpointSummary("Every node's search index: its checkpoint, how many events it is behind, whether it is rebuilding and for which reindex request")]
    [ProducesResponseType<ReindexStatus>(StatusCodes.Status200OK)]
    public static async Task<ReindexStatus> Get(IDocumentStore store, CancellationToken ct)
    {
        var (latest, nodes) = await IndexNodes.StatusAsync(store, ct);
        return new ReindexStatus(latest, nodes);
    }
}
