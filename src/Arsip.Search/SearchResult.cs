namespace Arsip.Search;

/// <summary>One page of hits, the total, and facet counts over every visible match.</summary>
public sealed record SearchResult
{
    /// <summary>The query text as given.</summary>
    public required string Query { get; init; }
    /// <summary>How many visible letters match (not only this page).</summary>
    public required int TotalHits { get; init; }
    /// <summary>The 1-based page number.</summary>
    public required int Page { get; init; }
    /// <summary>The page size asked for.</summary>
    public required int PageSize { get; init; }
    /// <summary>The hits of this page, in order.</summary>
    public required IReadOnlyList<SearchHit> Hits { get; init; }
    /// <summary>Facet counts over all visible matches; empty when not asked for.</summary>
    public required SearchFacets Facets { get; init; }
}

/// <summary>A matching letter with the stored fields a result list shows.</summary>
public sealed record SearchHit
{
    /// <summary>The letter id.</summary>
    public required Guid Id { get; init; }
    /// <summary>The relevance score (NaN when sorted by date).</summary>
    public required float Score { get; init; }
    /// <summary>"incoming" or "outgoing".</summary>
    public required string Direction { get; init; }
    /// <summary>The naskah kind, when known.</summary>
    public string? NaskahKind { get; init; }
    /// <summary>The official letter number.</summary>
    public string? LetterNumber { get; init; }
    /// <summary>The sender's number of an incoming letter.</summary>
    public string? SenderLetterNumber { get; init; }
    /// <summary>The agenda number.</summary>
    public string? AgendaNumber { get; init; }
    /// <summary>The subject.</summary>
    public required string Subject { get; init; }
    /// <summary>The sender.</summary>
    public string? Sender { get; init; }
    /// <summary>The letter date.</summary>
    public required DateOnly LetterDate { get; init; }
    /// <summary>The classification code.</summary>
    public string? Classification { get; init; }
    /// <summary>The workflow status.</summary>
    public string? Status { get; init; }
    /// <summary>The security level (sifat).</summary>
    public string? SecurityLevel { get; init; }
    /// <summary>
    /// About 160 characters of HTML around the best cluster of matched words, matched words in
    /// <c>&lt;mark&gt;</c>, everything else HTML-escaped; null when snippets were not asked for.
    /// </summary>
    public string? Snippet { get; init; }
}

/// <summary>A facet value and how many visible matches carry it.</summary>
public sealed record FacetCount(string Value, int Count);

/// <summary>Facet counts, each list ordered by count (descending) then value.</summary>
public sealed record SearchFacets
{
    /// <summary>No facets (not asked for).</summary>
    public static SearchFacets Empty { get; } = new();

    /// <summary>Top-level classification codes, e.g. <c>000</c>.</summary>
    public IReadOnlyList<FacetCount> ClassificationTopLevel { get; init; } = [];
    /// <summary>Second-level classification codes, e.g. <c>000.1</c>.</summary>
    public IReadOnlyList<FacetCount> ClassificationSecondLevel { get; init; } = [];
    /// <summary>Unit ids.</summary>
    public IReadOnlyList<FacetCount> Units { get; init; } = [];
    /// <summary>Years.</summary>
    public IReadOnlyList<FacetCount> Years { get; init; } = [];
    /// <summary>Statuses (normalized to lower case).</summary>
    public IReadOnlyList<FacetCount> Statuses { get; init; } = [];
}
