using Arsip.Access;
using Arsip.Onboarding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The agency is typed: its id, or words of its name (suggested while typing by js/instansi.js); without JavaScript a name
/// that fits several agencies asks which one, and the password is asked again.</summary>
public sealed class MasukModel(IMessageBus bus, AgencyDirectory agencies) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(SupportsGet = true, Name = "instansi")] public string? Preset { get; set; }
    [BindProperty] public string? Agency { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    public string? Error { get; private set; }
    public IReadOnlyList<AgencyChoice> Choices { get; private set; } = [];

    public void OnGet() => Agency = Preset;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var agency = await ResolveAsync(Agency, ct);
        if (agency is null) return Page();
        var outcome = await bus.SignInAsync(new SignInRequest(agency, UserName, Password), HttpContext, ct);
        if (outcome.Decision.Refusal is { } problem)
        {
            Error = problem.Detail;
            SignInThrottle.SetRetryAfter(Response, problem);
            return Page();
        }
        await SignInHandler.IssueCookieAsync(HttpContext, agency, outcome.Value!);
        var home = agency == Installation.Tenant ? "/operator" : "/";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl : home);
    }

    /// <summary>An id as typed (the operator's 'instalasi' too), or the one agency whose name fits; else the page asks.</summary>
    private async Task<string?> ResolveAsync(string? typed, CancellationToken ct)
    {
        var text = typed?.Trim() ?? "";
        if (text.Length == 0 || text == Installation.Tenant || await agencies.FindAsync(text, ct) is not null) return text.Length == 0 ? null : text;
        var found = await agencies.SearchAsync(text, ListAgenciesEndpoint.MaximumSuggestions, ct);
        if (found.Count == 1) return found[0].AgencyId;
        Choices = found.Select(a => new AgencyChoice(a.AgencyId, a.Name)).ToList();
        Error = found.Count == 0
            ? FormErrors.Localize($"Tidak ada instansi bernama \"{text}\" (no agency by that name).")
            : FormErrors.Localize("Beberapa instansi cocok: pilih satu, lalu isi kata sandi lagi (several agencies match: choose one and enter the password again).");
        return null;
    }
}
