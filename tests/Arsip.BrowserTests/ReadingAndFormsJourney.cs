using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.BrowserTests;

/// <summary>
/// Issue #14, the working day: the auditor's history and replay read as labelled fields with names (no raw JSON,
/// codes or ids, nothing wider than a phone), and refused forms say so at the top with the focus there, every field
/// marked, and the scan kept across the duplicate warning. Screenshots 40–49 under TestResults/screenshots.
/// </summary>
public sealed partial class ReadingAndFormsJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Guid36();

    private async Task<OrganizationChart> ChartAsync() =>
        (await (await app.SignInAsync("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;

    private async Task<IPage> SignedInAsync(string user, int width = 1280, int height = 720)
    {
        var page = await app.NewPageAsync(width, height);
        await page.SignInAsync(user, ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        return page;
    }

    /// <summary>A file recognised as a PDF by its content (<c>%PDF-</c> … <c>%%EOF</c>), 16 bytes more than <paramref name="bodyBytes"/>.</summary>
    private static byte[] Pdf(int bodyBytes) => [.. "%PDF-1.7\n"u8, .. Enumerable.Range(0, bodyBytes).Select(i => (byte)('a' + i % 26)), .. "\n%%EOF\n"u8];

    private static string Today(ArsipApp app) => DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd");

    /// <summary>An incoming letter with its scan, disposed by the Sekda to the Kepala Bagian Umum (TINDAK_LANJUTI), read by him.</summary>
    private async Task<Guid> DisposedLetterWithScanAsync(OrganizationChart chart)
    {
        Guid PositionOf(string user) => chart.People.Single(p => p.UserName == user).PositionId!.Value;
        var form = new MultipartFormDataContent
        {
            {
                JsonContent.Create(new JsonObject
                {
                    ["sender"] = "Badan Kepegawaian Negara", ["senderLetterNumber"] = "800.1/77/BKN/2026", ["letterDate"] = Today(app), ["receivedOn"] = Today(app),
                    ["subject"] = "Permohonan data kepegawaian", ["classification"] = "800.1", ["securityLevel"] = "Biasa", ["urgency"] = "Segera",
                    ["addresseePositionId"] = PositionOf("sekda").ToString(),
                }), "letter"
            },
        };
        var scan = new ByteArrayContent(Pdf(20_000));
        scan.Headers.ContentType = new("application/pdf");
        form.Add(scan, "scan", "surat-bkn-dengan-nama-berkas-yang-panjang-sekali-tanpa-spasi-2026.pdf");
        var registered = await (await app.SignInAsync("registrar")).PostAsync("/api/incoming-letters/with-scan", form);
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var letter = (await registered.Content.ReadFromJsonAsync<JsonObject>(ArsipApp.Json))!["id"]!.GetValue<Guid>();

        app.Clock.Advance(TimeSpan.FromHours(1));
        var issued = await (await app.SignInAsync("sekda")).PostAsJsonAsync($"/api/letters/{letter}/dispositions",
            new { recipients = new[] { new { positionId = PositionOf("kabag.umum"), lead = true } }, instructions = new[] { "TINDAK_LANJUTI" }, note = "Mohon segera" }, ArsipApp.Json);
        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var disposition = (await issued.Content.ReadFromJsonAsync<IssueDispositionResponse>(ArsipApp.Json))!.Id;
        app.Clock.Advance(TimeSpan.FromHours(1));
        (await (await app.SignInAsync("kabag.umum")).GetAsync($"/api/dispositions/{disposition}")).EnsureSuccessStatusCode();
        return letter;
    }

    /// <summary>No element makes the page wider than the window, with every "Data peristiwa" opened.</summary>
    private static async Task ShouldNotScrollSidewaysAsync(IPage page)
    {
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        var (scroll, window) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        scroll.ShouldBeLessThanOrEqualTo(window, $"{page.Url} is {scroll} px wide in a {window} px window");
    }

    [Fact]
    public async Task The_replay_and_the_history_show_names_labelled_fields_and_Indonesian_and_fit_a_phone()
    {
        var chart = await ChartAsync();
        var letter = await DisposedLetterWithScanAsync(chart);

        foreach (var (width, height, suffix) in new[] { (1280, 720, "1280"), (390, 844, "390") })
        {
            var auditor = await SignedInAsync("auditor", width, height);
            // step 1: the registration; the letter's scan as labelled fields, the registrar by name and position
            await auditor.GotoAsync($"/surat/{letter}/putar?langkah=2");
            (await auditor.Locator("[data-testid=event] h2").InnerTextAsync()).ShouldBe("Lampiran atau pindaian ditambahkan");
            var files = await auditor.Locator("dd[data-field=files]").InnerTextAsync();
            files.ShouldContain("Nama berkas");
            files.ShouldContain("Pindaian");
            files.ShouldContain("20.0", Case.Sensitive, "the size in Indonesian digits");
            files.ShouldNotContain("{");
            (await auditor.Locator("[data-testid=actor]").InnerTextAsync()).ShouldContain("Pengadministrasi Umum");
            Guid36().IsMatch((await auditor.Locator("[data-testid=actor] [title]").GetAttributeAsync("title"))!).ShouldBeTrue("the stored actor, ids included, on hover");
            await ShouldNotScrollSidewaysAsync(auditor);
            Guid36().IsMatch(await auditor.Locator("main").InnerTextAsync()).ShouldBeFalse("no raw id on the page");
            await app.ScreenshotAsync(auditor, $"40-putar-berkas-{suffix}");

            // the disposition: its instruction by the agency's name, the Sekda by name
            await auditor.GotoAsync($"/surat/{letter}/putar?langkah=3");
            var main = (await auditor.Locator("main").TextContentAsync())!;
            main.ShouldNotContain("TINDAK_LANJUTI");
            main.ShouldContain("Tindak lanjuti", Case.Insensitive);
            (await auditor.Locator("[data-testid=actor]").InnerTextAsync()).ShouldContain("Sekretaris Daerah");
            await ShouldNotScrollSidewaysAsync(auditor);
            Guid36().IsMatch(await auditor.Locator("main").InnerTextAsync()).ShouldBeFalse("no raw id on the page");
            await app.ScreenshotAsync(auditor, $"41-putar-disposisi-{suffix}");

            await auditor.GotoAsync($"/surat/{letter}/riwayat");
            await ShouldNotScrollSidewaysAsync(auditor);
            var history = await auditor.Locator("main").InnerTextAsync();
            Guid36().IsMatch(history).ShouldBeFalse("no raw id on the history");
            history.ShouldContain("Reny Hendrawaty (Sekretaris Daerah)");
            history.ShouldNotContain("\"sender\"");
            await app.ScreenshotAsync(auditor, $"42-riwayat-{suffix}");
        }
    }

    [Fact]
    public async Task An_outgoing_letters_history_is_titled_by_its_number_with_Indonesian_events_and_a_readable_dispatch()
    {
        var chart = await ChartAsync();
        Guid Position(string title) => chart.Positions.Single(p => p.Title == title).Id;
        var analis = await app.SignInAsync("analis");
        var drafted = await analis.PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind = "SuratDinas", classification = "000.5", securityLevel = "Biasa", urgency = "Segera", subject = "Undangan rapat kearsipan",
            body = "Dengan hormat kami mengundang Saudara pada rapat koordinasi kearsipan.", attachments = "-",
            addressees = new object[] { new { name = "Kepala Arsip Nasional Republik Indonesia", address = "Jl. Ampera Raya No. 7, Jakarta" } },
            copyTo = Array.Empty<object>(), reviewers = new[] { Position("Kepala Bagian Organisasi") }, signatoryPositionId = Position("Sekretaris Daerah"),
        });
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var id = (await drafted.Content.ReadFromJsonAsync<DraftOutgoingLetterResponse>(ArsipApp.Json))!.Id;
        (await analis.PostAsJsonAsync($"/api/outgoing-letters/{id}/submit", new { })).EnsureSuccessStatusCode();
        (await (await app.SignInAsync("kabag.or")).PostAsJsonAsync($"/api/outgoing-letters/{id}/initial", new { })).EnsureSuccessStatusCode();
        var signed = await (await app.SignInAsync("sekda")).PostAsJsonAsync($"/api/outgoing-letters/{id}/sign", new { });
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        var number = (await signed.Content.ReadFromJsonAsync<SignOutgoingLetterResponse>(ArsipApp.Json))!.LetterNumber;
        (await analis.PostAsJsonAsync($"/api/outgoing-letters/{id}/dispatch", new { method = "kurir" })).EnsureSuccessStatusCode();

        var auditor = await SignedInAsync("auditor");
        await auditor.GotoAsync($"/surat/{id}/riwayat");
        (await auditor.Locator("[data-testid=letter-title]").InnerTextAsync()).ShouldContain(number);
        var history = await auditor.Locator("ol.timeline").InnerTextAsync();
        history.ShouldContain("Konsep diajukan untuk paraf");
        history.ShouldContain("Konsep diparaf");
        history.ShouldNotContain("outgoing letter");
        await auditor.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        (await auditor.Locator("ol.timeline").InnerTextAsync()).ShouldContain("Kurir", Case.Sensitive);
        await app.ScreenshotAsync(auditor, "43-riwayat-surat-keluar");

        var drafter = await SignedInAsync("analis");
        await drafter.GotoAsync($"/surat-keluar/{id}");
        (await drafter.Locator("table.list").InnerTextAsync()).ShouldContain("Kurir", Case.Sensitive);
    }

    [Fact]
    public async Task A_refused_registration_is_summarised_on_top_with_the_focus_there_and_keeps_its_scan_past_the_duplicate_warning()
    {
        foreach (var (width, height, suffix) in new[] { (1280, 720, "1280"), (390, 844, "390") })
        {
            var registrar = await SignedInAsync("registrar", width, height);
            await registrar.GotoAsync("/surat-masuk/baru");
            await registrar.ClickAsync("form.form-grid button[type=submit]");
            await registrar.WaitForPageAsync("**/surat-masuk/baru");
            var summary = registrar.Locator("[data-error-summary]");
            var text = await summary.InnerTextAsync();
            text.ShouldContain("Pengirim wajib diisi.");
            text.ShouldContain("Tanggal surat wajib diisi.");
            text.ShouldNotContain("(required)");
            text.ShouldNotContain("letterDate");
            (await registrar.EvaluateAsync<bool>("() => document.activeElement?.hasAttribute('data-error-summary') ?? false")).ShouldBeTrue("the focus is on the summary");
            (await summary.BoundingBoxAsync())!.Y.ShouldBeLessThan(height, "the summary is on screen");
            (await registrar.Locator("#sender").GetAttributeAsync("aria-invalid")).ShouldBe("true");
            (await registrar.Locator("#subject").GetAttributeAsync("aria-invalid")).ShouldBe("true");
            (await registrar.Locator("#sender-error").InnerTextAsync()).ShouldBe("Pengirim wajib diisi.");
            await ShouldNotScrollSidewaysAsync(registrar);
            await app.ScreenshotAsync(registrar, $"44-registrasi-ringkasan-galat-{suffix}");
            // the summary's link takes the person to the field
            await summary.Locator("a", new() { HasTextString = "Perihal" }).ClickAsync();
            (await registrar.EvaluateAsync<string>("() => document.activeElement.id")).ShouldBe("subject");
        }

        // the same letter is already registered: the warning comes, and the chosen scan stays with the form
        var sekda = (await ChartAsync()).People.Single(p => p.UserName == "sekda").PositionId!.Value;
        var first = await (await app.SignInAsync("registrar")).PostAsJsonAsync("/api/incoming-letters", new JsonObject
        {
            ["sender"] = "Dinas Pendidikan Provinsi Jawa Barat", ["senderLetterNumber"] = "421/900/Disdik/2026", ["letterDate"] = "2026-11-20",
            ["receivedOn"] = "2026-11-23", ["subject"] = "Data sekolah", ["classification"] = "400", ["securityLevel"] = "Biasa", ["urgency"] = "Biasa",
            ["addresseePositionId"] = sekda.ToString(),
        });
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var page = await SignedInAsync("registrar");
        await page.GotoAsync("/surat-masuk/baru");
        await page.FillAsync("#sender", "Dinas Pendidikan Provinsi Jawa Barat");
        await page.FillAsync("#senderLetterNumber", "421/900/Disdik/2026");
        await page.FillAsync("#letterDate", "2026-11-20");
        await page.FillAsync("#receivedOn", "2026-11-24");
        await page.FillAsync("#subject", "Data sekolah (susulan)");
        await page.FillAsync("#classification", "400");
        await page.SetInputFilesAsync("#scan", new FilePayload { Name = "disdik-421.pdf", MimeType = "application/pdf", Buffer = Pdf(20_494) });
        await page.ClickAsync("form.form-grid button[type=submit]");
        await page.WaitForPageAsync("**/surat-masuk/baru");
        (await page.Locator(".alert.warn").InnerTextAsync()).ShouldContain("sudah terdaftar");
        (await page.EvaluateAsync<bool>("() => document.activeElement?.classList.contains('warn') ?? false")).ShouldBeTrue("the focus is on the warning");
        (await page.Locator("[data-testid=kept-scan]").InnerTextAsync()).ShouldContain("disdik-421.pdf");
        (await page.Locator("[data-testid=kept-scan]").InnerTextAsync()).ShouldContain("20.5", Case.Sensitive);
        await app.ScreenshotAsync(page, "45-registrasi-duplikat-pindaian-tersimpan");
        await page.CheckAsync("#confirmedDistinct");
        await page.ClickAsync("form.form-grid button[type=submit]");
        await page.WaitForPageAsync(new Regex("/surat-masuk/[0-9a-f-]{36}$"));
        (await page.Locator("[role=status]").InnerTextAsync()).ShouldContain("beserta pindaiannya");
        var id = Guid.Parse(new Uri(page.Url).AbsolutePath.Split('/').Last());
        var view = await (await app.SignInAsync("registrar")).GetFromJsonAsync<IncomingLetterView>($"/api/incoming-letters/{id}", ArsipApp.Json);
        view!.Files.Single().FileName.ShouldBe("disdik-421.pdf");
        view.Files.Single().Length.ShouldBe(20_494 + 16);

        // a kept scan is this person's only: a forged or foreign value is ignored
        var other = await SignedInAsync("registrar");
        await other.GotoAsync("/surat-masuk/baru");
        await other.EvaluateAsync("""
            () => { const i = document.createElement('input'); i.type = 'hidden'; i.name = 'Input.keptScan'; i.value = 'bukan-token';
                    document.querySelector('form.form-grid').appendChild(i); }
            """);
        await other.ClickAsync("form.form-grid button[type=submit]");
        (await other.Locator("[data-testid=kept-scan]").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_empty_disposition_form_marks_every_required_field_in_a_summary_that_takes_the_focus()
    {
        var chart = await ChartAsync();
        var sekdaPosition = chart.People.Single(p => p.UserName == "sekda").PositionId!.Value;
        var registered = await (await app.SignInAsync("registrar")).PostAsJsonAsync("/api/incoming-letters", new JsonObject
        {
            ["sender"] = "Badan Pusat Statistik", ["senderLetterNumber"] = "B-12/BPS/2026", ["letterDate"] = Today(app), ["receivedOn"] = Today(app),
            ["subject"] = "Sensus ekonomi", ["classification"] = "000", ["securityLevel"] = "Biasa", ["urgency"] = "Biasa",
            ["addresseePositionId"] = sekdaPosition.ToString(),
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Created);
        var letter = (await registered.Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(ArsipApp.Json))!.Id;

        var sekda = await SignedInAsync("sekda");
        await sekda.GotoAsync($"/surat-masuk/{letter}");
        await sekda.ClickAsync("button:has-text('Kirim disposisi')");
        await sekda.WaitForPageAsync(new Regex($"/surat-masuk/{letter}.*"));
        var summary = sekda.Locator("[data-error-summary]");
        var text = await summary.InnerTextAsync();
        text.ShouldContain("Penerima disposisi wajib diisi.");
        text.ShouldContain("Isi disposisi wajib dipilih.");
        text.ShouldNotContain("(at least");
        (await sekda.EvaluateAsync<bool>("() => document.activeElement?.hasAttribute('data-error-summary') ?? false")).ShouldBeTrue("the focus is on the summary");
        var box = (await summary.BoundingBoxAsync())!;
        box.Y.ShouldBeGreaterThanOrEqualTo(0);
        box.Y.ShouldBeLessThan(720, "the summary is on screen, not below the fold");
        (await sekda.Locator("fieldset#recipients.invalid").CountAsync()).ShouldBe(1);
        (await sekda.Locator("fieldset#instructions.invalid").CountAsync()).ShouldBe(1);
        (await sekda.Locator("#instructions-error").InnerTextAsync()).ShouldBe("Isi disposisi wajib dipilih.");
        await sekda.ShouldHaveLabelledInputsAsync();
        await app.ScreenshotAsync(sekda, "46-disposisi-kosong");
    }
    [Fact]
    public async Task Smaller_things_a_real_emblem_in_the_kop_Indonesian_numbers_readable_facets_a_warned_public_address_a_favicon_and_a_tidy_header()
    {
        // the sample letterheads carry the sample emblem (a PNG beside letterheads.json), and the issued PDF draws it
        var loader = new Arsip.Samples.SampleDataLoader(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), app.Store,
            app.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>(),
            new Arsip.Kernel.ArsipClock(app.Clock), Microsoft.Extensions.Logging.Abstractions.NullLogger<Arsip.Samples.SampleDataLoader>.Instance);
        await loader.LoadAsync(ArsipApp.SamplesFolder, withReferenceData: true, withLetters: false, CancellationToken.None);
        var chart = await ChartAsync();
        Guid Position(string title) => chart.Positions.Single(p => p.Title == title).Id;
        var analis = await app.SignInAsync("analis");
        var drafted = await analis.PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind = "SuratDinas", classification = "000.5", securityLevel = "Biasa", urgency = "Biasa", subject = "Penataan kearsipan dinamis",
            body = "Dengan hormat kami sampaikan pedoman penataan kearsipan dinamis.", attachments = "-",
            addressees = new object[] { new { name = "Kepala Dinas Kesehatan", positionId = Position("Kepala Dinas Kesehatan") } },
            copyTo = Array.Empty<object>(), reviewers = new[] { Position("Kepala Bagian Organisasi") }, signatoryPositionId = Position("Sekretaris Daerah"),
        });
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var id = (await drafted.Content.ReadFromJsonAsync<DraftOutgoingLetterResponse>(ArsipApp.Json))!.Id;
        (await analis.PostAsJsonAsync($"/api/outgoing-letters/{id}/submit", new { })).EnsureSuccessStatusCode();
        (await (await app.SignInAsync("kabag.or")).PostAsJsonAsync($"/api/outgoing-letters/{id}/initial", new { })).EnsureSuccessStatusCode();
        (await (await app.SignInAsync("sekda")).PostAsJsonAsync($"/api/outgoing-letters/{id}/sign", new { })).EnsureSuccessStatusCode();
        var pdf = await (await analis.GetAsync($"/api/outgoing-letters/{id}/pdf")).Content.ReadAsByteArrayAsync();
        var documents = Path.Combine(AppContext.BaseDirectory, "TestResults", "documents");
        Directory.CreateDirectory(documents);
        await File.WriteAllBytesAsync(Path.Combine(documents, "47-surat-dengan-lambang.pdf"), pdf);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            var emblem = document.GetPage(1).GetImages().ShouldHaveSingleItem();
            emblem.WidthInSamples.ShouldBeGreaterThanOrEqualTo(200, "a drawn emblem, not a grey block of a few pixels");
        }

        // the verify page counts bytes the Indonesian way
        var view = await analis.GetFromJsonAsync<OutgoingLetterView>($"/api/outgoing-letters/{id}", ArsipApp.Json);
        var verify = await app.NewPageAsync();
        await verify.GotoAsync($"/v/{view!.VerificationCode}");
        (await verify.Locator("body").InnerTextAsync()).ShouldMatch(@"\d{1,3}(\.\d{3})+ bita");

        // the administrator: warned that QR codes carry the request's address, and the letterhead page takes an image by its content
        var admin = await SignedInAsync("admin");
        await admin.GotoAsync("/admin");
        (await admin.Locator("[data-testid=public-url-warning]").InnerTextAsync()).ShouldContain("Arsip:PublicBaseUrl");
        await admin.GotoAsync("/admin/kop-surat");
        await admin.SetInputFilesAsync("#emblem", new FilePayload { Name = "lambang.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3] });
        await admin.ClickAsync("button:has-text('Simpan kop surat')");
        (await admin.Locator("#emblem-error").InnerTextAsync()).ShouldContain("Lambang tidak terbaca");
        (await admin.Locator("[data-error-summary]").InnerTextAsync()).ShouldNotContain("(the emblem");
        await admin.SetInputFilesAsync("#emblem", Path.Combine(ArsipApp.SamplesFolder, "reference", "lambang-contoh.png"));
        await admin.ClickAsync("button:has-text('Simpan kop surat')");
        (await admin.Locator("[role=status]").InnerTextAsync()).ShouldContain("Kop surat tersimpan");
        await app.ScreenshotAsync(admin, "47-kop-surat-lambang");

        // a favicon; at 1280 px the language switch stays on the header's line, on a phone the header stays short and checkboxes sit beside their labels
        (await admin.Locator("link[rel=icon]").GetAttributeAsync("href")).ShouldBe("/favicon.svg");
        (await admin.APIRequest.GetAsync("/favicon.svg")).Status.ShouldBe(200);
        var header = (await admin.Locator("header.top").BoundingBoxAsync())!;
        var language = (await admin.Locator("header .language").BoundingBoxAsync())!;
        language.Height.ShouldBeLessThan(30, "the link does not wrap");
        var signOut = (await admin.Locator("header button:has-text('Keluar')").BoundingBoxAsync())!;
        Math.Abs(language.Y + language.Height / 2 - (signOut.Y + signOut.Height / 2)).ShouldBeLessThan(10, "English beside Keluar, not on a line of its own");
        header.Height.ShouldBeLessThan(64, "one header line at 1280 px");
        var phone = await SignedInAsync("admin", 390, 844);
        await phone.GotoAsync("/admin/jabatan");
        (await phone.Locator("header.top").BoundingBoxAsync())!.Height.ShouldBeLessThan(130, "a short header on a phone");
        var box = (await phone.Locator("input[type=checkbox]").First.BoundingBoxAsync())!;
        var id2 = await phone.Locator("input[type=checkbox]").First.GetAttributeAsync("id");
        var label = (await phone.Locator($"label[for='{id2}']").BoundingBoxAsync())!;
        box.Width.ShouldBeGreaterThanOrEqualTo(20, "a checkbox a thumb can hit");
        label.X.ShouldBeGreaterThan(box.X, "the label beside its checkbox, not under it");
        await app.ScreenshotAsync(phone, "48-jabatan-ponsel");

        // search: unit facet by name, status as the hits say it, and each filter removable
        var auditor = await SignedInAsync("auditor");
        for (var tries = 0; tries < 60; tries++)
        {
            await auditor.GotoAsync("/cari?q=kearsipan");
            if (await auditor.Locator("ol.hits li").CountAsync() > 0) break;
            await Task.Delay(500);
        }
        var units = await auditor.Locator("[data-testid=facet-unit]").InnerTextAsync();
        Guid36().IsMatch(units).ShouldBeFalse("unit names, not ids");
        var status = await auditor.Locator("[data-testid=facet-status] a").First.InnerTextAsync();
        status.ShouldBe(await auditor.Locator("[data-testid=hit-status]").First.InnerTextAsync());
        await auditor.Locator("[data-testid=facet-unit] a").First.ClickAsync();
        await auditor.WaitForPageAsync(new Regex("unit="));
        await auditor.ClickAsync("[data-testid=active-filters] a:has-text('hapus filter')");
        await auditor.WaitForPageAsync(new Regex("/cari\\?q=kearsipan$"));
        await app.ScreenshotAsync(auditor, "49-cari-facet");
    }
}
