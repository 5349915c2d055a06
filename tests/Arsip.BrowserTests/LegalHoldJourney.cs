using Arsip.Correspondence;
using Arsip.IntegrationTests.Records;
using Arsip.Organization;

namespace Arsip.BrowserTests;

/// <summary>An archivist places a hold on a letter by its agenda number and releases it; the due list shows a berkas due this month.</summary>
public sealed class LegalHoldJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IPage> SignedInAsync(string user, int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        await page.SignInAsync(user, ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        return page;
    }

    private static async Task ShouldNotScrollSidewaysAsync(IPage page)
    {
        var (scroll, window) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        scroll.ShouldBeLessThanOrEqualTo(window, $"{page.Url} is {scroll} px wide in a {window} px window");
    }

    [Fact]
    public async Task An_archivist_places_and_releases_a_hold_on_a_letter()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        var registrar = await app.SignInAsync("registrar");
        var registered = await registrar.PostAsJsonAsync("/api/incoming-letters", new JsonObject
        {
            ["sender"] = "Pengadilan Tata Usaha Negara Bandung", ["senderLetterNumber"] = "W2.TUN1/88/2026", ["letterDate"] = today.ToString("yyyy-MM-dd"),
            ["receivedOn"] = today.ToString("yyyy-MM-dd"), ["subject"] = "Panggilan sidang sengketa kepegawaian", ["classification"] = "800.1",
            ["securityLevel"] = "Biasa", ["urgency"] = "Segera",
        });
        registered.EnsureSuccessStatusCode();
        var letter = (await registered.Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(ArsipApp.Json))!;
        var chart = (await (await app.SignInAsync("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var umum = chart.Units.Single(u => u.Code == "Umum").Id;
        // closed two years ago less a few days: it becomes inactive this month
        await RecordsSeed.CaseFileAsync(app, umum, "800.1", [letter.Id], closedOn: today.AddYears(-2).AddDays(today.Day < 28 ? 1 : 0));

        foreach (var (width, height, suffix) in new[] { (1280, 720, "1280"), (390, 844, "390") })
        {
            var page = await SignedInAsync("arsiparis", width, height);
            await page.GotoAsync("/arsip/penangguhan");
            await page.CheckAsync("input[name=Target][value=surat]");
            await page.FillAsync("#hold-letter", $"{letter.AgendaNumber}/{letter.AgendaYear}");
            await page.ClickAsync("button:has-text('Tempatkan penangguhan')");
            // refused without a reason: shown at the field, nothing placed
            (await page.Locator("#hold-reason-error").InnerTextAsync()).ShouldContain("Alasan penangguhan wajib diisi");
            (await page.Locator("#hold-letter").InputValueAsync()).ShouldBe($"{letter.AgendaNumber}/{letter.AgendaYear}");
            await page.FillAsync("#hold-reason", "Sengketa kepegawaian di PTUN");
            await page.FillAsync("#hold-reference", $"Perkara {suffix}/G/2026/PTUN.BDG");
            await page.ClickAsync("button:has-text('Tempatkan penangguhan')");
            await page.Locator("p.alert.ok").WaitForAsync();
            var row = page.Locator("table.holds tbody tr", new() { HasText = $"Perkara {suffix}/G/2026" });
            (await row.InnerTextAsync()).ShouldContain("1 surat");
            (await row.InnerTextAsync()).ShouldContain("Aktif");
            await ShouldNotScrollSidewaysAsync(page);
            await app.ScreenshotAsync(page, $"40-penangguhan-{suffix}");

            await row.Locator("input[name=reason]").FillAsync("Gugatan dicabut");
            await row.Locator("button:has-text('Cabut')").ClickAsync();
            await page.Locator("p.alert.ok").WaitForAsync();
            row = page.Locator("table.holds tbody tr", new() { HasText = $"Perkara {suffix}/G/2026" });
            (await row.InnerTextAsync()).ShouldContain("Dicabut oleh");
            (await row.InnerTextAsync()).ShouldContain("0 surat");

            await page.GotoAsync("/arsip/jatuh-tempo");
            var due = page.Locator("section[aria-labelledby=due-inaktif]");
            (await due.Locator("a[href^='/arsip/berkas/']").CountAsync()).ShouldBe(1);
            await ShouldNotScrollSidewaysAsync(page);
            await app.ScreenshotAsync(page, $"41-jatuh-tempo-{suffix}");
            app.PolicyViolations.ShouldBeEmpty();
        }
        (await (await app.SignInAsync("auditor")).GetFromJsonAsync<JsonArray>($"/api/letters/{letter.Id}/holds"))!.Count.ShouldBe(0);
    }
}
