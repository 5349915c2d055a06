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
    internal static readonly PasswordHasher<Person> Hasher = new();

    [WolverinePost("/api/auth/sign-in")]
    [AllowAnonymous]
    [Tags("Akses")]
    [EndpointSummary("Sign in with agency, user name and password (sets the session cookie)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public static async Task<IResult> Post(SignInRequest request, IDocumentStore store, ArsipClock clock, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.Agency) || string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
            return Results.Problem(Problems.BadRequest("userName", "Instansi, nama pengguna dan kata sandi wajib diisi (agency, user name and password are required)."));

        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession(request.Agency.Trim());
        var person = await session.Query<Person>().FirstOrDefaultAsync(p => p.UserName == request.UserName.Trim(), http.RequestAborted);
        if (person is null) return Refused("Nama pengguna atau kata sandi salah (wrong user name or password).");
        if (person.LockedUntil > now)
            return Refused($"Akun terkunci sampai {person.LockedUntil:HH:mm} UTC karena terlalu banyak percobaan (locked after too many attempts).");

        var outcome = Decide(person, Hasher.VerifyHashedPassword(person, person.PasswordHash, request.Password) != PasswordVerificationResult.Failed, now);
        session.Events.Append(person.Id, outcome);
        await session.SaveChangesAsync(http.RequestAborted);
        if (outcome is SignInFailed) return Refused("Nama pengguna atau kata sandi salah (wrong user name or password).");

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Authentication.CookiePrincipal(request.Agency.Trim(), person));
        return Results.NoContent();
    }

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
    [WolverinePost("/api/auth/sign-out")]
    [Tags("Akses")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Post(HttpContext http)
    {
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
