using System.Net.Http.Headers;
using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.BrowserTests;

/// <summary>
/// #16's journey, all through the pages: an archivist opens a berkas, files three letters, closes it, finds it in the
/// due list once the clock has passed its active period (two years for 800.1), and places and releases a hold on it.
/// Its own fixture: the clock moves two years. Screenshots 80–85.
/// </summary>
public sealed class RecordsJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private static readonly string[] Subjects = ["Usul kenaikan pangkat Oktober", "Usul kenaikan pangkat April", "Daftar urut kepangkatan"];

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
        var registrar = await app.SignInAsync("registrar");
        for (var i = 0; i < Subjects.Length; i++)
        {
            var registered = await registrar.PostAsJsonAsync("/api/incoming-letters", new JsonObject
            {
                ["sender"] = "Badan Kepegawaian Daerah Provinsi", ["senderLetterNumber"] = $"800.1/{i + 1}/BKD/2026", ["letterDate"] = today,
                ["receivedOn"] = today, ["subject"] = Subjects[i], ["classification"] = "800.1", ["securityLevel"] = "Biasa", ["urgency"] = "Biasa",
                ["addresseePositionId"] = kabag.ToString(),
            });
            registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IPage> SignedInAsync(int width = 1280, int height = 720)
    {
        var page = await app.NewPageAsync(width, height);
        await page.SignInAsync("arsiparis", ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        return page;
    }

    private static async Task ShouldNotScrollSidewaysAsync(IPage page) =>
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(await page.EvaluateAsync<int>("() => window.innerWidth"));

    [Fact]
    public async Task An_archivist_files_three_letters_closes_the_berkas_sees_it_come_due_and_holds_it()
    {
        var page = await SignedInAsync();
        await page.ClickAsync("a[href=\"/arsip/berkas\"]");
        await page.WaitForPageAsync(new Regex("/arsip/berkas$"));
        await page.SelectOptionAsync("#new-unit", new SelectOptionValue { Label = "Umum — Bagian Umum" });
        await page.FillAsync("#new-classification", "800.1");
        await page.FillAsync("#new-title", "Kenaikan pangkat pegawai 2026");
        await page.ClickAsync("form button.primary");
        await page.WaitForPageAsync(new Regex("/arsip/berkas/[0-9a-f-]{36}$"));
        var berkas = page.Url;
        var number = Regex.Match(await page.Locator("h1").InnerTextAsync(), @"Berkas (\d+/\d{4})").Groups[1].Value;

        foreach (var subject in Subjects) await page.GetByLabel(new Regex(subject)).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Masukkan ke berkas" }).ClickAsync();
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("3 surat dimasukkan");
        foreach (var subject in Subjects) (await page.Locator("#letters").InnerTextAsync()).ShouldContain(subject);
        await app.ScreenshotAsync(page, "80-berkas-tiga-surat");

        await page.ClickAsync("#close-button");
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Berkas ditutup");
        (await page.Locator("#status").InnerTextAsync()).ShouldBe("Aktif");
        var activeUntil = await page.Locator("#active-until").InnerTextAsync();
        await app.ScreenshotAsync(page, "81-berkas-ditutup");

        // the unit's daftar berkas, with its PDF and CSV
        await page.GotoAsync("/arsip/berkas");
        await page.SelectOptionAsync("#filter-unit", new SelectOptionValue { Label = "Umum — Bagian Umum" });
        await page.ClickAsync("form.filters button[type=submit]");
        await page.Locator("[data-testid=register-export]").WaitForAsync();
        var pdf = await page.APIRequest.GetAsync(await page.Locator("[data-testid=register-export] a:has-text('PDF')").GetAttributeAsync("href") ?? "");
        (pdf.Status, pdf.Headers["content-type"]).ShouldBe((200, "application/pdf"));
        (await pdf.BodyAsync()).Take(5).ShouldBe("%PDF-"u8.ToArray());

        // two years on (the JRA's active period of 800.1): the berkas becomes inactive this month and is on the due list
        var now = app.Clock.GetUtcNow();
        app.Clock.Advance(now.AddYears(2) - now);
        foreach (var (width, height, suffix) in new[] { (1280, 720, "1280"), (390, 844, "390") })
        {
            var later = await SignedInAsync(width, height);
            await later.GotoAsync("/arsip/jatuh-tempo");
            var due = later.Locator("section[aria-labelledby=due-inaktif]");
            (await due.InnerTextAsync()).ShouldContain("Kenaikan pangkat pegawai 2026");
            (await due.InnerTextAsync()).ShouldContain(activeUntil);
            await ShouldNotScrollSidewaysAsync(later);
            await app.ScreenshotAsync(later, $"82-jatuh-tempo-{suffix}");
        }
        page = await SignedInAsync();
        await page.GotoAsync(berkas);
        (await page.Locator("#status").InnerTextAsync()).ShouldBe("Inaktif");

        // a hold on the berkas, then its release, both with reasons
        await page.GotoAsync("/arsip/penangguhan");
        await page.CheckAsync("input[name=Target][value=berkas]");
        await page.SelectOptionAsync("#hold-file-unit", new SelectOptionValue { Label = "Umum — Bagian Umum" });
        await page.FillAsync("#hold-file", number);
        await page.FillAsync("#hold-reason", "Pemeriksaan BPK atas belanja pegawai");
        await page.FillAsync("#hold-reference", "LHP BPK 12/2028");
        await page.ClickAsync("button:has-text('Tempatkan penangguhan')");
        await page.Locator("p.alert.ok").WaitForAsync();
        var row = page.Locator("table.holds tbody tr", new() { HasText = "LHP BPK 12/2028" });
        (await row.InnerTextAsync()).ShouldContain("Aktif");
        (await row.InnerTextAsync()).ShouldContain("3 surat");
        await app.ScreenshotAsync(page, "83-penangguhan-berkas");
        await row.Locator("input[name=reason]").FillAsync("Pemeriksaan selesai");
        await row.Locator("button:has-text('Cabut')").ClickAsync();
        await page.Locator("p.alert.ok").WaitForAsync();
        row = page.Locator("table.holds tbody tr", new() { HasText = "LHP BPK 12/2028" });
        (await row.InnerTextAsync()).ShouldContain("Dicabut oleh");
        await app.ScreenshotAsync(page, "84-penangguhan-dicabut");
        app.PolicyViolations.ShouldBeEmpty();
    }
}
