using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Onboarding;
using Arsip.Organization;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.IntegrationTests.Onboarding;

/// <summary>#21's pages without JavaScript: the sign-in page takes an agency's name, /operator is the operator's alone, its form creates an agency.</summary>
public partial class OnboardingPagesTests(ArsipApp app) : ArsipTest(app)
{
    private HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<string> TokenAsync(HttpClient client, string page) =>
        WebUtility.HtmlDecode(TokenPattern().Match(await client.GetStringAsync(page)).Groups[1].Value);

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var token = await TokenAsync(client, url.Split('?')[0]);
        return await client.PostAsync(url, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token))));
    }

    private async Task<HttpClient> OperatorAsync()
    {
        await using (var session = App.Store.QuerySession(Installation.Tenant))
            if (!await session.Query<Person>().AnyAsync(p => p.UserName == "operator"))
                await OperatorAccounts.CreateAsync(App.Store, new ArsipClock(App.Clock), "operator", "Operator Instalasi", AgencyOnboardingTests.OperatorPassword, default);
        var client = Browser();
        var signedIn = await PostFormAsync(client, "/masuk", ("Agency", Installation.Tenant), ("UserName", "operator"), ("Password", AgencyOnboardingTests.OperatorPassword));
        signedIn.Headers.Location!.ToString().ShouldBe("/operator");
        return client;
    }

    [Fact]
    public async Task The_sign_in_page_takes_words_of_an_agency_name_and_asks_which_when_several_fit()
    {
        var html = await Browser().GetStringAsync("/masuk");
        html.ShouldContain("data-agencies=\"/api/agencies/search\"");
        html.ShouldNotContain("<select id=\"agency\"");

        var client = Browser();
        var one = await PostFormAsync(client, "/masuk", ("Agency", "kabupaten bekasi"), ("UserName", "registrar"), ("Password", ArsipApp.DemoPassword));
        one.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        one.Headers.Location!.ToString().ShouldBe("/");

        var several = await PostFormAsync(Browser(), "/masuk", ("Agency", "Bekasi"), ("UserName", "registrar"), ("Password", ArsipApp.DemoPassword));
        several.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = WebUtility.HtmlDecode(await several.Content.ReadAsStringAsync());
        page.ShouldContain("data-testid=\"agency-choices\"");
        page.ShouldContain("value=\"kota-bekasi\"");
        page.ShouldContain("value=\"kab-bekasi\"");
        page.ShouldNotContain("kota-tangerang");

        var none = await PostFormAsync(Browser(), "/masuk", ("Agency", "Surabaya"), ("UserName", "registrar"), ("Password", ArsipApp.DemoPassword));
        WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()).ShouldContain("Tidak ada instansi bernama \"Surabaya\"");
    }

    [Fact]
    public async Task Only_the_operator_opens_the_operator_page()
    {
        var admin = Browser();
        (await admin.PostAsJsonAsync("/api/auth/sign-in", new { agency = "kota-bekasi", userName = "admin", password = ArsipApp.DemoPassword })).EnsureSuccessStatusCode();
        var refused = await admin.GetAsync("/operator");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/galat/403");
        var op = await OperatorAsync();
        (await op.PostAsync("/operator?handler=Tangguhkan", new FormUrlEncodedContent([new("agencyId", "kota-bekasi"), new("reason", "tanpa token")])))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await op.GetStringAsync("/operator");
        html.ShouldContain("data-agency=\"kota-bekasi\"");
        html.ShouldContain("data-testid=\"create-agency\"");
    }

    [Fact]
    public async Task The_operator_creates_an_agency_on_the_page_and_a_refusal_shows_at_its_field()
    {
        var op = await OperatorAsync();
        (string, string)[] Form(string id, string password) =>
        [
            ("Form.Id", id), ("Form.Name", "Pemerintah Kota Ambon"), ("Form.Kind", "PemerintahKota"), ("Form.TimeZone", "WIT"),
            ("Form.AdminUserName", "admin.ambon"), ("Form.AdminFullName", "Maria Latuconsina"), ("Form.AdminPassword", password),
            ("Form.NameLines", "PEMERINTAH KOTA AMBON\nSEKRETARIAT DAERAH"), ("Form.Address", "Jl. Sultan Hasanuddin, Ambon"),
        ];
        var refused = await PostFormAsync(op, "/operator?handler=Buat", Form("kota-ambon", "pendek"));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        html.ShouldContain("Kata sandi paling sedikit 10 karakter");
        html.ShouldContain("id=\"adminPassword\"");
        (await App.Services.GetRequiredService<AgencyDirectory>().FindAsync("kota-ambon", default)).ShouldBeNull();

        var created = await PostFormAsync(op, "/operator?handler=Buat", Form("kota-ambon", "sandi-awal-ambon-2026"));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await op.GetStringAsync("/operator")).ShouldContain("data-agency=\"kota-ambon\"");

        var admin = Browser();
        (await PostFormAsync(admin, "/masuk", ("Agency", "Ambon"), ("UserName", "admin.ambon"), ("Password", "sandi-awal-ambon-2026"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var home = await admin.GetAsync("/");
        home.Headers.Location!.ToString().ShouldBe("/sandi");
        var changed = await PostFormAsync(admin, "/sandi", ("currentPassword", "sandi-awal-ambon-2026"), ("newPassword", "sandi-baru-ambon-2026"));
        changed.Headers.Location!.ToString().ShouldBe("/");
        (await admin.GetAsync("/admin")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var suspended = await PostFormAsync(op, "/operator?handler=Tangguhkan", ("agencyId", "kota-ambon"), ("reason", "Uji penangguhan"));
        suspended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetAsync("/admin")).Headers.Location!.ToString().ShouldContain("/masuk");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
