using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.BrowserTests;

/// <summary>
/// The auditor replays a letter's history from the history page: steps through it with the links and
/// the keyboard, sees the disposition's recipient go from unread to read to done (the change marked),
/// verifies the chain and downloads the export package. Screenshots under TestResults/screenshots.
/// </summary>
public sealed class ReplayJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Guid> DisposedLetterAsync()
    {
        var chart = (await (await app.SignInAsync("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        Guid PositionOf(string user) => chart.People.Single(p => p.UserName == user).PositionId!.Value;
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd");
        var registered = await (await app.SignInAsync("registrar")).PostAsJsonAsync("/api/incoming-letters", new JsonObject
        {
            ["sender"] = "Badan Kepegawaian Negara", ["senderLetterNumber"] = "800.1/77/BKN/2026", ["letterDate"] = today, ["receivedOn"] = today,
            ["subject"] = "Permohonan data kepegawaian", ["classification"] = "800.1", ["securityLevel"] = "Biasa", ["urgency"] = "Segera",
            ["addresseePositionId"] = PositionOf("sekda").ToString(),
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var letter = (await registered.Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(ArsipApp.Json))!.Id;

        app.Clock.Advance(TimeSpan.FromHours(1));
        var issued = await (await app.SignInAsync("sekda")).PostAsJsonAsync($"/api/letters/{letter}/dispositions",
            new { recipients = new[] { new { positionId = PositionOf("kabag.umum"), lead = true } }, instructions = new[] { "TINDAK_LANJUTI" }, note = "Mohon segera" }, ArsipApp.Json);
        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var disposition = (await issued.Content.ReadFromJsonAsync<IssueDispositionResponse>(ArsipApp.Json))!.Id;

        var kabag = await app.SignInAsync("kabag.umum");
        app.Clock.Advance(TimeSpan.FromHours(1));
        (await kabag.GetAsync($"/api/dispositions/{disposition}")).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(1));
        (await kabag.PostAsJsonAsync($"/api/dispositions/{disposition}/complete", new { note = "Data sudah dikirim" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return letter;
    }

    [Fact]
    public async Task The_auditor_steps_through_the_history_and_sees_the_disposition_change()
    {
        var letter = await DisposedLetterAsync();
        var page = await app.NewPageAsync();
        await page.SignInAsync("auditor", ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));

        // from the history page: verification passes and names the anchor holding the letter, the replay starts at the first step
        await Arsip.Audit.Anchors.CreateAsync(app.Store, "kota-bekasi", app.Services.GetRequiredService<Arsip.Audit.AnchorSigner>(), "uji", app.Clock.GetUtcNow(), null, CancellationToken.None);
        await page.GotoAsync($"/surat/{letter}/riwayat");
        await page.ClickAsync("button:has-text('Verifikasi')");
        (await page.Locator("[data-testid=verify-result]").InnerTextAsync()).ShouldContain("Verifikasi berhasil");
        (await page.Locator("[data-testid=verify-anchor]").InnerTextAsync()).ShouldSatisfyAllConditions(
            t => t.ShouldContain("Tanda tangan jangkar sah"), t => t.ShouldContain("tercatat di log terbitan"), t => t.ShouldContain("WIB"));
        await app.ScreenshotAsync(page, "19-riwayat-verifikasi");
        await page.ClickAsync("[data-testid=replay-link]");
        await page.WaitForPageAsync("**/putar");
        await page.ShouldHaveLabelledInputsAsync();
        (await page.Locator("[data-testid=step]").InnerTextAsync()).ShouldBe("Langkah 1 dari 5");
        (await page.Locator("[data-testid=event] h2").InnerTextAsync()).ShouldBe("Surat masuk diregistrasi");
        (await page.Locator("[data-testid=dispositions]").InnerTextAsync()).ShouldContain("Belum ada disposisi");
        (await page.Locator("dd[data-field=subject]").InnerTextAsync()).ShouldContain("Permohonan data kepegawaian");
        await app.ScreenshotAsync(page, "20-putar-langkah-1");

        // next: the disposition appears, issued to the Kepala Bagian Umum, held by Agus Salim, unread
        await page.ClickAsync("a[rel=next]");
        await page.WaitForPageAsync("**langkah=2");
        var slip = page.Locator("article.disposition");
        (await slip.CountAsync()).ShouldBe(1);
        (await slip.InnerTextAsync()).ShouldContain("Drs. Agus Salim, M.Si.");
        (await slip.Locator("[data-testid=recipient-status]").InnerTextAsync()).ShouldBe("Belum dibaca");
        (await slip.Locator(".badge", new() { HasTextString = "baru" }).CountAsync()).ShouldBe(1);
        await app.ScreenshotAsync(page, "21-putar-disposisi-baru");

        // the last step: done; one step back (keyboard: left arrow): read, the recipient's row marked as changed
        await page.ClickAsync("a[rel=last]");
        await page.WaitForPageAsync("**langkah=5");
        (await page.Locator("[data-testid=recipient-status]").InnerTextAsync()).ShouldBe("Selesai");
        (await page.Locator("[data-testid=changes]").InnerTextAsync()).ShouldContain("Selesai");
        await app.ScreenshotAsync(page, "22-putar-selesai");
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.WaitForPageAsync("**langkah=4");
        (await page.Locator("[data-testid=event] h2").InnerTextAsync()).ShouldBe("Disposisi dibaca penerima");
        (await page.Locator("[data-testid=recipient-status]").InnerTextAsync()).ShouldBe("Dibaca");
        (await page.Locator("tr.changed").CountAsync()).ShouldBe(1);
        (await page.Locator("[data-testid=changes] mark").First.InnerTextAsync()).ShouldBe("Dibaca");
        await app.ScreenshotAsync(page, "23-putar-dibaca");

        // "Ke langkah" without JavaScript: a plain GET form; past the end goes to the last step
        await page.FillAsync("#langkah", "1");
        await page.ClickAsync("form.replay-goto button");
        await page.WaitForPageAsync("**langkah=1");
        (await page.Locator("a[rel=prev]").CountAsync()).ShouldBe(0);
        await page.GotoAsync($"/surat/{letter}/putar?langkah=99");
        (await page.Locator("[data-testid=step]").InnerTextAsync()).ShouldBe("Langkah 5 dari 5");

        // the export package downloads from the history page
        await page.GotoAsync($"/surat/{letter}/riwayat");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export]"));
        download.SuggestedFilename.ShouldEndWith(".zip");
        var path = Path.Combine(app.Screenshots, "ekspor.zip");
        await download.SaveAsAsync(path);
        using (var zip = System.IO.Compression.ZipFile.OpenRead(path))
            zip.Entries.Select(e => e.FullName).ShouldContain("manifest.json");
        await app.ScreenshotAsync(page, "24-riwayat-ekspor");

        // a phone-sized replay still reads
        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("auditor", ArsipApp.DemoPassword);
        await phone.WaitForPageAsync(new Regex("/$"));
        await phone.GotoAsync($"/surat/{letter}/putar?langkah=4");
        await app.ScreenshotAsync(phone, "25-putar-ponsel");

        // someone who may not see the letter gets a 404
        var other = await app.NewPageAsync();
        await other.SignInAsync("auditor", ArsipApp.DemoPassword, "kab-bekasi");
        await other.WaitForPageAsync(new Regex("/$"));
        (await other.GotoAsync($"/surat/{letter}/putar"))!.Status.ShouldBe(404);
    }
}
