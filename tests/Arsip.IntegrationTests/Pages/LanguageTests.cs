using System.Net;
using Arsip.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Arsip.IntegrationTests.Pages;

/// <summary>Pages are Indonesian unless the person chooses English; the choice is a cookie, not the browser's language.</summary>
public class LanguageTests(ArsipApp app) : ArsipTest(app)
{
    [Fact]
    public async Task Pages_are_Indonesian_by_default_even_for_an_English_browser_and_English_when_chosen()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var page = await client.GetStringAsync("/masuk");
        page.ShouldContain("Masuk ke Arsip");
        page.ShouldContain("<label for=\"userName\">Nama pengguna</label>");

        var choose = await client.GetAsync("/bahasa/en?kembali=/masuk");
        choose.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        choose.Headers.Location!.ToString().ShouldBe("/masuk");
        var cookie = choose.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture="));
        client.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);

        var english = await client.GetStringAsync("/masuk");
        english.ShouldContain("Sign in to Arsip");
        english.ShouldContain("<label for=\"userName\">User name</label>");
        english.ShouldContain("<html lang=\"en\">");
        english.ShouldContain(">Bahasa Indonesia</a>");
        // A missing page is explained in the chosen language too.
        (await client.GetStringAsync("/galat/404")).ShouldContain("Not found");
    }

    [Fact]
    public async Task A_signed_in_official_who_chose_English_sees_the_dashboard_and_inbox_in_English()
    {
        var client = await App.SignInAsync("sekda");
        (await client.GetStringAsync("/")).ShouldContain("<h1>Beranda</h1>");
        (await client.GetStringAsync("/disposisi")).ShouldContain("<h1>Kotak masuk</h1>");

        // The choice is stored by the client's cookie container, as a browser would.
        var choose = await client.GetAsync("/bahasa/en");
        choose.EnsureSuccessStatusCode();
        var dashboard = await client.GetStringAsync("/");
        dashboard.ShouldContain("<h1>Home</h1>");
        dashboard.ShouldContain("Your inbox</h2>");
        dashboard.ShouldContain("Letters awaiting your disposition</h3>");
        dashboard.ShouldNotContain("Kotak masuk Anda");
        var inbox = await client.GetStringAsync("/disposisi");
        inbox.ShouldContain("<h1>Inbox</h1>");
        inbox.ShouldContain("<h2>Open</h2>");
        inbox.ShouldContain("nearest deadline");
        inbox.ShouldContain(">Unread");
        inbox.ShouldNotContain("Saring kotak masuk");
    }

    [Fact]
    public async Task Only_known_languages_and_local_return_addresses()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await client.GetAsync("/bahasa/fr")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var away = await client.GetAsync("/bahasa/id?kembali=https://contoh.example/");
        away.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        away.Headers.Location!.ToString().ShouldBe("/");
    }
}
