using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.IntegrationTests.Records;
using Arsip.Organization;
using Arsip.ReferenceData;
using Microsoft.Playwright;

namespace Arsip.BrowserTests;

/// <summary>
/// #17's penyerahan through the pages: a berkas closed today under a permanen class reaches the end of its retention seven years
/// on (the test clock moves); the archivist proposes it, the mayor approves, the package is built in the background, the
/// archivist downloads it and records the static archive's receipt. Screenshots 90–94.
/// </summary>
public sealed class HandoverJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private Guid _berkas;

    public async Task InitializeAsync()
    {
        await app.ResetAsync();
        var admin = await app.SignInAsync("admin");
        var chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var umum = chart.Units.Single(u => u.Code == "Umum").Id;
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        var registrar = await app.SignInAsync("registrar");
        var letters = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var registered = await registrar.PostAsJsonAsync("/api/incoming-letters", new JsonObject
            {
                ["sender"] = "Bagian Hukum Setda", ["senderLetterNumber"] = $"100.3/{i + 1}/Hukum/2026", ["letterDate"] = today.ToString("yyyy-MM-dd"),
                ["receivedOn"] = today.ToString("yyyy-MM-dd"), ["subject"] = $"Rancangan peraturan, tahap {i + 1}", ["classification"] = "100.3",
                ["securityLevel"] = "Biasa", ["urgency"] = "Biasa",
            });
            registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
            letters.Add((await registered.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>());
        }
        _berkas = await RecordsSeed.CaseFileAsync(app, umum, "100.3", letters, today, activeYears: 2, inactiveYears: 5, finalAction: FinalAction.Permanen);
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
    public async Task An_archivist_proposes_the_mayor_approves_and_the_static_archive_receives_the_package()
    {
        // seven years on (2 aktif + 5 inaktif for this class): the berkas's retention has ended with final action permanen
        var now = app.Clock.GetUtcNow();
        app.Clock.Advance(now.AddYears(7).AddDays(1) - now);

        var page = await SignedInAsync("arsiparis");
        await page.GotoAsync("/arsip/penyerahan");
        await page.FillAsync("#handover-institution", "Dinas Perpustakaan dan Kearsipan Kota Bekasi");
        await page.Locator($"input[name=CaseFileIds][value=\"{_berkas}\"]").CheckAsync();
        await app.ScreenshotAsync(page, "90-penyerahan-usul");
        await page.ClickAsync("button:has-text('Usulkan penyerahan')");
        await page.WaitForPageAsync(new Regex("/arsip/penyerahan/[0-9a-f-]{36}$"));
        var detail = page.Url;
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("menunggu persetujuan kepala instansi");
        (await page.Locator("#status").InnerTextAsync()).ShouldBe("Diusulkan");
        (await page.Locator("button:has-text('Setujui penyerahan')").CountAsync()).ShouldBe(0); // not the archivist's step

        var mayor = await SignedInAsync("walikota");
        await mayor.GotoAsync(detail);
        await mayor.ClickAsync("button:has-text('Setujui penyerahan')");
        (await mayor.Locator("[role=status]").InnerTextAsync()).ShouldContain("Penyerahan disetujui");
        await app.ScreenshotAsync(mayor, "91-penyerahan-disetujui");

        // the package is built in the background: the page shows its progress until it is ready
        for (var i = 0; i < 300 && await page.Locator("#download").CountAsync() == 0; i++)
        {
            await Task.Delay(200);
            await page.GotoAsync(detail);
        }
        (await page.Locator("#status").InnerTextAsync()).ShouldBe("Paket siap");
        (await page.Locator("#progress").InnerTextAsync()).ShouldContain("1 berkas, 2 surat");
        var pdf = await page.APIRequest.GetAsync(await page.Locator("a:has-text('Berita acara penyerahan')").GetAttributeAsync("href") ?? "");
        (pdf.Status, pdf.Headers["content-type"]).ShouldBe((200, "application/pdf"));
        var package = await page.APIRequest.GetAsync(await page.Locator("#download").GetAttributeAsync("href") ?? "");
        (package.Status, package.Headers["content-type"]).ShouldBe((200, "application/zip"));
        (await package.BodyAsync()).Take(2).ShouldBe("PK"u8.ToArray());
        await app.ScreenshotAsync(page, "92-penyerahan-paket-siap");

        await page.GotoAsync(detail);
        await page.FillAsync("#receipt-number", "445/TT/DPK/2033");
        await page.FillAsync("#receipt-date", DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime).AddDays(1).ToString("yyyy-MM-dd"));
        await page.ClickAsync("button:has-text('Catat penerimaan')");
        (await page.Locator(".alert").First.InnerTextAsync()).ShouldContain("setelah hari ini"); // a future date is refused on the form
        await page.FillAsync("#receipt-date", DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd"));
        await page.ClickAsync("button:has-text('Catat penerimaan')");
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Penerimaan penyerahan tercatat");
        (await page.Locator("#status").InnerTextAsync()).ShouldBe("Diterima lembaga kearsipan");
        (await page.Locator("#receipt").InnerTextAsync()).ShouldContain("445/TT/DPK/2033");
        await app.ScreenshotAsync(page, "93-penyerahan-diterima");

        var phone = await SignedInAsync("arsiparis", 390, 844);
        await phone.GotoAsync(detail);
        (await phone.Locator("table.list").InnerTextAsync()).ShouldContain("Diserahkan");
        await ShouldNotScrollSidewaysAsync(phone);
        await app.ScreenshotAsync(phone, "94-penyerahan-390");
        app.PolicyViolations.ShouldBeEmpty();
    }
}
