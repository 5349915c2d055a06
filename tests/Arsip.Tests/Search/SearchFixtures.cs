using Arsip.Search;
using Lucene.Net.Store;

namespace Arsip.Tests.Search;

/// <summary>Letters and scopes shared by the search tests.</summary>
internal static class Letters
{
    public const string Tenant = "bekasi";
    public const string OtherTenant = "bogor";
    public const string AgencyWide = "agency-wide";

    public static readonly AccessScope Everyone = new(Tenant, [AgencyWide]);

    public static IndexedLetter Letter(
        string subject,
        string? body = null,
        string? number = null,
        string? classification = "000.1",
        string tenant = Tenant,
        string[]? tokens = null,
        DateOnly? date = null,
        string status = "Terdaftar",
        string security = "Biasa",
        string[]? units = null,
        string? sender = "Dinas Kesehatan",
        LetterDirection direction = LetterDirection.Incoming,
        Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        Tenant = tenant,
        AccessTokens = tokens ?? [AgencyWide],
        Direction = direction,
        NaskahKind = "Surat Dinas",
        LetterNumber = number,
        Sender = sender,
        Subject = subject,
        Body = body,
        Classification = classification,
        SecurityLevel = security,
        Status = status,
        UnitIds = units ?? ["U1"],
        LetterDate = date ?? new DateOnly(2026, 3, 1),
    };
}

/// <summary>An in-memory index filled with the given letters and refreshed.</summary>
internal sealed class TestIndex : IDisposable
{
    private readonly RAMDirectory directory = new();

    public TestIndex(params IndexedLetter[] letters)
    {
        Index = new LetterIndex(directory);
        foreach (var letter in letters) Index.Upsert(letter);
        Index.Refresh();
    }

    public LetterIndex Index { get; }

    public SearchResult Search(string query, AccessScope? scope = null) =>
        Index.Search(new SearchRequest(scope ?? Letters.Everyone) { Query = query });

    public IReadOnlyList<Guid> Ids(string query, AccessScope? scope = null) =>
        Search(query, scope).Hits.Select(h => h.Id).ToList();

    public void Dispose()
    {
        Index.Dispose();
        directory.Dispose();
    }
}
