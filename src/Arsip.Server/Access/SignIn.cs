using Arsip.Infrastructure;
using Arsip.Organization;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Arsip.Access;

public sealed record SignInRequest(string? Agency, string? UserName, string? Password);

public static class SignInEndpoint
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    [WolverinePost("/api/auth/sign-in")]
    [AllowAnonymous]
    [Tags("Akses")]
    [EndpointSummary("Sign in with agency, user name and password (sets the session cookie)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public static async Task<IResult> Post(SignInRequest request, IDocumentStore store, ArsipClock clock, SignInThrottle throttle, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Agency) || string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
            return Results.Problem(Problems.BadRequest("userName", "Instansi, nama pengguna dan kata sandi wajib diisi (agency, user name and password are required)."));

        var account = SignInThrottle.AccountKey(request.Agency, request.UserName);
        var address = SignInThrottle.AddressKey(http);
        if (throttle.RetryAfter(account, address) is { } wait) return SignInThrottle.TooManyAttempts(http, wait);

        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession(request.Agency.Trim());
        var person = await session.Query<Person>().FirstOrDefaultAsync(p => p.UserName == request.UserName.Trim(), http.RequestAborted);
        if (person is null)
        {
            throttle.Failed(account, address);
            return Refused(WrongCredentials);
        }
        if (person.LockedUntil > now) return SignInThrottle.TooManyAttempts(http, person.LockedUntil.Value - now);

        var passwordMatches = Credentials.Hasher.VerifyHashedPassword(person, person.PasswordHash, request.Password) != PasswordVerificationResult.Failed;
        if (person.DeactivatedAt is not null)
        {
            if (!passwordMatches) throttle.Failed(account, address);
            return Refused(passwordMatches ? "Akun ini sudah dinonaktifkan (this account has been deactivated)." : WrongCredentials);
        }
        var outcome = Decide(person, passwordMatches, now);
        session.Events.Append(person.Id, outcome);
        await session.SaveChangesAsync(http.RequestAborted);
        if (outcome is SignInFailed)
        {
            throttle.Failed(account, address);
            return Refused(WrongCredentials);
        }

        throttle.Succeeded(account);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Authentication.CookiePrincipal(request.Agency.Trim(), person));
        return Results.NoContent();
    }

    private const string WrongCredentials = "Nama pengguna atau kata sandi salah (wrong user name or password).";

    /// <summary>Counts failures and locks the account at the limit; a success clears the count.</summary>
    public static object Decide(Person person, bool passwordMatches, DateTimeOffset now)
    {
        if (passwordMatches) return new SignedIn(person.Id);
        var failed = person.FailedSignIns + 1;
        return new SignInFailed(person.Id, failed, failed >= MaxFailedAttempts ? now + LockoutTime : null);
    }

    private static IResult Refused(string detail) => Results.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized, Title = "Gagal masuk (sign-in failed)", Detail = detail,
    });
}

public static class SignOutEndpoint
{
    /// <summary>Ends every cookie session of the caller, in every browser, not only this one; API tokens stay until revoked.</summary>
    [WolverinePost("/api/auth/sign-out")]
    [Tags("Akses")]
    [EndpointSummary("Sign out: ends every cookie session of the caller (API tokens stay until revoked)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    public static async Task<IResult> Post([NotBody] Caller caller, IDocumentSession session, ArsipClock clock, HttpContext http)
    {
        session.Events.Append(caller.PersonId, new SessionsEnded(caller.PersonId, Credentials.NewSessionStamp(), SessionEndReason.SignedOut, clock.GetUtcNow()));
        await session.SaveChangesAsync(http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }
}

public sealed record Me(string Agency, Guid PersonId, string Name, IReadOnlyList<Guid> Positions, IReadOnlyList<Guid> Units, IReadOnlyList<Role> Roles);

public static class MeEndpoint
{
    [WolverineGet("/api/me")]
    [Tags("Akses")]
    [EndpointSummary("Who the caller is: positions held or acted for today, units and roles")]
    public static Me Get([NotBody] Caller caller) =>
        new(caller.Agency, caller.PersonId, caller.Name, caller.Positions, caller.Units, caller.Roles.Distinct().ToList());
}
