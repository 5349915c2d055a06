using Arsip.Access;
using Arsip.Search;
using Arsip.Searching;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>Full-text search through <see cref="SearchLettersEndpoint"/>: the same access trimming, filters and snippets as <c>/api/search</c>.</summary>
public sealed class CariModel(SearchIndexHost host) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Classification { get; set; }
    [BindProperty(SupportsGet = true)] public string? SecurityLevel { get; set; }
    [BindProperty(SupportsGet = true, Name = "hal")] public int PageNumber { get; set; } = 1;
    public SearchResult? Result { get; private set; }
    public bool HasFilters => Year is not null || !string.IsNullOrEmpty(Classification) || !string.IsNullOrEmpty(SecurityLevel);

    public void OnGet()
    {
        if (string.IsNullOrWhiteSpace(Q) && !HasFilters) return;
        var result = SearchLettersEndpoint.Get(Caller.From(User), host, Q, classification: NullIfEmpty(Classification),
            securityLevel: NullIfEmpty(SecurityLevel), year: Year, page: Math.Max(1, PageNumber));
        Result = (result as Ok<SearchResult>)?.Value;
    }

    public string With(string? year = null, string? classification = null, int page = 1) =>
        "/cari" + QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = Q, ["year"] = year ?? Year?.ToString(), ["classification"] = classification ?? Classification,
            ["securityLevel"] = SecurityLevel, ["hal"] = page.ToString(),
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
