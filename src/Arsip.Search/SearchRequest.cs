namespace Arsip.Search;

/// <summary>
/// Who is searching: the agency and the caller's access tokens as computed by the server.
/// Every search carries one, so no result, count or facet can come from another tenant or from
/// a letter the caller holds no token for.
/// </summary>
public sealed class AccessScope
{
    /// <param name="tenant">The caller's agency id.</param>
    /// <param name="tokens">The caller's access tokens; an empty set finds nothing.</param>
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
    /// <summary>Newest letter date first.</summary>
    DateDescending,
    /// <summary>Oldest letter date first.</summary>
    DateAscending,
}

/// <summary>
/// A search: the typed query text, structured filters, order and page. Filters combine with AND.
/// </summary>
/// <remarks>
/// Query syntax: words (all required), <c>"quoted phrases"</c>, <c>-excluded</c> words or phrases,
/// numbers or fragments of them (<c>123/Setda</c>, <c>B-99</c>), and <c>field:value</c> with
/// nomor/number, agenda, klasifikasi/kode/classification (prefix), pengirim/sender, sifat/security,
/// status, jenis/kind, tahun/year, unit, jabatan/position. Words of five letters or more tolerate typos.
/// Malformed syntax is read as plain words.
/// </remarks>
public sealed class SearchRequest
{
    /// <summary>The largest page size served.</summary>
    public const int MaxPageSize = 100;

    /// <summary>How deep paging may go (page × page size), to bound the cost of one request.</summary>
    public const int MaxDepth = 10_000;

    /// <param name="scope">The caller's tenant and access tokens (required).</param>
    public SearchRequest(AccessScope scope)
    {
        Scope = scope ?? throw new ArgumentNullException(nameof(scope));
    }

    public AccessScope Scope { get; }
    public string? Query { get; init; }
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
    /// <summary>Hits per page, at most <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = 20;
    /// <summary>Whether to count facets over all matches (costs a pass over every match).</summary>
    public bool IncludeFacets { get; init; } = true;
    /// <summary>Whether to build highlighted snippets for the page's hits.</summary>
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
