using System.Security.Claims;
using Arsip.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace Arsip.Tests.Access;

public class CookieTicketCacheTests
{
    /// <summary>Counts decryptions of a real data-protection ticket format.</summary>
    private sealed class Counting(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Decrypted;
        public string Protect(AuthenticationTicket data) => inner.Protect(data);
        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Decrypted++;
            return inner.Unprotect(protectedText, purpose);
        }
    }

    private static (CookieTicketCache Cache, Counting Inner, string Cookie) Signed()
    {
        var inner = new Counting(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("cookie")));
        var ticket = new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ArsipClaims.Agency, "kota-bekasi"), new Claim(ArsipClaims.Session, "s1")], "Cookies")),
            new AuthenticationProperties { ExpiresUtc = new DateTimeOffset(2026, 12, 7, 20, 0, 0, TimeSpan.Zero) }, "Cookies");
        return (new CookieTicketCache(inner), inner, inner.Protect(ticket));
    }

    [Fact]
    public void A_cookie_is_decrypted_once_and_each_request_gets_its_own_copy()
    {
        var (cache, inner, cookie) = Signed();
        var first = cache.Unprotect(cookie).ShouldNotBeNull();
        var second = cache.Unprotect(cookie).ShouldNotBeNull();
        inner.Decrypted.ShouldBe(1);
        second.ShouldNotBeSameAs(first);
        second.Principal.ShouldNotBeSameAs(first.Principal);
        second.Properties.ShouldNotBeSameAs(first.Properties);
        second.Principal.FindFirstValue(ArsipClaims.Session).ShouldBe("s1");
        second.Properties.ExpiresUtc.ShouldBe(first.Properties.ExpiresUtc);

        // what one request does to its ticket (a sliding renewal, a replaced principal) does not reach the next
        first.Properties.ExpiresUtc = DateTimeOffset.MinValue;
        cache.Unprotect(cookie)!.Properties.ExpiresUtc.ShouldBe(second.Properties.ExpiresUtc);
    }

    [Fact]
    public void A_cookie_that_does_not_decrypt_is_refused_every_time_and_not_kept()
    {
        var (cache, inner, cookie) = Signed();
        var forged = cookie[..^4] + (cookie[^4] == 'A' ? "BBBB" : "AAAA");
        cache.Unprotect(forged).ShouldBeNull();
        cache.Unprotect(forged).ShouldBeNull();
        inner.Decrypted.ShouldBe(2);
    }

    [Fact]
    public void Tickets_protected_for_a_purpose_are_not_cached()
    {
        var (cache, inner, _) = Signed();
        var withPurpose = cache.Protect(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("Cookies")), "Cookies"), "other");
        cache.Unprotect(withPurpose, "other").ShouldNotBeNull();
        cache.Unprotect(withPurpose, "other").ShouldNotBeNull();
        inner.Decrypted.ShouldBe(2);
    }
}
