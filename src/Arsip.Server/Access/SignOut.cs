using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Arsip.Access;

public sealed record SignOutCommand(Caller Caller);

/// <summary>Ends every cookie session of the caller, in every browser, not only this one; API tokens stay until revoked.</summary>
public static class SignOutHandler
{
    public static Decision Decide(SignOutCommand command, DateTimeOffset now, string newSessionStamp) =>
        Decision.Accept(new SessionsEnded(command.Caller.PersonId, newSessionStamp, SessionEndReason.SignedOut, now));

    public static Decision Handle(SignOutCommand command, IDocumentSession session, ArsipClock clock)
    {
        var decision = Decide(command, clock.GetUtcNow(), Credentials.NewSessionStamp());
        session.Events.Append(command.Caller.PersonId, decision.Events);
        return decision;
    }

    [WolverinePost("/api/auth/sign-out")]
    [Tags("Akses")]
    [EndpointSummary("Sign out: ends every cookie session of the caller (API tokens stay until revoked)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    public static async Task<IResult> Post([NotBody] Caller caller, IMessageBus bus, HttpContext http)
    {
        await bus.InvokeForTenantAsync<Decision>(caller.Agency, new SignOutCommand(caller), http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }
}
