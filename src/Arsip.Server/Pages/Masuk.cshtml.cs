using Arsip.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

public sealed class MasukModel(IMessageBus bus) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Agency { get; set; } = Agencies.All[0].Id;
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await bus.SignInAsync(new SignInRequest(Agency, UserName, Password), HttpContext, ct);
        if (outcome.Decision.Refusal is { } problem)
        {
            Error = problem.Detail;
            SignInThrottle.SetRetryAfter(Response, problem);
            return Page();
        }
        await SignInHandler.IssueCookieAsync(HttpContext, Agency!, outcome.Value!);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
