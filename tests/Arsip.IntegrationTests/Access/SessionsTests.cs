using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arsip.Access;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Arsip.IntegrationTests.Access;

/// <summary>
/// Sign-out, a password change and a deactivation end every cookie session of the person at once, a cookie
/// copied before (another browser, a stolen one) included; nobody else's session ends, API tokens stay.
/// </summary>
public class SessionsTests(ArsipApp app) : ArsipTest(app)
{
    /// <summary>A client that keeps no cookies: the cookie is sent by hand, as a copy of it would be.</summary>
    private HttpClient Bare() => App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    /// <summary>Signs in and returns the session cookie (<c>arsip=...</c>).</summary>
    private async Task<string> CookieAsync(string userName, string password = ArsipApp.DemoPassword, string agency = "kota-bekasi")
    {
        var response = await Bare().PostAsJsonAsync("/api/auth/sign-in", new { agency, userName, password });
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        return SessionCookie(response);
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("arsip=", StringComparison.Ordinal) && c.Length > "arsip=".Length);

    private Task<HttpResponseMessage> SendAsync(string cookie, HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookie);
        return Bare().SendAsync(request);
    }

    private async Task<HttpStatusCode> MeAsync(string cookie) => (await SendAsync(cookie, HttpMethod.Get, "/api/me")).StatusCode;

    private async Task<HttpStatusCode> MeWithTokenAsync(string token)
    {
        var client = Bare();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/me")).StatusCode;
    }

    private async Task<string> TokenAsync(string cookie) =>
        (await ReadAsync<IssuedApiToken>(await SendAsync(cookie, HttpMethod.Post, "/api/me/tokens", new { name = "uji" }))).Token;

    private async Task<Guid> PersonIdAsync(string userName) =>
        (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!.People.Single(p => p.UserName == userName).Id;

    [Fact]
    public async Task Sign_out_ends_every_cookie_session_of_the_person_and_no_one_elses()
    {
        var here = await CookieAsync("kabag.umum");
        var otherBrowser = await CookieAsync("kabag.umum");
        var someoneElse = await CookieAsync("kabag.hukum");
        var token = await TokenAsync(here);
        (await MeAsync(here)).ShouldBe(HttpStatusCode.OK);

        var signedOut = await SendAsync(here, HttpMethod.Post, "/api/auth/sign-out");
        signedOut.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await MeAsync(here)).ShouldBe(HttpStatusCode.Unauthorized, "the cookie kept from before the sign-out");
        (await MeAsync(otherBrowser)).ShouldBe(HttpStatusCode.Unauthorized, "the same person's other browser");
        (await MeAsync(someoneElse)).ShouldBe(HttpStatusCode.OK, "another person's session");
        (await MeWithTokenAsync(token)).ShouldBe(HttpStatusCode.OK, "API tokens stay until revoked");
        (await SendAsync(here, HttpMethod.Post, "/api/auth/sign-out")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var again = await CookieAsync("kabag.umum");
        (await MeAsync(again)).ShouldBe(HttpStatusCode.OK, "signing in again starts a new session");
        (await MeAsync(here)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_sign_out_page_ends_the_session_too()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = "kota-bekasi", userName = "kadinkes", password = ArsipApp.DemoPassword })).EnsureSuccessStatusCode();
        var kept = await CookieAsync("kadinkes");
        var html = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/keluar", new FormUrlEncodedContent([new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/masuk");
        (await MeAsync(kept)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_keeps_this_one_and_only_the_new_password_signs_in()
    {
        const string newPassword = "sandi-baru-kasubbag-2026";
        var here = await CookieAsync("kasubbag.tu");
        var stolen = here;
        var otherBrowser = await CookieAsync("kasubbag.tu");
        var someoneElse = await CookieAsync("kabag.or");
        var token = await TokenAsync(here);

        async Task<HttpResponseMessage> Change(object body) => await SendAsync(here, HttpMethod.Put, "/api/me/password", body);
        (await Change(new { newPassword })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Change(new { currentPassword = ArsipApp.DemoPassword, newPassword = "pendek" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Change(new { currentPassword = ArsipApp.DemoPassword, newPassword = ArsipApp.DemoPassword })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var wrong = await Change(new { currentPassword = "bukan-sandinya-1", newPassword });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("currentPassword");
        (await MeAsync(otherBrowser)).ShouldBe(HttpStatusCode.OK, "a refused change ends nothing");

        var changed = await Change(new { currentPassword = ArsipApp.DemoPassword, newPassword });
        changed.StatusCode.ShouldBe(HttpStatusCode.NoContent, await changed.Content.ReadAsStringAsync());

        (await MeAsync(stolen)).ShouldBe(HttpStatusCode.Unauthorized, "the cookie kept from before the change");
        (await MeAsync(otherBrowser)).ShouldBe(HttpStatusCode.Unauthorized);
        (await MeAsync(SessionCookie(changed))).ShouldBe(HttpStatusCode.OK, "the browser that changed it stays signed in");
        (await MeAsync(someoneElse)).ShouldBe(HttpStatusCode.OK);
        (await MeWithTokenAsync(token)).ShouldBe(HttpStatusCode.OK);
        (await Bare().PostAsJsonAsync("/api/auth/sign-in", new { agency = "kota-bekasi", userName = "kasubbag.tu", password = ArsipApp.DemoPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await MeAsync(await CookieAsync("kasubbag.tu", newPassword))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_deactivated_person_loses_every_session_and_token_and_cannot_sign_in()
    {
        var analis = await PersonIdAsync("analis");
        var kept = await CookieAsync("analis");
        var token = await TokenAsync(kept);
        var someoneElse = await CookieAsync("arsiparis");
        var admin = await As("admin");

        (await admin.PostAsJsonAsync($"/api/organization/people/{analis}/deactivation", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsJsonAsync($"/api/organization/people/{Guid.NewGuid()}/deactivation", new { reason = "Pensiun" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsJsonAsync($"/api/organization/people/{await PersonIdAsync("admin")}/deactivation", new { reason = "Pensiun" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await (await As("sekda")).PostAsJsonAsync($"/api/organization/people/{analis}/deactivation", new { reason = "Pensiun" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("admin", "kab-bekasi")).PostAsJsonAsync($"/api/organization/people/{analis}/deactivation", new { reason = "Pensiun" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound, "another agency's administrator");
        (await MeAsync(kept)).ShouldBe(HttpStatusCode.OK, "refusals change nothing");

        (await admin.PostAsJsonAsync($"/api/organization/people/{analis}/deactivation", new { reason = "Pindah tugas ke provinsi" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await MeAsync(kept)).ShouldBe(HttpStatusCode.Unauthorized, "the cookie kept from before the deactivation");
        (await MeWithTokenAsync(token)).ShouldBe(HttpStatusCode.Unauthorized);
        (await MeAsync(someoneElse)).ShouldBe(HttpStatusCode.OK);
        var signIn = await Bare().PostAsJsonAsync("/api/auth/sign-in", new { agency = "kota-bekasi", userName = "analis", password = ArsipApp.DemoPassword });
        signIn.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await signIn.Content.ReadAsStringAsync()).ShouldContain("dinonaktifkan");
        (await admin.PostAsJsonAsync($"/api/organization/people/{analis}/deactivation", new { reason = "sekali lagi" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!.People.Single(p => p.Id == analis).DeactivatedAt.ShouldNotBeNull();

        var stream = await App.Store.QuerySession("kota-bekasi").Events.FetchStreamAsync(analis);
        stream.Select(e => e.Data).OfType<PersonDeactivated>().ShouldHaveSingleItem().Reason.ShouldBe("Pindah tugas ke provinsi");
        stream.Select(e => e.Data).OfType<SessionsEnded>().ShouldHaveSingleItem().Reason.ShouldBe(SessionEndReason.Deactivated);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_new_endpoints_with_their_statuses()
    {
        var document = JsonNode.Parse(await Anonymous.GetStringAsync("/api/openapi.json"))!;
        string[] Statuses(string path, string verb) => document["paths"]![path]![verb]!["responses"]!.AsObject().Select(r => r.Key).Order().ToArray();

        // every status each one answers is listed (Wolverine lists some defaults of its own besides)
        new[] { "204", "400", "401", "429" }.ShouldBeSubsetOf(Statuses("/api/me/password", "put"));
        new[] { "204", "400", "401", "403", "404", "409" }.ShouldBeSubsetOf(Statuses("/api/organization/people/{id}/deactivation", "post"));
        new[] { "204", "400", "401", "429" }.ShouldBeSubsetOf(Statuses("/api/auth/sign-in", "post"));
        new[] { "204", "401" }.ShouldBeSubsetOf(Statuses("/api/auth/sign-out", "post"));
    }
}
