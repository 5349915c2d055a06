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

[Authorize(Policy = Policies.Administrator)]
public static class ReindexEndpoint
{
    [WolverinePost("/api/search/reindex")]
    [Tags("Pencarian")]
    [EndpointSummary("Rebuild this node's search index from the event log, from zero; searches use the current index until the rebuild is done")]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    public static IResult Post(SearchIndexHost host)
    {
        host.RequestRebuild();
        return Results.Accepted();
    }
}
