namespace Arsip.Search;

/// <summary>Every search carries one, so no result, count or facet can come from another tenant or from a letter the caller holds no token for.</summary>
public sealed class AccessScope
{
    /// <summary>An empty token set finds nothing.</summary>
    public AccessScope(string tenant, IEnumerable<string> tokens)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentNullException.ThrowIfNull(tokens);
        Tenant = tenant;
        Tokens = tokens.Where(t => !string.IsNullOrEmpty(t)).ToHashSet(StringComparer.Ordinal);
    }

    public string Tenant { get; }

    public IReadOnlySet<string> Tokens { get; }
}

public enum SearchSort
{
    Relevance,
    DateDescending,
    DateAscending,
}

/// <summary>Query syntax: words (all required), "phrases", -excluded words, number fragments (123/Setda), field:value (nomor, agenda, klasifikasi, pengirim, sifat, status, jenis, tahun, unit, jabatan); words of five letters or more tolerate typos; malformed syntax is read as plain words.</summary>
public sealed class SearchRequest
{
    public const int MaxPageSize = 100;

    /// <summary>Bounds the cost of one request.</summary>
    public const int MaxDepth = 10_000;

    public SearchRequest(AccessScope scope)
    {
        Scope = scope ?? throw new ArgumentNullException(nameof(scope));
    }

    public AccessScope Scope { get; }
    public string? Query { get; init; }
    /// <summary>Acronyms and synonyms applied to the query (null: none); build once per list version, not per request.</summary>
    public TermExpansions? Expansions { get; init; }
    /// <summary>Below this many hits the result carries a "did you mean" query built from the index's own words (0: never).</summary>
    public int SuggestBelow { get; init; } = 3;
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>Exact sender (case and spacing ignored).</summary>
    public string? Sender { get; init; }
    /// <summary>Classification code prefix on the dotted hierarchy: <c>000.1</c> covers <c>000.1.2</c>, not <c>000.10</c>.</summary>
    public string? ClassificationPrefix { get; init; }
    public string? Unit { get; init; }
    public string? SecurityLevel { get; init; }
    public string? Status { get; init; }
    /// <summary>"incoming"/"outgoing" (or "masuk"/"keluar") or a naskah kind such as "Nota Dinas".</summary>
    public string? Kind { get; init; }
    public int? Year { get; init; }
    public SearchSort Sort { get; init; } = SearchSort.Relevance;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
    /// <summary>Costs a pass over every match.</summary>
    public bool IncludeFacets { get; init; } = true;
    public bool IncludeSnippets { get; init; } = true;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Page, 1, nameof(Page));
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PageSize, MaxPageSize, nameof(PageSize));
        if ((long)Page * PageSize > MaxDepth)
            throw new ArgumentOutOfRangeException(nameof(Page), $"Paging deeper than {MaxDepth} hits is not served.");
    }
}
