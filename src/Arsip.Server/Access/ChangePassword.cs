using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Arsip.Access;

public sealed record ChangePassword(string? CurrentPassword, string? NewPassword);

public sealed record ChangePasswordCommand(Caller Caller, ChangePassword Body, string AddressKey)
{
    public Guid PersonId => Caller.PersonId;
}

/// <summary>Every cookie session ends (a stolen cookie with it) but the changing browser gets a new one; API tokens stay until revoked; a wrong current password counts as a failed sign-in.</summary>
public static class ChangePasswordHandler
{
    public static PasswordCheck Decide(ChangePasswordCommand command, Person? person, TimeSpan? throttled, DateTimeOffset now,
        string newSessionStamp, Func<string, string> hashPassword)
    {
        var body = command.Body;
        if (string.IsNullOrEmpty(body.CurrentPassword))
            return new(Decision.Refuse(Problems.BadRequest("currentPassword", "Kata sandi sekarang wajib diisi (current password required).")), false);
        if (body.NewPassword is null || body.NewPassword.Length < Credentials.MinimumPasswordLength)
            return new(Decision.Refuse(Problems.BadRequest("newPassword",
                $"Kata sandi baru paling sedikit {Credentials.MinimumPasswordLength} karakter (new password needs at least {Credentials.MinimumPasswordLength} characters).")), false);
        if (body.NewPassword == body.CurrentPassword)
            return new(Decision.Refuse(Problems.BadRequest("newPassword", "Kata sandi baru sama dengan yang sekarang (the new password is the current one).")), false);
        if (person is null)
            return new(Decision.Refuse(new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Tidak masuk (not signed in)" }), false);
        if (throttled is { } wait) return new(Decision.Refuse(SignInThrottle.TooManyAttempts(wait)), false);
        if (!Credentials.Matches(person, body.CurrentPassword))
            return new(Decision.Refuse(Problems.BadRequest("currentPassword", "Kata sandi sekarang salah (the current password is wrong).")), true);
        return new(Decision.Accept(new PasswordChanged(person.Id, hashPassword(body.NewPassword)),
            new SessionsEnded(person.Id, newSessionStamp, SessionEndReason.PasswordChanged, now)), false);
    }

    public static async Task<Decision> Handle(ChangePasswordCommand command,
        [WriteAggregate(nameof(ChangePasswordCommand.PersonId), Required = false)] IEventStream<Person> stream,
        SignInThrottle throttle, ArsipClock clock, CancellationToken ct)
    {
        var account = stream.Aggregate is { } person ? SignInThrottle.AccountKey(command.Caller.Agency, person.UserName) : null;
        var wait = account is null ? null : await throttle.RetryAfterAsync(account, command.AddressKey, ct);
        var check = Decide(command, stream.Aggregate, wait, clock.GetUtcNow(), Credentials.NewSessionStamp(), Credentials.Hash);
        if (check.FailedAttempt) await throttle.FailedAsync(account!, command.AddressKey, ct);
        stream.AppendMany(check.Decision.Events);
        return check.Decision;
    }

    [WolverinePut("/api/me/password")]
    [Tags("Akses")]
    [EndpointSummary("Change the caller's own password (needs the current one); ends every other cookie session")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public static async Task<IResult> Put(ChangePassword body, [NotBody] Caller caller, IMessageBus bus, HttpContext http)
    {
        var command = new ChangePasswordCommand(caller, body, SignInThrottle.AddressKey(http));
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, command, http.RequestAborted);
        if (decision.Refusal is { } problem) return SignInThrottle.Answer(http, problem);
        if (http.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
        {
            var stamp = decision.Events.OfType<SessionsEnded>().Single().SessionStamp;
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                Authentication.CookiePrincipal(caller.Agency, new Person { Id = caller.PersonId, FullName = caller.Name, SessionStamp = stamp }));
        }
        return Results.NoContent();
    }
}
