using System.Net;
using System.Net.Http.Json;
using Arsip.Access;
using Arsip.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.IntegrationTests.Access;

/// <summary>
/// Failed sign-ins are counted per account (existing or not) and per address; at the limit the answer is 429 with
/// Retry-After, whatever the password. Successes never count against an address, and one clears its account.
/// </summary>
public class SignInThrottleTests(ArsipApp app) : ArsipTest(app)
{
    private SignInThrottle Throttle => App.Services.GetRequiredService<SignInThrottle>();

    /// <summary>A client whose requests come from <paramref name="address"/> (the in-memory server has no socket).</summary>
    private HttpClient From(string address)
    {
        var handler = App.Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Parse(address));
        return new HttpClient(handler) { BaseAddress = App.Server.BaseAddress };
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string agency = "kab-bekasi") =>
        client.PostAsJsonAsync("/api/auth/sign-in", new { agency, userName, password });

    [Fact]
    public async Task After_the_limit_of_failures_an_account_answers_429_with_Retry_After_even_to_the_right_password()
    {
        var client = From("198.51.100.1");
        foreach (var userName in new[] { "arsiparis", "nama.yang.tidak.ada" })
        {
            for (var i = 0; i < Throttle.AccountLimit; i++)
                (await SignInAsync(client, userName, "salah-sandi-123")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{userName} attempt {i + 1}");

            var refused = await SignInAsync(client, userName, ArsipApp.DemoPassword);
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, userName);
            int.Parse(refused.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, (int)Throttle.Window.TotalSeconds);
            var problem = (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!;
            problem.Status.ShouldBe(429);
            problem.Detail!.ShouldContain("terkunci");
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
        (await SignInAsync(client, "auditor", ArsipApp.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent, "another account from the same address");

        App.Clock.Advance(Throttle.Window + TimeSpan.FromMinutes(1));
        (await SignInAsync(client, "arsiparis", ArsipApp.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_success_clears_the_accounts_count()
    {
        var client = From("198.51.100.2");
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < Throttle.AccountLimit - 1; i++)
                (await SignInAsync(client, "kabag.hukum", "salah-sandi-123")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await SignInAsync(client, "kabag.hukum", ArsipApp.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent, $"round {round + 1}");
        }
    }

    [Fact]
    public async Task After_the_limit_of_failures_from_one_address_it_answers_429_and_other_addresses_are_untouched()
    {
        var spraying = From("203.0.113.7");
        for (var i = 0; i < Throttle.AddressLimit; i++)
            (await SignInAsync(spraying, $"tebakan.{i}", "salah-sandi-123")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"attempt {i + 1}");

        var refused = await SignInAsync(spraying, "registrar", ArsipApp.DemoPassword);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.Contains("Retry-After").ShouldBeTrue();
        (await SignInAsync(From("203.0.113.8"), "registrar", ArsipApp.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Successful_sign_ins_from_one_address_are_never_throttled()
    {
        var office = From("203.0.113.9");
        for (var i = 0; i < Throttle.AddressLimit + 5; i++)
            (await SignInAsync(office, i % 2 == 0 ? "sekda" : "kadinkes", ArsipApp.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent, $"sign-in {i + 1}");
    }

    [Fact]
    public async Task A_wrong_current_password_counts_as_a_failed_sign_in()
    {
        var client = App.CreateClient();
        (await SignInAsync(client, "kabag.or", ArsipApp.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        for (var i = 0; i < Throttle.AccountLimit; i++)
            (await client.PutAsJsonAsync("/api/me/password", new { currentPassword = $"tebakan-{i}-123", newPassword = "sandi-baru-2026-xyz" }))
                .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var refused = await client.PutAsJsonAsync("/api/me/password", new { currentPassword = ArsipApp.DemoPassword, newPassword = "sandi-baru-2026-xyz" });
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await SignInAsync(App.CreateClient(), "kabag.or", ArsipApp.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        App.Clock.Advance(Throttle.Window + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_sign_in_page_shows_the_lockout_and_says_when_to_try_again()
    {
        var client = App.CreateClient(); // keeps the anti-forgery cookie
        for (var i = 0; i < Throttle.AccountLimit; i++)
            (await SignInAsync(client, "analis", "salah-sandi-123")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var html = await client.GetStringAsync("/masuk");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var page = await client.PostAsync("/masuk", new FormUrlEncodedContent([
            new("Agency", "kab-bekasi"), new("UserName", "analis"), new("Password", ArsipApp.DemoPassword),
            new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]));

        page.Headers.RetryAfter?.Delta.ShouldNotBeNull();
        page.Headers.RetryAfter!.Delta!.Value.ShouldBeGreaterThan(TimeSpan.Zero);
        WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).ShouldContain("Terlalu banyak percobaan");
        App.Clock.Advance(Throttle.Window + TimeSpan.FromMinutes(1));
    }
}
