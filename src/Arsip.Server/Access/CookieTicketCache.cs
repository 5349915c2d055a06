using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Arsip.Access;

/// <summary>
/// Decrypting the sign-in cookie was 3 % of a registration's CPU (issue #24's profile), and one cookie string always decrypts
/// to the same ticket: each is decrypted once and kept a few minutes. The handler still checks the ticket's expiry, and
/// <see cref="Authentication.RefreshCookiePrincipal"/> the person and session stamp, on every request. Cookies that do not
/// decrypt are not kept, so made-up cookies cannot fill it.
/// </summary>
public sealed class CookieTicketCache(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
{
    private const long LifetimeMs = 5 * 60 * 1000;
    private const int Bound = 10_000;
    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, long Until)> entries = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null) return inner.Unprotect(protectedText, purpose);
        var now = Environment.TickCount64;
        if (entries.TryGetValue(protectedText, out var cached) && cached.Until > now) return cached.Ticket.Clone();
        if (inner.Unprotect(protectedText) is not { } ticket) return null;
        if (entries.Count >= Bound) entries.Clear(); // a bound, not a policy: an entry saves one decryption
        entries[protectedText] = (ticket.Clone(), now + LifetimeMs);
        return ticket;
    }

    /// <summary>Wraps the format the cookie handler made from the (shared) data protection key ring.</summary>
    public sealed class Setup : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name == CookieAuthenticationDefaults.AuthenticationScheme && options.TicketDataFormat is not CookieTicketCache)
                options.TicketDataFormat = new CookieTicketCache(options.TicketDataFormat);
        }
    }
}
