using System.Net.Http.Headers;
using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.BrowserTests;

/// <summary>An archivist opens a berkas, files a letter into it and closes it; screenshots 70–75 at 1,280 and 390 px.</summary>
public sealed class CaseFileJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private Guid _letter;

    public async Task InitializeAsync()
    {
        await app.ResetAsync();
        var admin = await app.SignInAsync("admin");
        var scheme = new ByteArrayContent(File.ReadAllBytes(Path.Combine(ArsipApp.SamplesFolder, "classification", "permendagri-83-2022.csv")));
        scheme.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        (await admin.PostAsync("/api/classification/import", scheme)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var kabag = chart.People.Single(p => p.UserName == "kabag.umum").PositionId!.Value;
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd");
        var letter = new JsonObject
        {
            ["sender"] = "Badan Kepegawaian Negara", ["senderLetterNumber"] = "800/77/BKN/2026", ["letterDate"] = today, ["receivedOn"] = today,
            ["subject"] = "Usul mutasi pegawai antardaerah", ["classification"] = "800.1", ["securityLevel"] = "Biasa", ["urgency"] = "Biasa",
            ["addresseePositionId"] = kabag.ToString(),
        };
        var registered = await (await app.SignInAsync("registrar")).PostAsJsonAsync("/api/incoming-letters", letter);
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        _letter = (await registered.Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(ArsipApp.Json))!.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_archivist_creates_a_berkas_files_a_letter_and_closes_it()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("arsiparis", ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        await page.ClickAsync("a[href=\"/arsip/berkas\"]");
        await page.WaitForPageAsync(new Regex("/arsip/berkas$"));
        await page.ShouldHaveLabelledInputsAsync();

        // a refusal comes back at its field
        await page.SelectOptionAsync("#new-unit", new SelectOptionValue { Label = "Umum — Bagian Umum" });
        await page.FillAsync("#new-classification", "800.9.9");
        await page.FillAsync("#new-title", "Mutasi pegawai 2026");
        await page.ClickAsync("form button.primary");
        (await page.Locator("#new-classification-error").InnerTextAsync()).ShouldContain("tidak ada dalam skema klasifikasi");
        await app.ScreenshotAsync(page, "70-berkas-baru-ditolak");

        await page.FillAsync("#new-classification", "800.1");
        await page.FillAsync("#new-from", "2026-01-01");
        await page.FillAsync("#new-to", "2026-12-31");
        await page.ClickAsync("form button.primary");
        await page.WaitForPageAsync(new Regex("/arsip/berkas/[0-9a-f-]{36}$"));
        (await page.Locator("h1").InnerTextAsync()).ShouldContain("Berkas 1/2026");
        await page.ShouldHaveLabelledInputsAsync();

        await page.GetByLabel(new Regex("Usul mutasi pegawai antardaerah")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Masukkan ke berkas" }).ClickAsync();
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("1 surat dimasukkan");
        (await page.Locator("#letters").InnerTextAsync()).ShouldContain("Usul mutasi pegawai antardaerah");
        (await page.Locator("#letters").InnerTextAsync()).ShouldContain("Surat masuk");
        await app.ScreenshotAsync(page, "71-berkas-berisi-surat");

        await page.ClickAsync("#close-button");
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Berkas ditutup");
        (await page.Locator("#status").InnerTextAsync()).ShouldBe("Aktif");
        (await page.Locator("#active-until").InnerTextAsync()).ShouldEndWith("2028");
        (await page.Locator("#reopen-reason").CountAsync()).ShouldBe(1, "a closed berkas offers reopening");
        await app.ScreenshotAsync(page, "72-berkas-ditutup");
        var detail = page.Url;

        await page.GotoAsync("/arsip/berkas");
        var row = page.Locator("table.list tbody tr").Filter(new() { HasText = "Mutasi pegawai 2026" });
        (await row.InnerTextAsync()).ShouldContain("1 surat");
        await app.ScreenshotAsync(page, "73-daftar-berkas");

        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("arsiparis", ArsipApp.DemoPassword);
        await phone.WaitForPageAsync(new Regex("/$"));
        await phone.GotoAsync("/arsip/berkas");
        await app.ScreenshotAsync(phone, "74-daftar-berkas-390");
        (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await phone.GotoAsync(detail);
        await app.ScreenshotAsync(phone, "75-berkas-390");
        (await phone.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        app.PolicyViolations.ShouldBeEmpty();
        _letter.ShouldNotBe(Guid.Empty);
    }
}
