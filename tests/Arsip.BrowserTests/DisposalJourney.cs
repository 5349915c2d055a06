using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.IntegrationTests.Records;
using Arsip.Organization;
using Microsoft.Playwright;

namespace Arsip.BrowserTests;

/// <summary>
/// #17's pemusnahan, all through the pages: a Bagian Umum berkas closed today with one year active and two inactive; the
/// clock moves three years on; the archivist proposes it with the panitia penilai, the three members assess, the Wali
/// Kota approves, the archivist executes, and the berkas shows "Dimusnahkan". Its own fixture. Screenshots 110–117 (117: the head's home page, "Menunggu keputusan Anda").
/// </summary>
public sealed class DisposalJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private const string Title = "Berkas uji";
    private Guid _caseFile;
    private OrganizationChart _chart = null!;

    public async Task InitializeAsync()
    {
        await app.ResetAsync();
        _chart = (await (await app.SignInAsync("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        var registrar = await app.SignInAsync("registrar");
        var letters = new List<Guid>();
        foreach (var subject in new[] { "Undangan rapat koordinasi kebersihan", "Laporan pemakaian alat tulis kantor" })
        {
            var registered = await registrar.PostAsJsonAsync("/api/incoming-letters", new JsonObject
            {
                ["sender"] = "Dinas Lingkungan Hidup", ["senderLetterNumber"] = $"000.1/{letters.Count + 1}/DLH/2026", ["letterDate"] = today.ToString("yyyy-MM-dd"),
                ["receivedOn"] = today.ToString("yyyy-MM-dd"), ["subject"] = subject, ["classification"] = "000.1", ["securityLevel"] = "Biasa", ["urgency"] = "Biasa",
            });
            registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
            letters.Add((await registered.Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(ArsipApp.Json))!.Id);
        }
        _caseFile = await RecordsSeed.CaseFileAsync(app, _chart.Units.Single(u => u.Code == "Umum").Id, "000.1", letters, today, activeYears: 1, inactiveYears: 2);
        // three years and a day on: its inactive period has ended
        app.Clock.Advance(TimeSpan.FromDays(3 * 365 + 2));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Guid Person(string userName) => _chart.People.Single(p => p.UserName == userName).Id;

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
    public async Task The_archivist_proposes_the_committee_assesses_the_head_approves_and_the_berkas_is_destroyed()
    {
        var page = await SignedInAsync("arsiparis");
        await page.GotoAsync("/arsip/berkas");
        await page.ClickAsync("nav.tabs a[href=\"/arsip/pemusnahan\"]");
        await page.WaitForPageAsync(new Regex("/arsip/pemusnahan$"));
        await page.CheckAsync($"#file-{_caseFile}");
        foreach (var member in new[] { "kabag.umum", "arsiparis", "kasubbag.tu" })
            await page.CheckAsync($"input[name=Committee][value=\"{Person(member)}\"]");
        await page.ShouldHaveLabelledInputsAsync();
        await app.ScreenshotAsync(page, "110-pemusnahan-usul");
        await page.ClickAsync("#propose-form button[type=submit]");
        await page.WaitForPageAsync(new Regex("/arsip/pemusnahan/[0-9a-f-]{36}$"));
        var detail = page.Url;
        (await page.Locator("#status").InnerTextAsync()).ShouldBe("Penilaian panitia");
        (await page.Locator("#approve-form").CountAsync()).ShouldBe(0);
        (await page.Locator("#execute-form").CountAsync()).ShouldBe(0);
        await page.ClickAsync("#assess-form button[type=submit]");
        await page.Locator("p.alert.ok").WaitForAsync();
        (await page.Locator("#assess-form").CountAsync()).ShouldBe(0);
        await app.ScreenshotAsync(page, "111-pemusnahan-dinilai-arsiparis");

        var detailPath = new Uri(detail).AbsolutePath;
        foreach (var member in new[] { "kabag.umum", "kasubbag.tu" })
        {
            var other = await SignedInAsync(member);
            // the home page names the proposal waiting for this member's assessment
            (await other.Locator($"#waiting li[data-kind=DisposalAssessment] a[href=\"{detailPath}\"]").CountAsync()).ShouldBe(1);
            await other.GotoAsync(detail);
            await other.ClickAsync("#assess-form button[type=submit]");
            await other.Locator("p.alert.ok").WaitForAsync();
        }

        var registrar = await SignedInAsync("registrar");
        (await registrar.Locator("#waiting").CountAsync()).ShouldBe(0, "a registrar decides nothing in the movements");

        foreach (var (width, height, suffix) in new[] { (390, 844, "390"), (1280, 720, "1280") })
        {
            var head = await SignedInAsync("walikota", width, height);
            // "Menunggu keputusan Anda" on the home page: the proposal to approve, since when; its link opens it
            var waiting = head.Locator($"#waiting li[data-kind=DisposalApproval]:has(a[href=\"{detailPath}\"])");
            (await waiting.InnerTextAsync()).ShouldContain("Persetujuan pemusnahan (pimpinan instansi)");
            (await waiting.InnerTextAsync()).ShouldContain("hari ini");
            await ShouldNotScrollSidewaysAsync(head);
            await app.ScreenshotAsync(head, $"117-beranda-menunggu-keputusan-{suffix}");
            await head.ClickAsync($"#waiting a[href=\"{detailPath}\"]");
            await head.WaitForPageAsync(new Regex(Regex.Escape(detailPath) + "$"));
            (await head.Locator("#status").InnerTextAsync()).ShouldBe("Menunggu persetujuan");
            (await head.Locator("#assess-form").CountAsync()).ShouldBe(0);
            await ShouldNotScrollSidewaysAsync(head);
            await app.ScreenshotAsync(head, $"112-pemusnahan-persetujuan-{suffix}");
            if (suffix == "390") continue;
            await head.ClickAsync("#approve-form button[type=submit]");
            await head.Locator("p.alert.ok").WaitForAsync();
            (await head.Locator("#status").InnerTextAsync()).ShouldBe("Disetujui, siap dimusnahkan");
            (await head.Locator("#execute-form").CountAsync()).ShouldBe(0);
            (await head.Locator("#reject-form").CountAsync()).ShouldBe(0);
            await head.GotoAsync("/");
            (await head.Locator("#waiting").CountAsync()).ShouldBe(0, "nothing waits for the head once approved");
        }

        page = await SignedInAsync("arsiparis");
        await page.GotoAsync(detail);
        await page.ClickAsync("#execute-form button[type=submit]");
        (await page.Locator(".error-summary, [role=alert]").First.InnerTextAsync()).ShouldContain("konfirmasi");
        await page.CheckAsync("#confirm");
        await app.ScreenshotAsync(page, "113-pemusnahan-konfirmasi");
        await page.ClickAsync("#execute-form button[type=submit]");
        await page.Locator("#berita-acara").WaitForAsync(new() { Timeout = 30_000 }); // the progress page reloads itself until it is done
        (await page.Locator("#status").InnerTextAsync()).ShouldBe("Selesai dimusnahkan");
        (await page.Locator("#items").InnerTextAsync()).ShouldContain("Dimusnahkan");
        await app.ScreenshotAsync(page, "114-pemusnahan-selesai");
        var pdf = await page.APIRequest.GetAsync(await page.Locator("#berita-acara").GetAttributeAsync("href") ?? "");
        (pdf.Status, pdf.Headers["content-type"]).ShouldBe((200, "application/pdf"));
        (await pdf.BodyAsync()).Take(5).ShouldBe("%PDF-"u8.ToArray());

        await page.GotoAsync($"/arsip/berkas/{_caseFile}");
        (await page.Locator("#status").InnerTextAsync()).ShouldBe("Dimusnahkan");
        await app.ScreenshotAsync(page, "115-berkas-dimusnahkan");
        var phone = await SignedInAsync("arsiparis", 390, 844);
        await phone.GotoAsync("/arsip/pemusnahan");
        (await phone.Locator("#disposals").InnerTextAsync()).ShouldContain("Selesai dimusnahkan");
        await ShouldNotScrollSidewaysAsync(phone);
        await app.ScreenshotAsync(phone, "116-pemusnahan-daftar-390");
        app.PolicyViolations.ShouldBeEmpty();
    }
}
