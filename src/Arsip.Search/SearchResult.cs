namespace Arsip.Search;

public sealed record SearchResult
{
    public required string Query { get; init; }
    public required int TotalHits { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required IReadOnlyList<SearchHit> Hits { get; init; }
    public required SearchFacets Facets { get; init; }
    /// <summary>"Maksud Anda …?": the query with its rare words replaced by near spellings visible letters hold, when it found little.</summary>
    public string? Suggestion { get; init; }
    /// <summary>The other forms (acronyms, expansions, synonyms) the query also matched.</summary>
    public IReadOnlyList<string> AlsoMatched { get; init; } = [];
}

/// <summary>What the search box completes as one types.</summary>
public enum CompletionField
{
    Sender,
    Number,
    Classification,
}

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
    /// <summary>Matched words in mark tags, everything else HTML-escaped.</summary>
    public string? Snippet { get; init; }
}

public sealed record FacetCount(string Value, int Count);

public sealed record SearchFacets
{
    public static SearchFacets Empty { get; } = new();

    public IReadOnlyList<FacetCount> ClassificationTopLevel { get; init; } = [];
    public IReadOnlyList<FacetCount> ClassificationSecondLevel { get; init; } = [];
    public IReadOnlyList<FacetCount> Units { get; init; } = [];
    public IReadOnlyList<FacetCount> Years { get; init; } = [];
    public IReadOnlyList<FacetCount> Statuses { get; init; } = [];
    /// <summary>Per naskah kind as indexed (SuratTugas, NotaDinas, ...; incoming letters as "Surat Masuk"); pass a value back as <c>kind</c> to narrow.</summary>
    public IReadOnlyList<FacetCount> Kinds { get; init; } = [];
}
