using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.IntegrationTests.Records;
using Arsip.Organization;
using Microsoft.Playwright;

namespace Arsip.BrowserTests;

/// <summary>
/// #17 part A's journey through the pages: a berkas of Bagian Organisasi closed today becomes inactive once the clock
/// has moved two years on; the archivist proposes its pemindahan, the unit head approves, the records centre's archivist
/// accepts, and the berkas shows "Dipindahkan". Its own fixture (the clock moves). Screenshots 90–95.
/// </summary>
public sealed class TransferJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private Guid _berkas;

    public async Task InitializeAsync()
    {
        await app.ResetAsync();
        var admin = await app.SignInAsync("admin");
        var chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var unit = chart.Units.Single(u => u.Code == "OR").Id;
        var head = chart.People.Single(p => p.UserName == "kabag.or").PositionId!.Value;
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        var registrar = await app.SignInAsync("registrar");
        var letters = new List<Guid>();
        foreach (var subject in new[] { "Evaluasi kelembagaan perangkat daerah", "Analisis jabatan 2026" })
        {
            var registered = await registrar.PostAsJsonAsync("/api/incoming-letters", new JsonObject
            {
                ["sender"] = "Kementerian PANRB", ["senderLetterNumber"] = $"B/{letters.Count + 1}/KL/2026", ["letterDate"] = today.ToString("yyyy-MM-dd"),
                ["receivedOn"] = today.ToString("yyyy-MM-dd"), ["subject"] = subject, ["classification"] = "800.1", ["securityLevel"] = "Biasa", ["urgency"] = "Biasa",
                ["addresseePositionId"] = head.ToString(),
            });
            registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
            letters.Add((await registered.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>());
        }
        // closed today with two years aktif: inactive once the clock has moved past them
        _berkas = await RecordsSeed.CaseFileAsync(app, unit, "800.1", letters, today, activeYears: 2, inactiveYears: 5);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IPage> SignedInAsync(string user, int width = 1280, int height = 720)
    {
        var page = await app.NewPageAsync(width, height);
        await page.SignInAsync(user, ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        return page;
    }

    private static async Task ShouldNotScrollSidewaysAsync(IPage page) =>
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(await page.EvaluateAsync<int>("() => window.innerWidth"));

    [Fact]
    public async Task The_archivist_proposes_the_unit_head_approves_the_records_centre_accepts_and_the_berkas_shows_Dipindahkan()
    {
        // still active today: nothing to propose
        var page = await SignedInAsync("arsiparis");
        await page.GotoAsync("/arsip/pemindahan");
        await page.SelectOptionAsync("#propose-unit", new SelectOptionValue { Label = "OR — Bagian Organisasi" });
        await page.ClickAsync("button:has-text('Tampilkan berkas inaktif')");
        await page.Locator("#no-eligible").WaitForAsync();

        var now = app.Clock.GetUtcNow();
        app.Clock.Advance(now.AddYears(2).AddDays(1) - now);
        await page.ReloadAsync();
        await page.CheckAsync($"#pick-{_berkas}");
        await app.ScreenshotAsync(page, "90-pemindahan-usulan");
        await page.ClickAsync("button:has-text('Buat usulan pemindahan')");
        await page.WaitForPageAsync(new Regex("/arsip/pemindahan/[0-9a-f-]{36}$"));
        var detail = page.Url;
        (await page.Locator("#transfer-status").InnerTextAsync()).ShouldBe("Draf");
        (await page.Locator("#approve").CountAsync()).ShouldBe(0);
        await page.ClickAsync("#submit");
        (await page.Locator("#transfer-status").InnerTextAsync()).ShouldBe("Menunggu persetujuan kepala unit");
        (await page.Locator("#accept").CountAsync()).ShouldBe(0);

        var head = await SignedInAsync("kabag.or");
        await head.GotoAsync(detail);
        await app.ScreenshotAsync(head, "91-pemindahan-persetujuan");
        await head.ClickAsync("#approve");
        (await head.Locator("#transfer-status").InnerTextAsync()).ShouldBe("Menunggu penerimaan unit kearsipan");
        (await head.Locator("#accept").CountAsync()).ShouldBe(0);

        await page.GotoAsync(detail);
        await page.ClickAsync("#accept");
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("1 berkas dipindahkan ke unit kearsipan");
        (await page.Locator("#transfer-status").InnerTextAsync()).ShouldBe("Dipindahkan");
        var pdf = await page.APIRequest.GetAsync(await page.Locator("#report-pdf").GetAttributeAsync("href") ?? "");
        (pdf.Status, pdf.Headers["content-type"]).ShouldBe((200, "application/pdf"));
        (await pdf.BodyAsync()).Take(5).ShouldBe("%PDF-"u8.ToArray());

        foreach (var (width, height, suffix) in new[] { (1280, 720, "1280"), (390, 844, "390") })
        {
            var view = await SignedInAsync("arsiparis", width, height);
            await view.GotoAsync(detail);
            (await view.Locator("#steps").InnerTextAsync()).ShouldContain("Diterima unit kearsipan");
            await ShouldNotScrollSidewaysAsync(view);
            await app.ScreenshotAsync(view, $"92-pemindahan-diterima-{suffix}");
            await view.GotoAsync($"/arsip/berkas/{_berkas}");
            (await view.Locator("#custody").InnerTextAsync()).ShouldStartWith("Dipindahkan ke unit kearsipan");
            await ShouldNotScrollSidewaysAsync(view);
            await app.ScreenshotAsync(view, $"93-berkas-dipindahkan-{suffix}");
        }
        app.PolicyViolations.ShouldBeEmpty();
    }
}
