using Arsip.Infrastructure;
using Arsip.Organization;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Arsip.Access;

public sealed record ChangePassword(string? CurrentPassword, string? NewPassword);

/// <summary>
/// A person changes their own password with the current one. Every cookie session of theirs ends (a stolen
/// cookie with it); the browser that made the change gets a new cookie and stays signed in. API tokens stay
/// until revoked. A wrong current password counts as a failed sign-in of the account.
/// </summary>
public static class ChangePasswordEndpoint
{
    [WolverinePut("/api/me/password")]
    [Tags("Akses")]
    [EndpointSummary("Change the caller's own password (needs the current one); ends every other cookie session")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public static async Task<IResult> Put(ChangePassword command, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, SignInThrottle throttle, HttpContext http)
    {
        if (string.IsNullOrEmpty(command.CurrentPassword))
            return Results.Problem(Problems.BadRequest("currentPassword", "Kata sandi sekarang wajib diisi (current password required)."));
        if (command.NewPassword is null || command.NewPassword.Length < ManagingOrganizationEndpoints.MinimumPasswordLength)
            return Results.Problem(Problems.BadRequest("newPassword",
                $"Kata sandi baru paling sedikit {ManagingOrganizationEndpoints.MinimumPasswordLength} karakter (new password needs at least {ManagingOrganizationEndpoints.MinimumPasswordLength} characters)."));
        if (command.NewPassword == command.CurrentPassword)
            return Results.Problem(Problems.BadRequest("newPassword", "Kata sandi baru sama dengan yang sekarang (the new password is the current one)."));
        if (await session.LoadAsync<Person>(caller.PersonId, http.RequestAborted) is not { } person) return Results.Unauthorized();

        var account = SignInThrottle.AccountKey(caller.Agency, person.UserName);
        var address = SignInThrottle.AddressKey(http);
        if (throttle.RetryAfter(account, address) is { } wait) return SignInThrottle.TooManyAttempts(http, wait);
        if (Credentials.Hasher.VerifyHashedPassword(person, person.PasswordHash, command.CurrentPassword) == PasswordVerificationResult.Failed)
        {
            throttle.Failed(account, address);
            return Results.Problem(Problems.BadRequest("currentPassword", "Kata sandi sekarang salah (the current password is wrong)."));
        }

        var events = Decide(person, Credentials.Hasher.HashPassword(person, command.NewPassword), Credentials.NewSessionStamp(), clock.GetUtcNow());
        session.Events.Append(person.Id, events);
        await session.SaveChangesAsync(http.RequestAborted);
        if (http.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
        {
            person.Apply((SessionsEnded)events[1]);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Authentication.CookiePrincipal(caller.Agency, person));
        }
        return Results.NoContent();
    }

    /// <summary>The new password, and a new session stamp that ends the cookies signed in with the old one.</summary>
    public static object[] Decide(Person person, string newPasswordHash, string newSessionStamp, DateTimeOffset now) =>
        [new PasswordChanged(person.Id, newPasswordHash), new SessionsEnded(person.Id, newSessionStamp, SessionEndReason.PasswordChanged, now)];
}
