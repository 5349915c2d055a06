namespace Arsip.Search;

/// <summary>One page of hits, the total, and facet counts over every visible match.</summary>
public sealed record SearchResult
{
    public required string Query { get; init; }
    /// <summary>How many visible letters match (not only this page).</summary>
    public required int TotalHits { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required IReadOnlyList<SearchHit> Hits { get; init; }
    /// <summary>Facet counts over all visible matches; empty when not asked for.</summary>
    public required SearchFacets Facets { get; init; }
}

/// <summary>A matching letter with the stored fields a result list shows.</summary>
public sealed record SearchHit
{
    public required Guid Id { get; init; }
    /// <summary>The relevance score (NaN when sorted by date).</summary>
    public required float Score { get; init; }
    public required string Direction { get; init; }
    public string? NaskahKind { get; init; }
    public string? LetterNumber { get; init; }
    public string? SenderLetterNumber { get; init; }
    public string? AgendaNumber { get; init; }
    public required string Subject { get; init; }
    public string? Sender { get; init; }
    public required DateOnly LetterDate { get; init; }
    public string? Classification { get; init; }
    public string? Status { get; init; }
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
    public static SearchFacets Empty { get; } = new();

    /// <summary>Top-level classification codes, e.g. <c>000</c>.</summary>
    public IReadOnlyList<FacetCount> ClassificationTopLevel { get; init; } = [];
    /// <summary>Second-level classification codes, e.g. <c>000.1</c>.</summary>
    public IReadOnlyList<FacetCount> ClassificationSecondLevel { get; init; } = [];
    public IReadOnlyList<FacetCount> Units { get; init; } = [];
    public IReadOnlyList<FacetCount> Years { get; init; } = [];
    /// <summary>Statuses (normalized to lower case).</summary>
    public IReadOnlyList<FacetCount> Statuses { get; init; } = [];
}
