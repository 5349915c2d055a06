
namespace Arsip.BrowserTests;

/// <summary>
/// The first journey through the web app: the registrar registers a letter (fixing one mistake the form
/// points out), finds it in the agenda book; the auditor finds it by a phrase and verifies its history.
/// Each step leaves a screenshot under TestResults/screenshots.
/// </summary>
public sealed class IncomingLetterJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Registrar_registers_a_letter_and_the_auditor_finds_and_verifies_it()
    {
        // Sign-in: a wrong password is refused with a message, the right one opens the dashboard.
        var registrar = await app.NewPageAsync();
        await registrar.GotoAsync("/");
        registrar.Url.ShouldContain("/masuk");
        await registrar.ShouldHaveLabelledInputsAsync();
        await registrar.SignInAsync("registrar", "salah-sandi");
        (await registrar.Locator("[role=alert]").InnerTextAsync()).ShouldContain("salah");
        await app.ScreenshotAsync(registrar, "01-masuk-gagal");
        await registrar.SignInAsync("registrar", ArsipApp.DemoPassword);
        await registrar.WaitForPageAsync(new Regex("/$"));
        (await registrar.Locator("header .who").InnerTextAsync()).ShouldContain("Pemerintah Kota Bekasi");
        (await registrar.Locator("[data-testid=incoming-count]").InnerTextAsync()).ShouldBe("0");
        await app.ScreenshotAsync(registrar, "02-beranda");

        // Registration: a malformed classification code is flagged at its field, then fixed.
        await registrar.GotoAsync("/surat-masuk/baru");
        await registrar.ShouldHaveLabelledInputsAsync();
        await registrar.FillAsync("#sender", "Dinas Kesehatan Provinsi Jawa Barat");
        await registrar.FillAsync("#senderLetterNumber", "400.7/1123/Dinkes/2026");
        await registrar.FillAsync("#letterDate", "2026-11-20");
        await registrar.FillAsync("#subject", "Laporan penanganan demam berdarah dengue di Kecamatan Bekasi Timur");
        await registrar.FillAsync("#classification", "400-7");
        await registrar.SelectOptionAsync("#urgency", "Segera");
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        var error = registrar.Locator("#classification-error");
        (await error.InnerTextAsync()).ShouldContain("angka bertitik");
        (await registrar.Locator("#classification").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await registrar.Locator("#sender").InputValueAsync()).ShouldBe("Dinas Kesehatan Provinsi Jawa Barat", "the form keeps what was typed");
        await app.ScreenshotAsync(registrar, "03-registrasi-salah-klasifikasi");

        await registrar.FillAsync("#classification", "400.7");
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        await registrar.WaitForPageAsync(new Regex("/surat-masuk/[0-9a-f-]{36}$"));
        (await registrar.Locator("[role=status]").InnerTextAsync()).ShouldContain("nomor agenda 1/2026");
        var letterUrl = new Uri(registrar.Url).AbsolutePath;
        await app.ScreenshotAsync(registrar, "04-surat-tercatat");

        // The agenda book lists it, newest first.
        await registrar.GotoAsync("/surat-masuk");
        await registrar.ShouldHaveLabelledInputsAsync();
        (await registrar.Locator("table.list tbody tr").First.InnerTextAsync()).ShouldContain("demam berdarah");
        (await registrar.Locator("table.list tbody tr").First.InnerTextAsync()).ShouldContain("1/2026");
        await app.ScreenshotAsync(registrar, "05-buku-agenda");
        await registrar.GotoAsync("/surat-keluar");
        await registrar.ShouldHaveLabelledInputsAsync();
        (await registrar.Locator("main").InnerTextAsync()).ShouldContain("Belum ada surat keluar");

        // Registering the same letter again warns and links to the first one.
        await registrar.GotoAsync("/surat-masuk/baru");
        await registrar.FillAsync("#sender", "Dinas Kesehatan Provinsi Jawa Barat");
        await registrar.FillAsync("#senderLetterNumber", "400.7/1123/Dinkes/2026");
        await registrar.FillAsync("#letterDate", "2026-11-20");
        await registrar.FillAsync("#subject", "Laporan penanganan demam berdarah dengue");
        await registrar.FillAsync("#classification", "400.7");
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        (await registrar.Locator(".alert.warn a").GetAttributeAsync("href")).ShouldBe(letterUrl);
        await registrar.ShouldHaveLabelledInputsAsync();
        await app.ScreenshotAsync(registrar, "06-duplikat");
        await registrar.CheckAsync("#confirmedDistinct");
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        await registrar.WaitForPageAsync(new Regex("/surat-masuk/[0-9a-f-]{36}$"));
        (await registrar.Locator("[role=status]").InnerTextAsync()).ShouldContain("nomor agenda 2/2026");

        // Someone outside the letter's units gets a 404, as from the API.
        var analis = await app.NewPageAsync();
        await analis.SignInAsync("analis", ArsipApp.DemoPassword);
        await analis.WaitForPageAsync(new Regex("/$"));
        (await analis.GotoAsync(letterUrl))!.Status.ShouldBe(404);
        (await analis.Locator("h1").InnerTextAsync()).ShouldBe("Tidak ditemukan");
        await analis.GotoAsync("/surat-masuk/baru");
        (await analis.Locator("h1").InnerTextAsync()).ShouldBe("Tidak berhak", "only registrars register letters");

        // The auditor finds it by a phrase once the index has caught up, with the match highlighted.
        var auditor = await app.NewPageAsync();
        await auditor.SignInAsync("auditor", ArsipApp.DemoPassword);
        await auditor.WaitForPageAsync(new Regex("/$"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await auditor.GotoAsync("/cari?q=" + Uri.EscapeDataString("\"demam berdarah\""));
            if (await auditor.Locator("ol.hits li").CountAsync() == 2) break;
            await Task.Delay(250);
        } while (DateTime.UtcNow < deadline);
        await auditor.ShouldHaveLabelledInputsAsync();
        (await auditor.Locator("ol.hits li").CountAsync()).ShouldBe(2);
        (await auditor.Locator("ol.hits mark").First.InnerTextAsync()).ToLowerInvariant().ShouldBeOneOf("demam", "berdarah", "demam berdarah");
        await app.ScreenshotAsync(auditor, "07-cari");

        await auditor.GotoAsync("/cari?q=demam&securityLevel=Biasa&classification=400");
        (await auditor.Locator("ol.hits li").CountAsync()).ShouldBe(2, "filters on sifat and classification prefix keep both letters");
        await auditor.GotoAsync("/cari?q=demam&year=2019");
        (await auditor.Locator(".alert").InnerTextAsync()).ShouldContain("hapus filter");
        await app.ScreenshotAsync(auditor, "08-cari-kosong");

        // History and verification.
        await auditor.GotoAsync("/cari?q=demam");
        await auditor.ClickAsync($"ol.hits a.hit-title[href='{letterUrl}']");
        await auditor.WaitForPageAsync("**" + letterUrl);
        await auditor.ClickAsync("text=Riwayat dan verifikasi");
        await auditor.WaitForPageAsync("**/riwayat");
        (await auditor.Locator("ol.timeline li").CountAsync()).ShouldBe(1);
        (await auditor.Locator("ol.timeline").InnerTextAsync()).ShouldContain("Surat masuk diregistrasi");
        await auditor.ClickAsync("button:has-text('Verifikasi')");
        (await auditor.Locator("[data-testid=verify-result]").InnerTextAsync()).ShouldContain("Verifikasi berhasil");
        await app.ScreenshotAsync(auditor, "09-riwayat-verifikasi");
        await auditor.ClickAsync("text=lihat surat pada versi ini");
        (await auditor.Locator("[role=note]").InnerTextAsync()).ShouldContain("versi 1");
        (await auditor.Locator("dl.fields").InnerTextAsync()).ShouldContain("400.7/1123/Dinkes/2026");

        // The agenda book on a phone.
        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("registrar", ArsipApp.DemoPassword);
        await phone.WaitForPageAsync(new Regex("/$"));
        await phone.GotoAsync("/surat-masuk");
        await app.ScreenshotAsync(phone, "10-buku-agenda-ponsel");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_page_says_so()
    {
        var page = await app.NewPageAsync();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.SignInAsync("kabag.hukum", "bukan-sandinya");
            (await page.Locator("[role=alert]").InnerTextAsync()).ShouldContain("salah");
        }
        await page.SignInAsync("kabag.hukum", ArsipApp.DemoPassword);
        (await page.Locator("[role=alert]").InnerTextAsync()).ShouldContain("terkunci");
        page.Url.ShouldContain("/masuk");
        await app.ScreenshotAsync(page, "11-terkunci");
    }
}
