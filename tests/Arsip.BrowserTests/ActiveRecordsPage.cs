using Arsip.Correspondence;
using Arsip.Organization;
using Arsip.Records;
using Marten;

namespace Arsip.BrowserTests;

/// <summary>
/// The daftar arsip aktif page (<c>/arsip/aktif</c>) of an archivist: the berkas of the unit with the letters they may see
/// (a Rahasia letter outside their chain neither listed nor counted), the Arsip sub-navigation, the CSV and PDF links, the
/// year filter; at 1,280 and 390 px (screenshots 92–93) with nothing scrolling sideways on the phone.
/// </summary>
public sealed class ActiveRecordsPage(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<Guid> RegisterAsync(HttpClient registrar, string number, string subject, string level)
    {
        var response = await registrar.PostAsJsonAsync("/api/incoming-letters", new
        {
            sender = "Kementerian Dalam Negeri", senderLetterNumber = number, letterDate = "2026-11-18", receivedOn = "2026-11-23",
            subject, classification = "000.5", securityLevel = level, urgency = "Biasa",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(ArsipApp.Json))!.Id;
    }

    [Fact]
    public async Task An_archivist_sees_the_units_active_records_with_their_exports_on_a_desktop_and_a_phone()
    {
        var registrar = await app.SignInAsync("registrar");
        var chart = (await registrar.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var umum = chart.Units.Single(u => u.Code == "Umum").Id;
        Guid[] letters =
        [
            await RegisterAsync(registrar, "800/112/Kemendagri", "Pedoman Penataan Arsip Dinamis di Lingkungan Pemerintah Daerah", "Biasa"),
            await RegisterAsync(registrar, "800/113/Kemendagri", "Undangan Bimbingan Teknis Pengelolaan Arsip Inaktif", "Biasa"),
            await RegisterAsync(registrar, "R-800/114/Kemendagri", "Pemeriksaan Khusus Pengelolaan Keuangan", "Rahasia"),
        ];
        var at = app.Clock.GetUtcNow();
        var file = Guid.CreateVersion7();
        await using (var session = app.Store.LightweightSession("kota-bekasi"))
        {
            session.Events.StartStream<CaseFile>(file,
                new CaseFileCreated(file, umum, 2026, 1, "000.5", "Pembinaan Kearsipan Tahun 2026", null, null, null, SecurityLevel.Biasa, true, Guid.NewGuid(), "Arsiparis", at),
                new LettersFiled(file, letters.Select(l => new FiledLetter(l, Arsip.Records.LetterDirection.Incoming)).ToArray(), null, null, Guid.NewGuid(), "Arsiparis", at));
            foreach (var letter in letters) session.Events.Append(letter, new LetterFiledInCaseFile(letter, file, null, null, Guid.NewGuid(), "Arsiparis", at));
            await session.SaveChangesAsync();
        }

        var page = await app.NewPageAsync();
        await page.SignInAsync("arsiparis", ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        (await page.Locator("header nav a[href='/arsip/berkas']").InnerTextAsync()).ShouldBe("Arsip");
        await page.GotoAsync("/arsip/aktif");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Daftar arsip aktif");
        (await page.Locator("nav.tabs a[aria-current='page']").InnerTextAsync()).ShouldBe("Daftar arsip aktif");
        (await page.Locator("#unit option:checked").InnerTextAsync()).ShouldBe("Bagian Umum");
        var table = page.Locator("table[data-testid='active-records']");
        var row = table.Locator("tbody tr");
        (await row.CountAsync()).ShouldBe(1);
        var text = await row.InnerTextAsync();
        text.ShouldContain("1/2026");
        text.ShouldContain("Pembinaan Kearsipan Tahun 2026");
        text.ShouldContain("2 item");
        text.ShouldContain("arsip vital");
        (await row.Locator("ol.record-items li a").AllInnerTextsAsync()).ShouldBe(
            ["Pedoman Penataan Arsip Dinamis di Lingkungan Pemerintah Daerah", "Undangan Bimbingan Teknis Pengelolaan Arsip Inaktif"], ignoreOrder: true);
        (await page.ContentAsync()).ShouldNotContain("Pemeriksaan Khusus");
        var pdfLink = await page.Locator("[data-testid='active-records-export'] a:has-text('PDF')").GetAttributeAsync("href");
        var csvLink = await page.Locator("[data-testid='active-records-export'] a:has-text('CSV')").GetAttributeAsync("href");
        pdfLink.ShouldBe($"/api/case-files/active-records.pdf?unitId={umum}");
        csvLink.ShouldBe($"/api/case-files/active-records?unitId={umum}&format=csv");
        var pdf = await page.APIRequest.GetAsync(pdfLink!);
        pdf.Status.ShouldBe(200);
        pdf.Headers["content-type"].ShouldBe("application/pdf");
        (await page.APIRequest.GetAsync(csvLink!)).Status.ShouldBe(200);
        await app.ScreenshotAsync(page, "92-arsip-aktif");

        // the year filter: no berkas of 2025
        await page.FillAsync("#tahun", "2025");
        await page.ClickAsync("form.filters button[type='submit']");
        await page.WaitForPageAsync(new Regex("tahun=2025"));
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Tidak ada berkas aktif pada unit ini.");

        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("arsiparis", ArsipApp.DemoPassword);
        await phone.WaitForPageAsync(new Regex("/$"));
        await phone.GotoAsync("/arsip/aktif");
        (await phone.Locator("table[data-testid='active-records'] thead").IsVisibleAsync()).ShouldBeFalse("rows become cards on a phone");
        (await phone.Locator("ol.record-items li").CountAsync()).ShouldBe(2);
        (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("/arsip/aktif scrolls sideways");
        await app.ScreenshotAsync(phone, "93-arsip-aktif-ponsel");
    }
}
