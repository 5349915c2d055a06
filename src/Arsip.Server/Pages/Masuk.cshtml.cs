using Arsip.Access;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>Sign-in through the same code as <c>POST /api/auth/sign-in</c> (throttling and lockout included).</summary>
public sealed class MasukModel(IDocumentStore store, ArsipClock clock, SignInThrottle throttle) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Agency { get; set; } = Agencies.All[0].Id;
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await SignInEndpoint.Post(new SignInRequest(Agency, UserName, Password), store, clock, throttle, HttpContext);
        if (result is ProblemHttpResult problem)
        {
            Error = problem.ProblemDetails.Detail;
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
