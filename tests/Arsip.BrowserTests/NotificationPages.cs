namespace Arsip.BrowserTests;

/// <summary>#22's pages: the profile (from the name in the header) refusing a bad address at its field, then a digest at a local hour; the administrator's mail page.</summary>
public sealed class NotificationPages(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_person_sets_their_mail_on_the_profile_page_and_the_administrator_sees_the_mail_page()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("kabag.hukum", ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        await page.ClickAsync("header .who .name");
        await page.WaitForPageAsync("**/profil");
        await page.ShouldHaveLabelledInputsAsync();
        (await page.Locator("[data-testid=mail-off]").InnerTextAsync()).ShouldContain("Surel belum diatur");

        await page.FillAsync("#email", "rudi.hartono@bekasi");
        await page.CheckAsync("#delivery-now");
        // the browser's own type=email check would stop the form before the server's: the server's refusal is what is tested
        await page.EvaluateAsync("() => document.querySelector('main form').noValidate = true");
        await page.ClickAsync("main form button[type=submit]");
        (await page.Locator("#email-error").InnerTextAsync()).ShouldContain("Alamat surel tidak sah");
        (await page.Locator("#email").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        await app.ScreenshotAsync(page, "150-profil-surel-ditolak");

        await page.FillAsync("#email", "rudi.hartono@bekasikota.go.id");
        await page.CheckAsync("#delivery-digest");
        await page.SelectOptionAsync("#digestHour", "6");
        await page.ClickAsync("main form button[type=submit]");
        (await page.Locator("[role=status]").First.InnerTextAsync()).ShouldContain("Pengaturan pemberitahuan disimpan");
        (await page.InputValueAsync("#email")).ShouldBe("rudi.hartono@bekasikota.go.id");
        (await page.IsCheckedAsync("#delivery-digest")).ShouldBeTrue();
        (await page.InputValueAsync("#digestHour")).ShouldBe("6");
        await app.ScreenshotAsync(page, "151-profil-tersimpan");

        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("kabag.hukum", ArsipApp.DemoPassword);
        await phone.WaitForPageAsync(new Regex("/$"));
        await phone.GotoAsync("/profil");
        await app.ScreenshotAsync(phone, "152-profil-390");

        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin", ArsipApp.DemoPassword);
        await admin.WaitForPageAsync(new Regex("/$"));
        await admin.GotoAsync("/admin");
        await admin.ClickAsync("text=Surel pemberitahuan");
        await admin.WaitForPageAsync("**/admin/surel");
        (await admin.Locator("[data-testid=mail-settings]").InnerTextAsync()).ShouldContain("Mail is off");
        (await admin.Locator("[data-testid=no-unsent-mail]").InnerTextAsync()).ShouldContain("Semua surel sudah terkirim");
        await app.ScreenshotAsync(admin, "153-admin-surel");
        app.PolicyViolations.ShouldBeEmpty();
    }
}
