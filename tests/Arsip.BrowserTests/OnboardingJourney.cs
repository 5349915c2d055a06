using Arsip.Onboarding;

namespace Arsip.BrowserTests;

/// <summary>
/// #21 as far as it is built: the operator creates an agency on /operator, its administrator finds it by name on the sign-in
/// page (suggested while typing), is sent to change the initial password, and sees the setup checklist (screenshots 140–144).
/// </summary>
public sealed class OnboardingJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_operator_creates_an_agency_and_its_administrator_signs_in_by_its_name_and_sees_the_checklist()
    {
        (await OperatorAccounts.CreateAsync(app.Store, new ArsipClock(app.Clock), "operator", "Operator Instalasi", "operator-uji-2026", default)).Refused.ShouldBeFalse();
        var page = await app.NewPageAsync();
        await page.SignInAsync("operator", "operator-uji-2026", Installation.Tenant);
        await page.WaitForPageAsync("**/operator");
        (await page.Locator("table[data-testid='agencies'] tr[data-agency='kota-bekasi']").CountAsync()).ShouldBe(1);
        await page.ShouldHaveLabelledInputsAsync();

        await page.FillAsync("#id", "kab-sikka");
        await page.FillAsync("#name", "Pemerintah Kabupaten Sikka");
        await page.SelectOptionAsync("#kind", "PemerintahKabupaten");
        await page.SelectOptionAsync("#timeZone", "WITA");
        await page.FillAsync("#adminUser", "admin.sikka");
        await page.FillAsync("#adminName", "Yohanes Da Silva");
        await page.FillAsync("#adminPassword", "sandi-awal-sikka-2026");
        await page.FillAsync("#nameLines", "PEMERINTAH KABUPATEN SIKKA\nSEKRETARIAT DAERAH");
        await app.ScreenshotAsync(page, "140-operator-instansi-baru");
        await page.ClickAsync("form[data-testid='create-agency'] button[type=submit]");
        await page.Locator("[data-testid='notice']").WaitForAsync();
        (await page.Locator("tr[data-agency='kab-sikka']").InnerTextAsync()).ShouldContain("WITA");
        await app.ScreenshotAsync(page, "141-operator-daftar-instansi");

        var admin = await app.NewPageAsync();
        await admin.GotoAsync("/masuk");
        await admin.FillAsync("#agency", "Sikka");
        await admin.Locator("#agency-suggestions option[value='kab-sikka']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await app.ScreenshotAsync(admin, "142-masuk-cari-instansi");
        await admin.FillAsync("#agency", "kab-sikka");
        await admin.FillAsync("#userName", "admin.sikka");
        await admin.FillAsync("#password", "sandi-awal-sikka-2026");
        await admin.ClickAsync("button[type=submit]");
        await admin.WaitForPageAsync("**/sandi");
        (await admin.Locator("[data-testid='password-change-required']").CountAsync()).ShouldBe(1);
        (await admin.Locator("header .who .agency").InnerTextAsync()).ShouldBe("Pemerintah Kabupaten Sikka");
        await app.ScreenshotAsync(admin, "143-ganti-kata-sandi-awal");
        await admin.FillAsync("#currentPassword", "sandi-awal-sikka-2026");
        await admin.FillAsync("#newPassword", "sandi-baru-sikka-2026");
        await admin.ClickAsync("main button[type=submit]");
        await admin.WaitForPageAsync(new Regex("/$"));

        await admin.GotoAsync("/admin");
        await admin.ClickAsync("[data-testid='checklist-link']");
        await admin.WaitForPageAsync("**/admin/persiapan");
        (await admin.Locator("[data-item='letterhead']").GetAttributeAsync("data-done")).ShouldBe("false");
        (await admin.Locator("[data-item='units']").GetAttributeAsync("data-done")).ShouldBe("false");
        await app.ScreenshotAsync(admin, "144-persiapan-instansi");
        app.PolicyViolations.ShouldBeEmpty();
    }
}
