using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Arsip.Access;

/// <summary>Claims are rebuilt per request from the person's current record (cached at most a second), so reassignment, revocation or deactivation takes effect on the next request;
/// a cookie's session stamp ends every cookie issued before a sign-out, password change or deactivation.</summary>
public static class Authentication
{
    public const string Scheme = "Arsip";
    public const string BearerScheme = "ArsipToken";
    public const string TokenPrefix = "arsip_";

    internal static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api")) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    internal static async Task RefreshCookiePrincipal(CookieValidatePrincipalContext ctx)
    {
        var agency = ctx.Principal?.FindFirstValue(ArsipClaims.Agency);
        var person = ctx.Principal?.FindFirstValue(ArsipClaims.Person);
        var services = ctx.HttpContext.RequestServices;
        var store = services.GetRequiredService<IDocumentStore>();
        var clock = services.GetRequiredService<ArsipClock>();
        var principal = agency is null || !Guid.TryParse(person, out var personId)
                        || await services.GetRequiredService<ISuspendedAgencies>().IsSuspendedAsync(agency, ctx.HttpContext.RequestAborted)
            ? null
            : await services.GetRequiredService<PrincipalCache>().GetOrBuildAsync($"{agency}/person/{personId}", clock.Today, () =>
                PrincipalAsync(store, clock, agency, s => s.LoadAsync<Person>(personId, ctx.HttpContext.RequestAborted), ctx.Scheme.Name, ctx.HttpContext.RequestAborted));
        // A cookie from before the stamp (none at all: issued before stamps existed) counts as the first stamp, "".
        if (principal is null || principal.FindFirstValue(ArsipClaims.Session) != (ctx.Principal!.FindFirstValue(ArsipClaims.Session) ?? ""))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        else ctx.ReplacePrincipal(principal);
    }

    /// <summary>Everything else is looked up per request.</summary>
    public static ClaimsPrincipal CookiePrincipal(string agency, Person person) => new(new ClaimsIdentity(
        [
            new Claim(ArsipClaims.Agency, agency), new Claim(ArsipClaims.Person, person.Id.ToString()), new Claim(ClaimTypes.Name, person.FullName),
            new Claim(ArsipClaims.Session, person.SessionStamp),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));

    internal static async Task<ClaimsPrincipal?> PrincipalAsync(
        IDocumentStore store, ArsipClock clock, string agency, Func<IQuerySession, Task<Person?>> find, string scheme, CancellationToken ct)
    {
        // Runs on every request: loads by id where it can, since a LINQ query costs more to translate than to run.
        await using var session = store.QuerySession(agency);
        var person = await find(session);
        if (person is null || person.DeactivatedAt is not null) return null;
        var today = clock.Today;
        var ids = person.PositionsOn(today).ToArray();
        var positions = ids.Length == 0 ? [] : await session.LoadManyAsync<Position>(ct, ids);
        return new ClaimsPrincipal(new ClaimsIdentity(
            PersonClaims.For(agency, person, positions.ToList(), today).Append(new Claim(ArsipClaims.Session, person.SessionStamp)),
            scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Only the SHA-256 of the whole token is stored.</summary>
    public static string NewToken(string agency) =>
        $"{TokenPrefix}{agency}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    internal static string? AgencyOfToken(string token)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal)) return null;
        var end = token.IndexOf('_', TokenPrefix.Length);
        return end > TokenPrefix.Length ? token[TokenPrefix.Length..end] : null;
    }
}

public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IDocumentStore store, ArsipClock clock, PrincipalCache cache, ISuspendedAgencies agencies)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (Authentication.AgencyOfToken(token) is not { } agency) return AuthenticateResult.Fail("Malformed token.");
        if (await agencies.IsSuspendedAsync(agency, Context.RequestAborted)) return AuthenticateResult.Fail("The agency is suspended.");
        var hash = Authentication.HashToken(token);
        var principal = await cache.GetOrBuildAsync($"{agency}/token/{hash}", clock.Today, () =>
            Authentication.PrincipalAsync(store, clock, agency, s => s.Query<Person>().Where(p => p.ActiveTokenHashes.Contains(hash)).FirstOrDefaultAsync(Context.RequestAborted), Scheme.Name, Context.RequestAborted));
        return principal is null ? AuthenticateResult.Fail("Unknown or revoked token.") : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}
