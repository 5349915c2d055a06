using System.Net;
using System.Net.Http.Json;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Onboarding;
using Arsip.Organization;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Arsip.IntegrationTests.Onboarding;

/// <summary>#21: the new agency's checklist is computed from its data: what creation made is not enough, each page's work ticks its item.</summary>
public class SetupChecklistTests(ArsipApp app) : ArsipTest(app)
{
    [Fact]
    public async Task A_new_agency_starts_with_nothing_done_and_each_item_is_done_when_its_data_exists()
    {
        await using (var session = App.Store.QuerySession(Installation.Tenant))
            if (!await session.Query<Person>().AnyAsync(p => p.UserName == "operator"))
                await OperatorAccounts.CreateAsync(App.Store, new ArsipClock(App.Clock), "operator", "Operator", AgencyOnboardingTests.OperatorPassword, default);
        var op = App.CreateClient();
        (await op.PostAsJsonAsync("/api/auth/sign-in", new { agency = Installation.Tenant, userName = "operator", password = AgencyOnboardingTests.OperatorPassword })).EnsureSuccessStatusCode();
        (await op.PostAsJsonAsync("/api/agencies", AgencyOnboardingTests.NewAgency("kab-cek", admin: "admin.cek"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var admin = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await admin.PostAsJsonAsync("/api/auth/sign-in", new { agency = "kab-cek", userName = "admin.cek", password = "sandi-awal-2026" })).EnsureSuccessStatusCode();
        (await admin.GetAsync("/api/setup-checklist")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the initial password comes first");
        (await admin.PutAsJsonAsync("/api/me/password", new { currentPassword = "sandi-awal-2026", newPassword = "sandi-baru-cek-2026" })).EnsureSuccessStatusCode();

        var start = (await admin.GetFromJsonAsync<SetupChecklistView>("/api/setup-checklist", ArsipApp.Json))!;
        start.Items.Select(i => i.Key).ShouldBe(["units", "people", "templates", "letterhead", "calendar", "public-url"]);
        start.Done.ShouldBe(0);
        start.Items.Single(i => i.Key == "letterhead").Status.ShouldBe("ada, tanpa lambang");

        var chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var unit = await admin.PostAsJsonAsync("/api/organization/units", new { code = "Umum", name = "Bagian Umum", parentId = chart.Units.Single().Id });
        unit.EnsureSuccessStatusCode();
        var unitId = (await unit.Content.ReadFromJsonAsync<Created>())!.Id;
        (await admin.PostAsJsonAsync("/api/organization/positions", new { title = "Pengadministrasi Umum", unitId, roles = new[] { "Registrar" } })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/organization/people", new { userName = "registrar", fullName = "Dedi", password = "sandi-registrar-2026" })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/calendar", new { timeZone = "Asia/Makassar", holidays = new[] { new { date = "2026-12-25", name = "Hari Raya Natal" } } })).EnsureSuccessStatusCode();

        var after = (await admin.GetFromJsonAsync<SetupChecklistView>("/api/setup-checklist", ArsipApp.Json))!;
        after.Items.Where(i => i.Done).Select(i => i.Key).ShouldBe(["units", "people", "calendar"]);
        after.Items.Where(i => !i.Done).ShouldAllBe(i => i.Missing != null);

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/persiapan"));
        page.ShouldContain("data-item=\"units\" data-done=\"true\"");
        page.ShouldContain("data-item=\"templates\" data-done=\"false\"");
        page.ShouldContain("href=\"/admin/nomor-surat\"");
        page.ShouldContain("3 dari 6 selesai.");
        (await (await As("registrar")).GetAsync("/api/setup-checklist")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
