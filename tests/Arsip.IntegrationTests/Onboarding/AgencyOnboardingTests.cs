using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Onboarding;
using Arsip.Organization;
using Arsip.ReferenceData;
using Marten;

namespace Arsip.IntegrationTests.Onboarding;

/// <summary>#21: the installation operator creates, lists, suspends and reactivates agencies; the sign-in page's search finds them.</summary>
public class AgencyOnboardingTests(ArsipApp app) : ArsipTest(app)
{
    public const string OperatorPassword = "operator-uji-2026";
    internal const string AdminPassword = "sandi-awal-2026";

    private async Task<HttpClient> OperatorAsync()
    {
        await using (var session = App.Store.QuerySession(Installation.Tenant))
            if (!await session.Query<Person>().AnyAsync(p => p.UserName == "operator"))
                (await OperatorAccounts.CreateAsync(App.Store, new ArsipClock(App.Clock), "operator", "Operator Instalasi", OperatorPassword, default)).Refused.ShouldBeFalse();
        var client = App.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = Installation.Tenant, userName = "operator", password = OperatorPassword });
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        return client;
    }

    public static JsonObject NewAgency(string id, string name = "Pemerintah Kabupaten Garut", string admin = "admin.garut") => new()
    {
        ["id"] = id, ["name"] = name, ["kind"] = "PemerintahKabupaten", ["timeZone"] = "WITA",
        ["administrator"] = new JsonObject { ["userName"] = admin, ["fullName"] = "Asep Sunandar", ["password"] = AdminPassword },
        ["letterhead"] = new JsonObject { ["nameLines"] = new JsonArray("PEMERINTAH KABUPATEN GARUT", "SEKRETARIAT DAERAH"), ["address"] = "Jl. Pembangunan No. 181, Garut" },
    };

    private async Task<HttpResponseMessage> SignInAsync(HttpClient client, string agency, string user, string password) =>
        await client.PostAsJsonAsync("/api/auth/sign-in", new { agency, userName = user, password });

    [Fact]
    public async Task The_operator_creates_an_agency_whose_administrator_signs_in_and_must_change_the_initial_password_first()
    {
        var op = await OperatorAsync();
        var created = await op.PostAsJsonAsync("/api/agencies", NewAgency("kab-garut"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.ToString().ShouldBe("/api/agencies/kab-garut");

        var listed = (await op.GetFromJsonAsync<List<AgencySummary>>("/api/agencies", ArsipApp.Json))!;
        listed.Select(a => a.Id).ShouldBeSubsetOf(["kab-bekasi", "kab-dup", "kab-garut", "kota-bekasi", "kota-tangerang"]); // the demo agencies are registered too
        listed.Select(a => a.Id).ShouldContain("kota-tangerang");
        var garut = listed.Single(a => a.Id == "kab-garut");
        (garut.Name, garut.Kind, garut.TimeZone, garut.AdministratorUserName, garut.SuspendedAt).ShouldBe(("Pemerintah Kabupaten Garut", AgencyKind.PemerintahKabupaten, "Asia/Makassar", "admin.garut", null));

        // the agency's own tenant holds its first unit, the administrator's position, its scheme, letterhead and calendar zone
        await using (var session = App.Store.QuerySession("kab-garut"))
        {
            var person = await session.Query<Person>().SingleAsync(p => p.UserName == "admin.garut");
            person.MustChangePassword.ShouldBeTrue();
            (await session.LoadAsync<Position>(person.PositionId!.Value))!.Roles.ShouldBe([Role.Administrator]);
            (await session.LoadAsync<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream))!.Classes.Count.ShouldBeGreaterThan(50);
            (await session.LoadAsync<LetterheadView>(LetterheadView.StreamFor(Letterhead.AgencyKey)))!.Letterhead.NameLines[1].ShouldBe("SEKRETARIAT DAERAH");
            (await session.LoadAsync<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream))!.Settings.TimeZone.ShouldBe("Asia/Makassar");
        }

        var admin = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await SignInAsync(admin, "kab-garut", "admin.garut", AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetAsync("/api/organization")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = await admin.GetAsync("/");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldBe("/sandi");
        (await admin.PutAsJsonAsync("/api/me/password", new { currentPassword = AdminPassword, newPassword = "sandi-baru-garut-2026" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetAsync("/api/organization")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // nobody else's agencies changed: the sign-in search finds it by a word of its name
        var found = (await Anonymous.GetFromJsonAsync<List<AgencyChoice>>("/api/agencies/search?q=garut", ArsipApp.Json))!;
        found.ShouldContain(new AgencyChoice("kab-garut", "Pemerintah Kabupaten Garut"));
        found.ShouldAllBe(a => a.Name.Contains("Garut"));
        (await Anonymous.GetFromJsonAsync<List<AgencyChoice>>("/api/agencies/search?q=kota%20bekasi", ArsipApp.Json))!.Select(a => a.Id).ShouldBe(["kota-bekasi"]);
    }

    [Fact]
    public async Task A_duplicate_id_is_409_and_an_existing_demo_agency_cannot_be_created_over()
    {
        var op = await OperatorAsync();
        (await op.PostAsJsonAsync("/api/agencies", NewAgency("kab-dup"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await op.PostAsJsonAsync("/api/agencies", NewAgency("kab-dup", "Lain", "admin.lain"));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("kab-dup");
        (await op.PostAsJsonAsync("/api/agencies", NewAgency("kota-bekasi"))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await using var session = App.Store.QuerySession("kab-dup");
        (await session.Query<Person>().CountAsync()).ShouldBe(1);
    }

    [Theory]
    [InlineData("id", "Kab_Garut")]
    [InlineData("id", "instalasi")]
    [InlineData("name", "")]
    [InlineData("timeZone", "UTC")]
    [InlineData("kind", null)]
    [InlineData("administrator.password", "pendek")]
    [InlineData("administrator.userName", "nama dengan spasi")]
    [InlineData("letterhead.nameLines", "")]
    public async Task Bad_input_is_400_naming_the_field_and_writes_nothing(string field, string? value)
    {
        var op = await OperatorAsync();
        var body = NewAgency("kab-salah");
        switch (field)
        {
            case "administrator.password": body["administrator"]!["password"] = value; break;
            case "administrator.userName": body["administrator"]!["userName"] = value; break;
            case "letterhead.nameLines": body["letterhead"]!["nameLines"] = new JsonArray(); break;
            default: body[field] = value; break;
        }
        var response = await op.PostAsJsonAsync("/api/agencies", body);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldContain(field);
        (await op.GetFromJsonAsync<List<AgencySummary>>("/api/agencies", ArsipApp.Json))!.ShouldNotContain(a => a.Id == "kab-salah");
        await using var session = App.Store.QuerySession("kab-salah");
        (await session.Query<Person>().CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_uploaded_classification_file_with_errors_is_refused_with_its_lines()
    {
        var op = await OperatorAsync();
        var body = NewAgency("kab-klasifikasi");
        body["classification"] = new JsonObject
        {
            ["fileName"] = "klasifikasi.csv",
            ["contentBase64"] = Convert.ToBase64String("code,name,parent,activeRetentionYears,inactiveRetentionYears,finalAction,defaultSecurityLevel\n000,Umum,,x,3,Musnah,Biasa\n"u8.ToArray()),
        };
        var response = await op.PostAsJsonAsync("/api/agencies", body);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"line\":2");
    }

    [Fact]
    public async Task Only_the_operator_may_create_list_or_suspend_agencies()
    {
        var admin = await As("admin");
        (await admin.PostAsJsonAsync("/api/agencies", NewAgency("kab-admin"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.GetAsync("/api/agencies")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsJsonAsync("/api/agencies/kota-bekasi/suspension", new { reason = "coba" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Anonymous.PostAsJsonAsync("/api/agencies", NewAgency("kab-anon"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await OperatorAsync()).PostAsJsonAsync("/api/agencies/tidak-ada/suspension", new { reason = "coba" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Suspending_an_agency_ends_its_sessions_tokens_and_sign_ins_at_once_and_keeps_its_records_until_reactivated()
    {
        var op = await OperatorAsync();
        var registrar = await As("registrar", "kota-tangerang");
        var token = await (await registrar.PostAsJsonAsync("/api/me/tokens", new { name = "skrip" })).Content.ReadFromJsonAsync<JsonObject>();
        var bearer = App.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", token!["token"]!.GetValue<string>());
        (await bearer.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var other = await As("registrar", "kota-bekasi");

        (await op.PostAsJsonAsync("/api/agencies/kota-tangerang/suspension", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await op.PostAsJsonAsync("/api/agencies/kota-tangerang/suspension", new { reason = "Kontrak layanan berakhir" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await op.PostAsJsonAsync("/api/agencies/kota-tangerang/suspension", new { reason = "lagi" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await registrar.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await bearer.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var refused = await SignInAsync(App.CreateClient(), "kota-tangerang", "admin", ArsipApp.DemoPassword);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("ditangguhkan");
        (await other.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Anonymous.GetFromJsonAsync<List<AgencyChoice>>("/api/agencies/search?q=tangerang", ArsipApp.Json))!.ShouldBeEmpty();
        var listed = (await op.GetFromJsonAsync<List<AgencySummary>>("/api/agencies", ArsipApp.Json))!.Single(a => a.Id == "kota-tangerang");
        listed.SuspensionReason.ShouldBe("Kontrak layanan berakhir");
        await using (var session = App.Store.QuerySession("kota-tangerang"))
            (await session.Query<Person>().CountAsync()).ShouldBeGreaterThan(5);

        (await op.DeleteAsync("/api/agencies/kota-tangerang/suspension")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await op.DeleteAsync("/api/agencies/kota-tangerang/suspension")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await bearer.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SignInAsync(App.CreateClient(), "kota-tangerang", "admin", ArsipApp.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}
