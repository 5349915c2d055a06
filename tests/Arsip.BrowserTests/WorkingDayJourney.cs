using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.BrowserTests;

/// <summary>
/// The working day of issue #14: the Sekda's queue shows today's letter first with the urgent and overdue ones marked, the
/// Sekda disposes and follows what was sent ("Disposisi terkirim", overdue first) from the dashboard's counter, a Kepala
/// Bagian reads the inbox newest first, and the registrar is warned of a letter addressed to nobody. The inbox and the
/// sent list are shot at 1,280 and 390 px (screenshots 60–65), and nothing scrolls sideways on the phone.
/// </summary>
public sealed class WorkingDayJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<Guid> RegisterAsync(HttpClient registrar, string subject, DateOnly receivedOn, string urgency, Guid? addressee)
    {
        var body = new JsonObject
        {
            ["sender"] = "Kementerian Dalam Negeri", ["senderLetterNumber"] = $"100/{Guid.NewGuid():N}"[..20], ["letterDate"] = receivedOn.ToString("yyyy-MM-dd"),
            ["receivedOn"] = receivedOn.ToString("yyyy-MM-dd"), ["subject"] = subject, ["classification"] = "100", ["securityLevel"] = "Biasa", ["urgency"] = urgency,
        };
        if (addressee is { } a) body["addresseePositionId"] = a.ToString();
        var response = await registrar.PostAsJsonAsync("/api/incoming-letters", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(ArsipApp.Json))!.Id;
    }

    private static async Task NoSidewaysScrollAsync(Microsoft.Playwright.IPage page) =>
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue($"{page.Url} scrolls sideways");

    [Fact]
    public async Task The_queue_is_newest_first_the_sent_list_follows_the_work_and_a_letter_to_nobody_is_flagged()
    {
        var chart = (await (await app.SignInAsync("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        Guid PositionOf(string user) => chart.People.Single(p => p.UserName == user).PositionId!.Value;
        var today = new Arsip.Kernel.ArsipClock(app.Clock).Today;
        var registrarApi = await app.SignInAsync("registrar");
        var sekdaPosition = PositionOf("sekda");
        var old = await RegisterAsync(registrarApi, "Evaluasi penyelenggaraan pemerintahan daerah tahun 2025", today.AddDays(-20), "Biasa", sekdaPosition);
        var urgent = await RegisterAsync(registrarApi, "Kesiapsiagaan menghadapi cuaca ekstrem akhir tahun", today.AddDays(-1), "SangatSegera", sekdaPosition);
        var fresh = await RegisterAsync(registrarApi, "Undangan rapat koordinasi penataan arsip", today, "Biasa", sekdaPosition);
        var nobody = await RegisterAsync(registrarApi, "Pemberitahuan jadwal pemeliharaan jaringan", today, "Biasa", null);

        // The registrar is told the letter reaches nobody, and finds it in the list of letters without an addressee.
        var registrar = await app.NewPageAsync();
        await registrar.SignInAsync("registrar", ArsipApp.DemoPassword);
        await registrar.WaitForPageAsync(new Regex("/$"));
        (await registrar.Locator("[data-testid=count-tanpa-tujuan]").InnerTextAsync()).ShouldBe("1");
        await registrar.GotoAsync($"/surat-masuk/{nobody}");
        (await registrar.Locator("[data-testid=unaddressed]").InnerTextAsync()).ShouldContain("tidak masuk kotak masuk siapa pun");
        await registrar.ClickAsync("[data-testid=unaddressed] a");
        await registrar.WaitForPageAsync("**/surat-masuk?tanpa-tujuan=true");
        await registrar.ShouldHaveLabelledInputsAsync();
        (await registrar.Locator("table.list tbody tr").CountAsync()).ShouldBe(1);
        await app.ScreenshotAsync(registrar, "60-surat-tanpa-tujuan");

        // The Sekda's queue: today's letter first, the urgent one marked, the one waiting since 20 days ago overdue.
        var sekda = await app.NewPageAsync();
        await sekda.SignInAsync("sekda", ArsipApp.DemoPassword);
        await sekda.WaitForPageAsync(new Regex("/$"));
        await sekda.ClickAsync("a[href='/disposisi?status=menunggu']");
        await sekda.WaitForPageAsync("**/disposisi?status=menunggu");
        await sekda.ShouldHaveLabelledInputsAsync();
        var rows = sekda.Locator("table.awaiting tbody tr");
        (await rows.Nth(0).GetAttributeAsync("data-letter")).ShouldBe($"{fresh}");
        (await rows.Nth(2).GetAttributeAsync("data-letter")).ShouldBe($"{old}");
        (await rows.Nth(2).GetAttributeAsync("class"))!.ShouldContain("overdue-row");
        (await sekda.Locator($"tr[data-letter='{urgent}'] [data-testid=urgent]").InnerTextAsync()).ShouldBe("Sangat Segera");
        await app.ScreenshotAsync(sekda, "61-menunggu-disposisi");
        await sekda.ClickAsync("a:has-text('derajat kecepatan')");
        await sekda.WaitForPageAsync(new Regex("urut=derajat"));
        (await rows.Nth(0).GetAttributeAsync("data-letter")).ShouldBe($"{urgent}");

        // The Sekda disposes the three; the first by its own form, until the end of a chosen day.
        await sekda.ClickAsync($"tr[data-letter='{fresh}'] a");
        await sekda.WaitForPageAsync($"**/surat-masuk/{fresh}");
        await sekda.GetByLabel("Kepala Bagian Umum").CheckAsync();
        await sekda.CheckAsync("#i-TINDAK_LANJUTI");
        var day = today.AddDays(7);
        await sekda.FillAsync("#deadline", day.ToString("yyyy-MM-dd"));
        await sekda.ClickAsync("button:has-text('Kirim disposisi')");
        await sekda.WaitForPageAsync(new Regex("#disposisi$"));
        (await sekda.Locator("[role=status]").InnerTextAsync()).ShouldContain($"batas waktu {day:dd-MM-yyyy} 23:59 WIB");
        var sekdaApi = await app.SignInAsync("sekda");
        async Task<Guid> DisposeAsync(Guid letter, string[] to, DateTimeOffset deadline)
        {
            var issued = await sekdaApi.PostAsJsonAsync($"/api/letters/{letter}/dispositions", new
            {
                recipients = to.Select((u, i) => new { positionId = PositionOf(u), lead = i == 0 }).ToArray(),
                instructions = new[] { "TINDAK_LANJUTI", "KOORDINASIKAN" }, note = "Laporkan hasilnya", deadline,
            }, ArsipApp.Json);
            issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
            return (await issued.Content.ReadFromJsonAsync<Arsip.Dispositions.IssueDispositionResponse>(ArsipApp.Json))!.Id;
        }
        var urgentSlip = await DisposeAsync(urgent, ["kabag.umum", "kabag.hukum"], app.Clock.GetUtcNow().AddHours(2));
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await DisposeAsync(old, ["kabag.or"], app.Clock.GetUtcNow().AddDays(3));
        (await (await app.SignInAsync("kabag.hukum")).GetAsync($"/api/dispositions/{urgentSlip}")).EnsureSuccessStatusCode(); // read
        app.Clock.Advance(TimeSpan.FromHours(3)); // the urgent one is now overdue

        // From the dashboard's counter to the sent list: the overdue slip first, each recipient's state shown.
        await sekda.GotoAsync("/");
        (await sekda.Locator("[data-testid=count-terkirim]").InnerTextAsync()).ShouldBe("3");
        (await sekda.Locator("[data-testid=count-terkirim-terlambat]").InnerTextAsync()).ShouldBe("1");
        await sekda.ClickAsync("a[href='/disposisi/terkirim?status=berjalan']");
        await sekda.WaitForPageAsync("**/disposisi/terkirim?status=berjalan");
        await sekda.ShouldHaveLabelledInputsAsync();
        await sekda.GotoAsync("/disposisi/terkirim");
        var sent = sekda.Locator("table.sent tbody tr");
        (await sent.CountAsync()).ShouldBe(3);
        (await sent.Nth(0).GetAttributeAsync("class"))!.ShouldContain("overdue-row");
        (await sent.Nth(0).InnerTextAsync()).ShouldContain("Kesiapsiagaan menghadapi cuaca ekstrem");
        (await sent.Nth(0).Locator("li[data-recipient='Kepala Bagian Umum'] .status").InnerTextAsync()).ShouldBe("Terlambat");
        (await sent.Nth(0).Locator("li[data-recipient='Kepala Bagian Hukum']").InnerTextAsync()).ShouldContain("dibuka");
        await app.ScreenshotAsync(sekda, "62-disposisi-terkirim");
        var sekdaPhone = await app.NewPageAsync(390, 844);
        await sekdaPhone.SignInAsync("sekda", ArsipApp.DemoPassword);
        await sekdaPhone.WaitForPageAsync(new Regex("/$"));
        await sekdaPhone.GotoAsync("/disposisi/terkirim");
        (await sekdaPhone.Locator("table.sent thead").IsVisibleAsync()).ShouldBeFalse();
        await NoSidewaysScrollAsync(sekdaPhone);
        await app.ScreenshotAsync(sekdaPhone, "63-disposisi-terkirim-ponsel");
        await sekdaPhone.GotoAsync("/disposisi?status=menunggu");
        await NoSidewaysScrollAsync(sekdaPhone);

        // The Kepala Bagian Umum's inbox: newest first, the urgent slip marked and overdue.
        var kabag = await app.NewPageAsync();
        await kabag.SignInAsync("kabag.umum", ArsipApp.DemoPassword);
        await kabag.WaitForPageAsync(new Regex("/$"));
        await kabag.GotoAsync("/disposisi");
        await kabag.ShouldHaveLabelledInputsAsync();
        var inbox = kabag.Locator("table.inbox tbody tr");
        (await inbox.CountAsync()).ShouldBe(2);
        (await inbox.Nth(0).InnerTextAsync()).ShouldContain("Kesiapsiagaan menghadapi cuaca ekstrem");
        (await inbox.Nth(0).GetAttributeAsync("class"))!.ShouldContain("overdue-row");
        (await inbox.Nth(0).Locator("[data-testid=urgent]").InnerTextAsync()).ShouldBe("Sangat Segera");
        (await inbox.Nth(1).InnerTextAsync()).ShouldContain($"{day:dd-MM-yyyy} 23:59 WIB");
        await app.ScreenshotAsync(kabag, "64-kotak-masuk");
        var kabagPhone = await app.NewPageAsync(390, 844);
        await kabagPhone.SignInAsync("kabag.umum", ArsipApp.DemoPassword);
        await kabagPhone.WaitForPageAsync(new Regex("/$"));
        await kabagPhone.GotoAsync("/disposisi");
        (await kabagPhone.Locator("table.inbox tbody td").First.EvaluateAsync<string>("td => getComputedStyle(td).display")).ShouldBe("block", "each row is a card");
        await NoSidewaysScrollAsync(kabagPhone);
        await app.ScreenshotAsync(kabagPhone, "65-kotak-masuk-ponsel");
    }
}
