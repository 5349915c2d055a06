using Arsip.Access;
using Arsip.Search;
using Arsip.Searching;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The same access trimming, filters and snippets as /api/search.</summary>
public sealed class CariModel(SearchIndexHost host, IDocumentStore store, SearchVocabulary vocabulary) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Classification { get; set; }
    [BindProperty(SupportsGet = true)] public string? SecurityLevel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "hal")] public int PageNumber { get; set; } = 1;
    public SearchResult? Result { get; private set; }
    public bool HasFilters => Year is not null || !string.IsNullOrEmpty(Classification) || !string.IsNullOrEmpty(SecurityLevel)
        || !string.IsNullOrEmpty(Unit) || !string.IsNullOrEmpty(Status) || !string.IsNullOrEmpty(Kind);
    public IReadOnlyDictionary<string, string> UnitNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q) && !HasFilters) return;
        Result = LetterSearch.Run(Caller.From(User), host, await vocabulary.ForAsync(Caller.From(User).Agency, ct), Q, classification: NullIfEmpty(Classification), unit: NullIfEmpty(Unit),
            securityLevel: NullIfEmpty(SecurityLevel), status: NullIfEmpty(Status), kind: NullIfEmpty(Kind), year: Year, page: Math.Max(1, PageNumber)).Result;
        await using var session = store.QuerySession(Caller.From(User).Agency);
        UnitNames = (await session.Query<Organization.Unit>().ToListAsync(ct)).ToDictionary(u => u.Id.ToString(), u => u.Name, StringComparer.OrdinalIgnoreCase);
    }

    public string UnitName(string id) => UnitNames.GetValueOrDefault(id, "Unit lain");

    /// <summary>The index keeps it in lower case for the facet.</summary>
    public static string StatusLabel(string? status) => status?.ToLowerInvariant() switch
    {
        null or "" => "—",
        "terdaftar" => "Terdaftar",
        "didisposisikan" => "Didisposisikan",
        "draft" => "Konsep",
        "inreview" => "Dalam paraf",
        "approved" => "Disetujui",
        "signed" => "Ditandatangani",
        "dispatched" => "Dikirim",
        "cancelled" => "Dibatalkan",
        var other => char.ToUpperInvariant(other[0]) + other[1..],
    };

    /// <summary>The facet's value is the kind as indexed: an outgoing letter's <see cref="LetterKind"/>, an incoming one's "Surat Masuk".</summary>
    public static string KindLabel(string? kind) =>
        Enum.TryParse<LetterKind>(kind, ignoreCase: true, out var known) && !int.TryParse(kind, out _)
            ? Correspondence.LetterKinds.Label(known) : kind ?? "—";

    public string With(string? year = null, string? classification = null, int page = 1, string? securityLevel = null, string? unit = null, string? status = null,
        string? kind = null) =>
        "/cari" + QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = Q, ["year"] = year ?? Year?.ToString(), ["classification"] = classification ?? Classification,
            ["securityLevel"] = securityLevel ?? SecurityLevel, ["unit"] = unit ?? Unit, ["status"] = status ?? Status, ["kind"] = kind ?? Kind,
            ["hal"] = page.ToString(),
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public IEnumerable<(string Label, string Remove)> ActiveFilters()
    {
        if (Year is { } y) yield return ($"Tahun {y}", "/cari" + QueryString.Create(Without("year")).ToUriComponent());
        if (!string.IsNullOrEmpty(Classification)) yield return ($"Klasifikasi {Classification}", "/cari" + QueryString.Create(Without("classification")).ToUriComponent());
        if (!string.IsNullOrEmpty(SecurityLevel)) yield return ($"Sifat {SecurityLevel}", "/cari" + QueryString.Create(Without("securityLevel")).ToUriComponent());
        if (!string.IsNullOrEmpty(Unit)) yield return ($"Unit {UnitName(Unit)}", "/cari" + QueryString.Create(Without("unit")).ToUriComponent());
        if (!string.IsNullOrEmpty(Status)) yield return ($"Status {StatusLabel(Status)}", "/cari" + QueryString.Create(Without("status")).ToUriComponent());
        if (!string.IsNullOrEmpty(Kind)) yield return ($"Jenis {KindLabel(Kind)}", "/cari" + QueryString.Create(Without("kind")).ToUriComponent());
    }

    private IEnumerable<KeyValuePair<string, string?>> Without(string filter) => new Dictionary<string, string?>
    {
        ["q"] = Q, ["year"] = Year?.ToString(), ["classification"] = Classification, ["securityLevel"] = SecurityLevel, ["unit"] = Unit, ["status"] = Status, ["kind"] = Kind,
    }.Where(p => p.Key != filter && !string.IsNullOrEmpty(p.Value));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
