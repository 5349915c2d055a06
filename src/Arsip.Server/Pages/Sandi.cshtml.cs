using Arsip.Access;
using Arsip.Organization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>Changing one's own password: the API's <see cref="ChangePasswordCommand"/>; every other session ends, this browser gets a new cookie.</summary>
public sealed class SandiModel(IMessageBus bus) : PageModel
{
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public bool Required => User.HasClaim(ArsipClaims.PasswordChangeRequired, "true");

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? currentPassword, string? newPassword, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency,
            new ChangePasswordCommand(caller, new ChangePassword(currentPassword, newPassword), SignInThrottle.AddressKey(HttpContext)), ct);
        if (decision.Refusal is { } problem)
        {
            Errors = FormErrors.From(problem);
            SignInThrottle.SetRetryAfter(Response, problem);
            return Page();
        }
        var stamp = decision.Events.OfType<SessionsEnded>().Single().SessionStamp;
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            Authentication.CookiePrincipal(caller.Agency, new Person { Id = caller.PersonId, FullName = caller.Name, SessionStamp = stamp }));
        TempData["Notice"] = FormErrors.Localize("Kata sandi diganti (password changed).");
        return LocalRedirect(User.HasClaim(ArsipClaims.Operator, "true") ? "/operator" : "/");
    }
}
