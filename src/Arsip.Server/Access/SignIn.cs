using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Arsip.Access;

public sealed record SignInRequest(string? Agency, string? UserName, string? Password);

/// <summary>The sign-in as the handler receives it; the remote address is the throttle's second key.</summary>
public sealed record SignInCommand(SignInRequest Body, string AddressKey);

public sealed record PasswordCheck(Decision Decision, bool FailedAttempt);

/// <summary>Decided here for the API and the /masuk page alike; the cookie is the caller's edge's job.</summary>
public static class SignInHandler
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);
    private const string WrongCredentials = "Nama pengguna atau kata sandi salah (wrong user name or password).";

    public static bool IsComplete(SignInRequest body) =>
        !string.IsNullOrWhiteSpace(body.Agency) && !string.IsNullOrWhiteSpace(body.UserName) && !string.IsNullOrEmpty(body.Password);

    /// <summary>A wrong password is recorded (and locks the account at the limit) and refused at once; a success clears the count.</summary>
    public static PasswordCheck Decide(SignInCommand command, Person? person, TimeSpan? throttled, DateTimeOffset now, bool agencySuspended = false)
    {
        var body = command.Body;
        if (!IsComplete(body))
            return new(Decision.Refuse(Problems.BadRequest("userName", "Instansi, nama pengguna dan kata sandi wajib diisi (agency, user name and password are required).")), false);
        if (agencySuspended)
            return new(Decision.Refuse(Problems.Forbidden("Instansi ini sedang ditangguhkan oleh operator; hubungi operator instalasi (this agency is suspended by the installation operator).")), false);
        if (throttled is { } wait) return new(Decision.Refuse(SignInThrottle.TooManyAttempts(wait)), false);
        if (person is null) return new(Decision.Refuse(Unauthorized(WrongCredentials)), true);
        if (person.LockedUntil > now) return new(Decision.Refuse(SignInThrottle.TooManyAttempts(person.LockedUntil.Value - now)), false);

        var matches = Credentials.Matches(person, body.Password!);
        if (person.DeactivatedAt is not null)
            return new(Decision.Refuse(Unauthorized(matches ? "Akun ini sudah dinonaktifkan (this account has been deactivated)." : WrongCredentials)), !matches);
        if (matches) return new(Decision.Accept(new SignedIn(person.Id)), false);
        var failed = person.FailedSignIns + 1;
        var recorded = new SignInFailed(person.Id, failed, failed >= MaxFailedAttempts ? now + LockoutTime : null);
        return new(new Decision([recorded], Unauthorized(WrongCredentials)), true);
    }

    public static async Task<Outcome<Person>> Handle(SignInCommand command, IDocumentSession session, SignInThrottle throttle, ISuspendedAgencies agencies,
        ArsipClock clock, CancellationToken ct)
    {
        var body = command.Body;
        var account = IsComplete(body) ? SignInThrottle.AccountKey(body.Agency!, body.UserName!) : null;
        var suspended = account is not null && await agencies.IsSuspendedAsync(body.Agency!, ct);
        var wait = account is null ? null : await throttle.RetryAfterAsync(account, command.AddressKey, ct);
        var person = account is null || wait is not null || suspended
            ? null
            : await session.Query<Person>().FirstOrDefaultAsync(p => p.UserName == body.UserName!.Trim(), ct);
        var check = Decide(command, person, wait, clock.GetUtcNow(), suspended);
        if (person is not null && check.Decision.Events.Count > 0) session.Events.Append(person.Id, check.Decision.Events);
        if (check.FailedAttempt) await throttle.FailedAsync(account!, command.AddressKey, ct);
        else if (!check.Decision.Refused) await throttle.SucceededAsync(account!, ct);
        return new(check.Decision, check.Decision.Refused ? null : person);
    }

    /// <summary>Sends the sign-in to its handler in the named agency (none yet when the agency is left out: that is refused).</summary>
    public static Task<Outcome<Person>> SignInAsync(this IMessageBus bus, SignInRequest body, HttpContext http, CancellationToken ct)
    {
        var command = new SignInCommand(body, SignInThrottle.AddressKey(http));
        return string.IsNullOrWhiteSpace(body.Agency)
            ? bus.InvokeAsync<Outcome<Person>>(command, ct)
            : bus.InvokeForTenantAsync<Outcome<Person>>(body.Agency.Trim(), command, ct);
    }

    public static Task IssueCookieAsync(HttpContext http, string agency, Person person) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Authentication.CookiePrincipal(agency.Trim(), person));

    [WolverinePost("/api/auth/sign-in")]
    [AllowAnonymous]
    [Tags("Akses")]
    [EndpointSummary("Sign in with agency, user name and password (sets the session cookie)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public static async Task<IResult> Post(SignInRequest body, IMessageBus bus, HttpContext http)
    {
        var outcome = await bus.SignInAsync(body, http, http.RequestAborted);
        if (outcome.Decision.Refusal is { } problem) return SignInThrottle.Answer(http, problem);
        await IssueCookieAsync(http, body.Agency!, outcome.Value!);
        return Results.NoContent();
    }

    private static ProblemDetails Unauthorized(string detail) => new()
    {
        Status = StatusCodes.Status401Unauthorized, Title = "Gagal masuk (sign-in failed)", Detail = detail,
    };
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
