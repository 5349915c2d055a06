using System.Diagnostics;
using System.Net.Http.Headers;
using Arsip.Organization;

namespace Arsip.BrowserTests;

/// <summary>
/// #17's three movements through the pages, in one fixture (the test clock moves): the archivist creates two berkas of
/// Bagian Organisasi (000.1, musnah; 100.1.3, permanen), files their letters and closes them; two years on the
/// archivist proposes their pemindahan, the unit head approves and the records centre's head accepts (berita acara read
/// back: both heads, both berkas); seven years on the musnah berkas goes through the pemusnahan (panitia, Wali Kota,
/// execution; the berita acara lists exactly its letters, the letter shows its tombstone and its scan answers 410) and the
/// permanen one through the penyerahan (Wali Kota, the package checked with ops/verify-handover, receipt).
/// Screenshots 120–139 at 1,280 and 390 px.
/// </summary>
public sealed class RecordsMovementsJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private const string MusnahTitle = "Rumah tangga kantor"; // short: a table cell that wraps would split it in the PDF's text
    private const string PermanenTitle = "Laporan pemerintahan";
    private static readonly (string Number, string Subject, string Classification)[] MusnahLetters =
        [("000.1/31/OR/2026", "Undangan rapat koordinasi kebersihan kantor", "000.1"), ("000.1/32/OR/2026", "Laporan pemakaian alat tulis kantor", "000.1")];
    private static readonly (string Number, string Subject, string Classification)[] PermanenLetters =
        [("100.1.3/41/OR/2026", "Laporan penyelenggaraan pemerintahan daerah semester satu", "100.1.3"), ("100.1.3/42/OR/2026", "Laporan penyelenggaraan pemerintahan daerah semester dua", "100.1.3")];

    private OrganizationChart _chart = null!;
    private Guid _scanned;

    public async Task InitializeAsync()
    {
        await app.ResetAsync();
        var admin = await app.SignInAsync("admin");
        var scheme = new ByteArrayContent(File.ReadAllBytes(Path.Combine(ArsipApp.SamplesFolder, "classification", "permendagri-83-2022.csv")));
        scheme.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        (await admin.PostAsync("/api/classification/import", scheme)).StatusCode.ShouldBe(HttpStatusCode.Created);
        _chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var kabag = _chart.People.Single(p => p.UserName == "kabag.or").PositionId!.Value;
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd");
        var registrar = await app.SignInAsync("registrar");
        foreach (var (number, subject, classification) in MusnahLetters.Concat(PermanenLetters))
        {
            var registered = await registrar.PostAsJsonAsync("/api/incoming-letters", new JsonObject
            {
                ["sender"] = "Kementerian Dalam Negeri", ["senderLetterNumber"] = number, ["letterDate"] = today, ["receivedOn"] = today,
                ["subject"] = subject, ["classification"] = classification, ["securityLevel"] = "Biasa", ["urgency"] = "Biasa",
                ["addresseePositionId"] = kabag.ToString(),
            });
            registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
            if (_scanned == Guid.Empty) _scanned = (await registered.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        }
        // the first musnah letter has a scan: after the pemusnahan its download answers 410
        var form = new MultipartFormDataContent { { new StringContent("scan"), "kind" } };
        var part = new ByteArrayContent(OfficialJourney.Pdf("SURAT KEMENDAGRI 000.1/31/OR/2026"));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "files", "pindaian.pdf");
        var uploaded = await registrar.PostAsync($"/api/incoming-letters/{_scanned}/attachments", form);
        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Guid Person(string userName) => _chart.People.Single(p => p.UserName == userName).Id;

    private async Task<IPage> SignedInAsync(string user)
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(user, ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        return page;
    }

    private static async Task ShouldNotScrollSidewaysAsync(IPage page) =>
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(await page.EvaluateAsync<int>("() => window.innerWidth"), page.Url);

    /// <summary>Every visible button of the page's main content lies within the viewport's width (reachable on a phone).</summary>
    private static async Task ButtonsShouldBeReachableAsync(IPage page)
    {
        var outside = await page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll('main button, main a.button, main input[type=submit]'))
                .filter(b => b.offsetParent !== null)
                .filter(b => { const r = b.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth + 1; })
                .map(b => b.textContent.trim() || b.outerHTML)
            """);
        outside.ShouldBeEmpty($"{page.Url} has buttons outside the screen");
    }

    /// <summary>
    /// Each person's signed-in page, kept between steps: signing in is most of a step's time. The test clock moving years
    /// on starts everyone afresh through the sign-in page (<see cref="MoveClockAsync"/>).
    /// </summary>
    private readonly Dictionary<string, IPage> _pages = [];

    private async Task<IPage> AsAsync(string user)
    {
        if (_pages.TryGetValue(user, out var page)) return page;
        return _pages[user] = await SignedInAsync(user);
    }

    private async Task MoveClockAsync(DateTimeOffset to)
    {
        app.Clock.Advance(to - app.Clock.GetUtcNow());
        foreach (var page in _pages.Values) await page.Context.CloseAsync();
        _pages.Clear();
    }

    /// <summary>The page as <paramref name="user"/> sees it at 1,280 and 390 px: no sideways scrolling, buttons reachable, a screenshot of each.</summary>
    private async Task BothWidthsAsync(string user, string url, string name, Func<IPage, Task>? check = null)
    {
        var view = await AsAsync(user);
        foreach (var (width, height, suffix) in new[] { (1280, 720, "1280"), (390, 844, "390") })
        {
            await view.SetViewportSizeAsync(width, height);
            await view.GotoAsync(url);
            if (check is not null) await check(view);
            await ShouldNotScrollSidewaysAsync(view);
            await ButtonsShouldBeReachableAsync(view);
            await app.ScreenshotAsync(view, $"{name}-{suffix}");
        }
        await view.SetViewportSizeAsync(1280, 720);
    }

    private static string PdfText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"berita-acara-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var info = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, ArgumentList = { path, "-" } };
            using var process = Process.Start(info)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0);
            return Regex.Replace(text, @"\s+", " "); // lines break where the layout did
        }
        finally { File.Delete(path); }
    }

    private static async Task<string> PdfTextAsync(IPage page, string selector)
    {
        var pdf = await page.APIRequest.GetAsync(await page.Locator(selector).GetAttributeAsync("href") ?? "");
        (pdf.Status, pdf.Headers["content-type"]).ShouldBe((200, "application/pdf"));
        var bytes = await pdf.BodyAsync();
        bytes.Take(5).ShouldBe("%PDF-"u8.ToArray());
        return PdfText(bytes);
    }

    /// <summary>Creates a berkas of Bagian Organisasi on the berkas page, files the letters and closes it; its id.</summary>
    private async Task<Guid> CreateAndCloseAsync(IPage page, string classification, string title, IEnumerable<string> subjects, string screenshot)
    {
        await page.GotoAsync("/arsip/berkas");
        await page.SelectOptionAsync("#new-unit", new SelectOptionValue { Label = "OR — Bagian Organisasi" });
        await page.FillAsync("#new-classification", classification);
        await page.FillAsync("#new-title", title);
        await page.ClickAsync("form button.primary");
        await page.WaitForPageAsync(new Regex("/arsip/berkas/[0-9a-f-]{36}$"));
        var id = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/').Last());
        foreach (var subject in subjects) await page.GetByLabel(new Regex(subject)).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Masukkan ke berkas" }).ClickAsync();
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("2 surat dimasukkan");
        await page.ClickAsync("#close-button");
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Berkas ditutup");
        (await page.Locator("#status").InnerTextAsync()).ShouldBe("Aktif");
        await app.ScreenshotAsync(page, screenshot);
        return id;
    }

    [Fact]
    public async Task Two_berkas_are_transferred_then_one_destroyed_and_one_handed_over_each_step_by_its_user()
    {
        var start = app.Clock.GetUtcNow();

        // ---- the berkas: created, filled and closed by the archivist
        var archivist = await AsAsync("arsiparis");
        var musnah = await CreateAndCloseAsync(archivist, "000.1", MusnahTitle, MusnahLetters.Select(l => l.Subject), "120-berkas-musnah-ditutup");
        var permanen = await CreateAndCloseAsync(archivist, "100.1.3", PermanenTitle, PermanenLetters.Select(l => l.Subject), "121-berkas-permanen-ditutup");

        // ---- pemindahan: still active today, nothing to propose
        await archivist.GotoAsync("/arsip/pemindahan");
        await archivist.SelectOptionAsync("#propose-unit", new SelectOptionValue { Label = "OR — Bagian Organisasi" });
        await archivist.ClickAsync("button:has-text('Tampilkan berkas inaktif')");
        await archivist.Locator("#no-eligible").WaitForAsync();
        var selection = archivist.Url;

        // two years and a day on (000.1 and 100.1.3 both have two active years): both berkas are inactive
        await MoveClockAsync(start.AddYears(2).AddDays(1));
        archivist = await AsAsync("arsiparis");
        await archivist.GotoAsync(selection);
        await archivist.CheckAsync($"#pick-{musnah}");
        await archivist.CheckAsync($"#pick-{permanen}");
        await app.ScreenshotAsync(archivist, "122-pemindahan-usulan");
        await archivist.ClickAsync("button:has-text('Buat usulan pemindahan')");
        await archivist.WaitForPageAsync(new Regex("/arsip/pemindahan/[0-9a-f-]{36}$"));
        var transfer = archivist.Url;
        (await archivist.Locator("#transfer-status").InnerTextAsync()).ShouldBe("Draf");
        (await archivist.Locator("#approve").CountAsync()).ShouldBe(0);
        await archivist.ClickAsync("#submit");
        (await archivist.Locator("#transfer-status").InnerTextAsync()).ShouldBe("Menunggu persetujuan kepala unit");
        (await archivist.Locator("#accept").CountAsync()).ShouldBe(0, "the records centre accepts only once the unit head has approved");

        var unitHead = await AsAsync("kabag.or");
        await unitHead.GotoAsync(transfer);
        await app.ScreenshotAsync(unitHead, "123-pemindahan-persetujuan");
        await unitHead.ClickAsync("#approve");
        (await unitHead.Locator("#transfer-status").InnerTextAsync()).ShouldBe("Menunggu penerimaan unit kearsipan");
        (await unitHead.Locator("#accept").CountAsync()).ShouldBe(0, "the unit head does not receive for the records centre");

        var centreHead = await AsAsync("kabag.umum");
        await centreHead.GotoAsync(transfer);
        await centreHead.ClickAsync("#accept");
        (await centreHead.Locator("[role=status]").InnerTextAsync()).ShouldContain("2 berkas dipindahkan ke unit kearsipan");
        (await centreHead.Locator("#transfer-status").InnerTextAsync()).ShouldBe("Dipindahkan");
        var transferReport = await PdfTextAsync(centreHead, "#report-pdf");
        transferReport.ShouldContain("BERITA ACARA PEMINDAHAN ARSIP INAKTIF");
        transferReport.ShouldContain("Dewi Kartika"); // the unit head who approved
        transferReport.ShouldContain("Agus Salim"); // the records centre's head who received
        transferReport.ShouldContain(MusnahTitle);
        transferReport.ShouldContain(PermanenTitle);
        await BothWidthsAsync("arsiparis", transfer, "124-pemindahan-diterima",
            async view => (await view.Locator("#steps").InnerTextAsync()).ShouldContain("Diterima unit kearsipan"));
        await BothWidthsAsync("arsiparis", $"/arsip/berkas/{musnah}", "125-berkas-dipindahkan",
            async view => (await view.Locator("#custody").InnerTextAsync()).ShouldStartWith("Dipindahkan ke unit kearsipan"));

        // ---- seven years and a day on: 000.1's three inactive years and 100.1.3's five have ended
        await MoveClockAsync(start.AddYears(7).AddDays(1));

        // the scan is on the letter page before the pemusnahan
        var addressee = await AsAsync("kabag.or");
        var letterPage = $"/surat-masuk/{_scanned}";
        await addressee.GotoAsync(letterPage);
        var scanDownload = await addressee.Locator("figure.file figcaption a").GetAttributeAsync("href");
        scanDownload.ShouldNotBeNull();
        (await addressee.APIRequest.GetAsync(scanDownload)).Status.ShouldBe(200);

        // ---- pemusnahan of the musnah berkas: proposal, the panitia (records centre head, unit head, archivist), the Wali Kota, execution
        archivist = await AsAsync("arsiparis");
        await archivist.GotoAsync("/arsip/berkas");
        await archivist.ClickAsync("nav.tabs a[href=\"/arsip/pemusnahan\"]");
        await archivist.WaitForPageAsync(new Regex("/arsip/pemusnahan$"));
        (await archivist.Locator($"#file-{permanen}").CountAsync()).ShouldBe(0, "a permanen berkas is never proposed for pemusnahan");
        await archivist.CheckAsync($"#file-{musnah}");
        foreach (var member in new[] { "kabag.umum", "kabag.or", "arsiparis" })
            await archivist.CheckAsync($"input[name=Committee][value=\"{Person(member)}\"]");
        await archivist.ShouldHaveLabelledInputsAsync();
        await app.ScreenshotAsync(archivist, "126-pemusnahan-usul");
        await archivist.ClickAsync("#propose-form button[type=submit]");
        await archivist.WaitForPageAsync(new Regex("/arsip/pemusnahan/[0-9a-f-]{36}$"));
        var disposal = archivist.Url;
        (await archivist.Locator("#status").InnerTextAsync()).ShouldBe("Penilaian panitia");
        (await archivist.Locator("#approve-form").CountAsync()).ShouldBe(0);
        (await archivist.Locator("#execute-form").CountAsync()).ShouldBe(0);
        await archivist.ClickAsync("#assess-form button[type=submit]");
        await archivist.Locator("p.alert.ok").WaitForAsync();
        (await archivist.Locator("#assess-form").CountAsync()).ShouldBe(0, "each member assesses once");
        await app.ScreenshotAsync(archivist, "127-pemusnahan-dinilai-arsiparis");
        var disposalPath = new Uri(disposal).AbsolutePath;
        foreach (var member in new[] { "kabag.umum", "kabag.or" })
        {
            var other = await AsAsync(member);
            // the home page names the proposal waiting for this member's assessment
            await other.GotoAsync("/");
            (await other.Locator($"#waiting li[data-kind=DisposalAssessment] a[href=\"{disposalPath}\"]").CountAsync()).ShouldBe(1);
            await other.GotoAsync(disposal);
            await other.ClickAsync("#assess-form button[type=submit]");
            await other.Locator("p.alert.ok").WaitForAsync();
        }
        var registrarPage = await AsAsync("registrar");
        await registrarPage.GotoAsync("/");
        (await registrarPage.Locator("#waiting").CountAsync()).ShouldBe(0, "a registrar decides nothing in the movements");

        // "Menunggu keputusan Anda" on the head's home page: the proposal to approve, since when; its link opens it
        await BothWidthsAsync("walikota", "/", "128-beranda-menunggu-keputusan", async view =>
        {
            var waiting = view.Locator($"#waiting li[data-kind=DisposalApproval]:has(a[href=\"{disposalPath}\"])");
            (await waiting.InnerTextAsync()).ShouldContain("Persetujuan pemusnahan (pimpinan instansi)");
            (await waiting.InnerTextAsync()).ShouldContain("hari ini");
        });
        var mayor = await AsAsync("walikota");
        await mayor.ClickAsync($"#waiting a[href=\"{disposalPath}\"]");
        await mayor.WaitForPageAsync(new Regex(Regex.Escape(disposalPath) + "$"));
        await BothWidthsAsync("walikota", disposal, "128-pemusnahan-persetujuan", async view =>
        {
            (await view.Locator("#status").InnerTextAsync()).ShouldBe("Menunggu persetujuan");
            (await view.Locator("#assess-form").CountAsync()).ShouldBe(0);
        });
        await mayor.GotoAsync(disposal);
        await mayor.ClickAsync("#approve-form button[type=submit]");
        await mayor.Locator("p.alert.ok").WaitForAsync();
        (await mayor.Locator("#status").InnerTextAsync()).ShouldBe("Disetujui, siap dimusnahkan");
        (await mayor.Locator("#execute-form").CountAsync()).ShouldBe(0, "the archivist executes, not the head");
        (await mayor.Locator("#reject-form").CountAsync()).ShouldBe(0, "an approved proposal is not rejected any more");
        await mayor.GotoAsync("/");
        (await mayor.Locator("#waiting").CountAsync()).ShouldBe(0, "nothing waits for the head once approved");

        archivist = await AsAsync("arsiparis");
        await archivist.GotoAsync(disposal);
        await archivist.ClickAsync("#execute-form button[type=submit]");
        (await archivist.Locator(".error-summary, [role=alert]").First.InnerTextAsync()).ShouldContain("konfirmasi");
        await archivist.CheckAsync("#confirm");
        await app.ScreenshotAsync(archivist, "129-pemusnahan-konfirmasi");
        await archivist.ClickAsync("#execute-form button[type=submit]");
        await archivist.Locator("#berita-acara").WaitForAsync(new() { Timeout = 60_000 }); // the progress page reloads itself until it is done
        (await archivist.Locator("#status").InnerTextAsync()).ShouldBe("Selesai dimusnahkan");
        (await archivist.Locator("#items").InnerTextAsync()).ShouldContain("Dimusnahkan");
        var disposalReport = await PdfTextAsync(archivist, "#berita-acara");
        disposalReport.ShouldContain($"sebanyak {MusnahLetters.Length} arsip");
        foreach (var (number, _, _) in MusnahLetters) disposalReport.ShouldContain(number);
        foreach (var (number, _, _) in PermanenLetters) disposalReport.ShouldNotContain(number);
        Regex.Matches(disposalReport, @"000\.1/3\d/OR/2026").Count.ShouldBe(MusnahLetters.Length, "each destroyed letter listed once");
        await BothWidthsAsync("arsiparis", disposal, "130-pemusnahan-selesai",
            async view => (await view.Locator("#status").InnerTextAsync()).ShouldBe("Selesai dimusnahkan"));
        await BothWidthsAsync("arsiparis", "/arsip/pemusnahan", "131-pemusnahan-daftar",
            async view => (await view.Locator("#disposals").InnerTextAsync()).ShouldContain("Selesai dimusnahkan"));
        await archivist.GotoAsync($"/arsip/berkas/{musnah}");
        (await archivist.Locator("#status").InnerTextAsync()).ShouldBe("Dimusnahkan");
        await app.ScreenshotAsync(archivist, "132-berkas-dimusnahkan");

        // the destroyed letter: its tombstone on the page (metadata kept, no file), its scan 410 Gone with the berita acara's number
        await addressee.GotoAsync(letterPage);
        var tombstone = await addressee.Locator("[data-testid=tombstone]").InnerTextAsync();
        tombstone.ShouldContain("dimusnahkan");
        var reference = Regex.Match(disposalReport, @"BA-PMS/\d+/\d{4}").Value;
        reference.ShouldNotBeEmpty();
        tombstone.ShouldContain(reference);
        (await addressee.Locator("dl.fields").InnerTextAsync()).ShouldContain(MusnahLetters[0].Subject);
        (await addressee.Locator("figure.file").CountAsync()).ShouldBe(0);
        (await addressee.Locator("details.dispose").CountAsync()).ShouldBe(0, "a destroyed letter is not disposed any more");
        (await addressee.Locator("a[href$='routing-slip.pdf']").CountAsync()).ShouldBe(0, "its routing slip is gone (410), so no link offers it");
        var gone = await addressee.APIRequest.GetAsync(scanDownload);
        gone.Status.ShouldBe(410);
        (await gone.TextAsync()).ShouldContain(reference);
        await BothWidthsAsync("kabag.or", letterPage, "133-surat-dimusnahkan");

        // ---- penyerahan of the permanen berkas: proposal, the Wali Kota, the package built, downloaded and verified, receipt
        archivist = await AsAsync("arsiparis");
        await archivist.GotoAsync("/arsip/penyerahan");
        (await archivist.Locator($"input[name=CaseFileIds][value=\"{musnah}\"]").CountAsync()).ShouldBe(0, "a destroyed berkas is not handed over");
        await archivist.FillAsync("#handover-institution", "Dinas Perpustakaan dan Kearsipan Kota Bekasi");
        await archivist.Locator($"input[name=CaseFileIds][value=\"{permanen}\"]").CheckAsync();
        await archivist.ShouldHaveLabelledInputsAsync();
        await app.ScreenshotAsync(archivist, "134-penyerahan-usul");
        await archivist.ClickAsync("button:has-text('Usulkan penyerahan')");
        await archivist.WaitForPageAsync(new Regex("/arsip/penyerahan/[0-9a-f-]{36}$"));
        var handover = archivist.Url;
        (await archivist.Locator("[role=status]").InnerTextAsync()).ShouldContain("menunggu persetujuan kepala instansi");
        (await archivist.Locator("#status").InnerTextAsync()).ShouldBe("Diusulkan");
        (await archivist.Locator("button:has-text('Setujui penyerahan')").CountAsync()).ShouldBe(0, "not the archivist's step");

        await mayor.GotoAsync(handover);
        await mayor.ClickAsync("button:has-text('Setujui penyerahan')");
        (await mayor.Locator("[role=status]").InnerTextAsync()).ShouldContain("Penyerahan disetujui");
        await app.ScreenshotAsync(mayor, "135-penyerahan-disetujui");

        // the package is built in the background: the page shows its progress until it is ready
        for (var i = 0; i < 300 && await archivist.Locator("#download").CountAsync() == 0; i++)
        {
            await Task.Delay(200);
            await archivist.GotoAsync(handover);
        }
        (await archivist.Locator("#status").InnerTextAsync()).ShouldBe("Paket siap");
        (await archivist.Locator("#progress").InnerTextAsync()).ShouldContain("1 berkas, 2 surat");
        var handoverReport = await PdfTextAsync(archivist, "a:has-text('Berita acara penyerahan')");
        handoverReport.ShouldContain("BERITA ACARA PENYERAHAN ARSIP STATIS");
        handoverReport.ShouldContain("Dinas Perpustakaan dan Kearsipan Kota Bekasi");
        var package = await archivist.APIRequest.GetAsync(await archivist.Locator("#download").GetAttributeAsync("href") ?? "");
        (package.Status, package.Headers["content-type"]).ShouldBe((200, "application/zip"));
        var zip = Path.Combine(Path.GetTempPath(), $"penyerahan-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(zip, await package.BodyAsync());
        try
        {
            var (exit, output) = VerifyHandover(zip);
            exit.ShouldBe(0, output);
            output.ShouldContain("OK");
        }
        finally { File.Delete(zip); }
        await app.ScreenshotAsync(archivist, "136-penyerahan-paket-siap");

        await archivist.GotoAsync(handover);
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        await archivist.FillAsync("#receipt-number", "445/TT/DPK/2033");
        await archivist.FillAsync("#receipt-date", today.AddDays(1).ToString("yyyy-MM-dd"));
        await archivist.ClickAsync("button:has-text('Catat penerimaan')");
        (await archivist.Locator(".alert").First.InnerTextAsync()).ShouldContain("setelah hari ini"); // a future date is refused on the form
        await archivist.FillAsync("#receipt-date", today.ToString("yyyy-MM-dd"));
        await archivist.ClickAsync("button:has-text('Catat penerimaan')");
        (await archivist.Locator("[role=status]").InnerTextAsync()).ShouldContain("Penerimaan penyerahan tercatat");
        (await archivist.Locator("#status").InnerTextAsync()).ShouldBe("Diterima lembaga kearsipan");
        (await archivist.Locator("#receipt").InnerTextAsync()).ShouldContain("445/TT/DPK/2033");
        await BothWidthsAsync("arsiparis", handover, "137-penyerahan-diterima",
            async view => (await view.Locator("table.list").InnerTextAsync()).ShouldContain("Diserahkan"));
        await archivist.GotoAsync($"/arsip/berkas/{permanen}");
        await app.ScreenshotAsync(archivist, "138-berkas-diserahkan");
        app.PolicyViolations.ShouldBeEmpty();
    }

    private static (int ExitCode, string Output) VerifyHandover(string package)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(ArsipApp.SamplesFolder, "..", "ops", "verify-handover"));
        info.ArgumentList.Add(package);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
