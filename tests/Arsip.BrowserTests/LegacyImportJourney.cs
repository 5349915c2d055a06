using System.IO.Compression;
using System.Net.Http.Json;
using System.Text;
using Arsip.Onboarding;

namespace Arsip.BrowserTests;

/// <summary>
/// #21's journey: the operator creates an agency, its administrator signs in, imports a legacy register with a ZIP of scans from the web
/// (preview, start, a visible progress bar), and a registrar of the new agency finds an imported letter by a word only its scan holds
/// (screenshots 150–156, at 1280 and 390 px).
/// </summary>
public sealed class LegacyImportJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task ShouldNotScrollSidewaysAsync(IPage page) =>
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(await page.EvaluateAsync<int>("() => window.innerWidth"));

    [Fact]
    public async Task An_operator_creates_an_agency_whose_administrator_imports_a_register_with_scans_and_a_registrar_finds_a_letter_by_its_scan()
    {
        (await OperatorAccounts.CreateAsync(app.Store, new ArsipClock(app.Clock), "operator", "Operator Instalasi", "operator-uji-2026", default)).Refused.ShouldBeFalse();
        var op = await app.NewPageAsync();
        await op.SignInAsync("operator", "operator-uji-2026", Installation.Tenant);
        await op.WaitForPageAsync("**/operator");
        await op.FillAsync("#id", "kab-ende");
        await op.FillAsync("#name", "Pemerintah Kabupaten Ende");
        await op.SelectOptionAsync("#kind", "PemerintahKabupaten");
        await op.SelectOptionAsync("#timeZone", "WITA");
        await op.FillAsync("#adminUser", "admin.ende");
        await op.FillAsync("#adminName", "Maria Goreti");
        await op.FillAsync("#adminPassword", "sandi-awal-ende-2026");
        await op.FillAsync("#nameLines", "PEMERINTAH KABUPATEN ENDE");
        await op.ClickAsync("form[data-testid='create-agency'] button[type=submit]");
        await op.Locator("tr[data-agency='kab-ende']").WaitForAsync();

        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin.ende", "sandi-awal-ende-2026", "kab-ende");
        await admin.WaitForPageAsync("**/sandi");
        await admin.FillAsync("#currentPassword", "sandi-awal-ende-2026");
        await admin.FillAsync("#newPassword", "sandi-baru-ende-2026");
        await admin.ClickAsync("main button[type=submit]");
        await admin.WaitForPageAsync(new Regex("/$"));

        await admin.GotoAsync("/admin");
        await admin.ClickAsync("[data-testid='import-link']");
        await admin.WaitForPageAsync("**/admin/impor");
        await admin.ShouldHaveLabelledInputsAsync();
        var register = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(string.Join("\r\n",
            "No. agenda;Tanggal terima;Pengirim;Tanggal surat;Nomor surat;Perihal;Keterangan",
            "1;06/01/2025;Dinas Pekerjaan Umum;03/01/2025;600/1/DPU;Perbaikan jalan – ruas Ende-Detusoko;",
            "2;07/01/2025;Camat Wolowaru;06/01/2025;005/2/Kec;Undangan musyawarah desa;",
            "3;08/01/2025;BPBD Kabupaten Ende;07/01/2025;360/3/BPBD;Laporan tanah longsor;"));
        await admin.SetInputFilesAsync("#register", new FilePayload { Name = "agenda-2025.csv", MimeType = "text/csv", Buffer = register });
        await admin.SetInputFilesAsync("#scans", new FilePayload { Name = "pindaian.zip", MimeType = "application/zip", Buffer = Scans() });
        await app.ScreenshotAsync(admin, "150-impor-unggah");
        await admin.ClickAsync("[data-testid='upload']");
        await admin.WaitForPageAsync(new Regex(@"/admin/impor/[0-9a-f-]{36}$"));
        (await admin.Locator("[data-testid='rows']").InnerTextAsync()).ShouldBe("3");
        (await admin.Locator("[data-testid='problems']").CountAsync()).ShouldBe(0);
        (await admin.Locator("[data-testid='preview']").InnerTextAsync()).ShouldContain("Perbaikan jalan – ruas Ende-Detusoko");
        (await admin.Locator("main").InnerTextAsync()).ShouldContain("windows-1252");
        await app.ScreenshotAsync(admin, "151-impor-pratinjau");
        var previewUrl = admin.Url;

        await admin.ClickAsync("[data-testid='start']");
        var bar = admin.Locator("progress[data-testid='progress']");
        await bar.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await app.ScreenshotAsync(admin, "152-impor-kemajuan");
        await admin.Locator("[data-testid='done']").WaitForAsync(new() { Timeout = 30_000 });
        (await bar.IsVisibleAsync()).ShouldBeTrue();
        (await bar.GetAttributeAsync("value")).ShouldBe(await bar.GetAttributeAsync("max"));
        (await admin.Locator("[data-testid='done']").InnerTextAsync()).ShouldContain("3 surat diimpor, 2 dengan pindaian");
        await app.ScreenshotAsync(admin, "153-impor-selesai");

        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("admin.ende", "sandi-baru-ende-2026", "kab-ende");
        await phone.WaitForPageAsync(new Regex("/$"));
        foreach (var url in new[] { "/admin/impor", previewUrl })
        {
            await phone.GotoAsync(url);
            await ShouldNotScrollSidewaysAsync(phone);
        }
        await app.ScreenshotAsync(phone, "154-impor-selesai-390");
        await phone.GotoAsync("/admin/impor");
        await app.ScreenshotAsync(phone, "155-impor-unggah-390");

        // the new agency's registrar (made by its administrator through the API) finds the letter by a word only in its scan
        var api = app.CreateClient();
        (await api.PostAsJsonAsync("/api/auth/sign-in", new { agency = "kab-ende", userName = "admin.ende", password = "sandi-baru-ende-2026" })).EnsureSuccessStatusCode();
        var chart = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/organization");
        var unitId = chart.GetProperty("units")[0].GetProperty("id").GetGuid();
        var position = await api.PostAsJsonAsync("/api/organization/positions", new { title = "Pengadministrasi Umum", unitId, roles = new[] { "Registrar" } });
        position.EnsureSuccessStatusCode();
        var positionId = (await position.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        (await api.PostAsJsonAsync("/api/organization/people", new { userName = "registrar", fullName = "Yosef Nggadas", password = "sandi-registrar-2026", positionId }))
            .EnsureSuccessStatusCode();
        var registrar = await app.NewPageAsync();
        await registrar.SignInAsync("registrar", "sandi-registrar-2026", "kab-ende");
        await registrar.WaitForPageAsync(new Regex("/(sandi)?$"));
        if (registrar.Url.EndsWith("/sandi"))
        {
            await registrar.FillAsync("#currentPassword", "sandi-registrar-2026");
            await registrar.FillAsync("#newPassword", "sandi-registrar-baru-2026");
            await registrar.ClickAsync("main button[type=submit]");
            await registrar.WaitForPageAsync(new Regex("/$"));
        }
        for (var attempt = 0; ; attempt++)
        {
            await registrar.GotoAsync("/cari?q=Kelimutu");
            if (await registrar.Locator("ol.hits a.hit-title").CountAsync() > 0) break;
            if (attempt == 60) throw new ShouldAssertException("the imported scan's word was not found in 30 s");
            await Task.Delay(500);
        }
        (await registrar.Locator("ol.hits a.hit-title").AllInnerTextsAsync()).ShouldBe(["Laporan tanah longsor"]);
        await app.ScreenshotAsync(registrar, "156-cari-pindaian-impor");
        app.PolicyViolations.ShouldBeEmpty();
    }

    /// <summary>The page's "Surat keluar" choice: a registrar imports an old outgoing register with a scan named by its letter number, the
    /// letters appear in the outgoing list in their sent state and their page says where they came from (screenshots 157–159, 161, 165).</summary>
    [Fact]
    public async Task A_registrar_imports_an_outgoing_register_and_finds_its_letters_in_the_outgoing_list()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("registrar", ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        await page.GotoAsync("/admin/impor");
        await page.CheckAsync("input[name=kind][value=outgoing]");
        await page.ShouldHaveLabelledInputsAsync();
        var register = Encoding.UTF8.GetBytes(string.Join("\n",
            "No.;Nomor surat;Tanggal surat;Tanggal kirim;Tujuan;Perihal;Jenis naskah;Keterangan",
            "1;000.5/501/Setda/2026;02/03/2026;03/03/2026;\"Kepala Dinas Kesehatan; Camat Bekasi Timur\";Undangan rapat penataan arsip dinamis;Surat Dinas;dikirim lewat kurir",
            "2;000.5/502/Setda/2026;04/03/2026;;Kepala Bappeda;Permintaan data arsip vital;Surat Dinas;"));
        await page.SetInputFilesAsync("#register", new FilePayload { Name = "agenda-keluar-2026.csv", MimeType = "text/csv", Buffer = register });
        await page.SetInputFilesAsync("#scans", new FilePayload { Name = "pindaian-keluar.zip", MimeType = "application/zip", Buffer = Zip(("000.5_501_Setda_2026.pdf", "Undangan rapat penataan arsip dinamis")) });
        await app.ScreenshotAsync(page, "157-impor-keluar-unggah");
        await page.ClickAsync("[data-testid='upload']");
        await page.WaitForPageAsync(new Regex(@"/admin/impor/[0-9a-f-]{36}$"));
        (await page.Locator("[data-testid='kind']").InnerTextAsync()).ShouldBe("Surat keluar");
        (await page.Locator("[data-testid='rows']").InnerTextAsync()).ShouldBe("2");
        (await page.Locator("[data-testid='problems']").CountAsync()).ShouldBe(0);
        (await page.Locator("#map-Addressee").InputValueAsync()).ShouldBe("4");
        (await page.Locator("#map-Agenda").CountAsync()).ShouldBe(0, "the outgoing mapping offers the outgoing register's columns");
        await app.ScreenshotAsync(page, "158-impor-keluar-pratinjau");
        var previewUrl = page.Url;

        await page.ClickAsync("[data-testid='start']");
        await page.Locator("[data-testid='done']").WaitForAsync(new() { Timeout = 30_000 });
        (await page.Locator("[data-testid='done']").InnerTextAsync()).ShouldContain("2 surat diimpor, 1 dengan pindaian");
        await app.ScreenshotAsync(page, "159-impor-keluar-selesai");
        await page.ClickAsync("[data-testid='done'] a");
        await page.WaitForPageAsync("**/surat-keluar");
        var row = page.Locator("table.list tr", new() { HasText = "000.5/501/Setda/2026" });
        (await row.InnerTextAsync()).ShouldContain("Undangan rapat penataan arsip dinamis");
        await row.Locator("a").ClickAsync();
        await page.WaitForPageAsync(new Regex(@"/surat-keluar/[0-9a-f-]{36}$"));
        (await page.Locator("[data-testid='letter-number']").InnerTextAsync()).ShouldBe("000.5/501/Setda/2026");
        (await page.Locator("[data-testid='imported']").InnerTextAsync()).ShouldContain("Diimpor dari register lama agenda-keluar-2026.csv, baris 2");
        (await page.Locator("[data-testid='files']").InnerTextAsync()).ShouldContain("000.5_501_Setda_2026.pdf");
        await app.ScreenshotAsync(page, "161-surat-keluar-impor");
        var letterUrl = page.Url;

        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("registrar", ArsipApp.DemoPassword);
        await phone.WaitForPageAsync(new Regex("/$"));
        foreach (var url in new[] { "/admin/impor", previewUrl, letterUrl })
        {
            await phone.GotoAsync(url);
            await ShouldNotScrollSidewaysAsync(phone);
        }
        await app.ScreenshotAsync(phone, "165-surat-keluar-impor-390");
        await phone.GotoAsync("/admin/impor");
        await phone.CheckAsync("input[name=kind][value=outgoing]");
        await app.ScreenshotAsync(phone, "166-impor-keluar-unggah-390");
        app.PolicyViolations.ShouldBeEmpty();
    }

    /// <summary>#21's page walked by an administrator at 1,280 and 390 px for both kinds of register, with what a first try usually brings:
    /// problems by row and by file, a note that does not block, the preview under the mapped columns and the mapping form; then in English
    /// (screenshots 170–179).</summary>
    [Fact]
    public async Task An_administrator_walks_the_import_page_for_both_kinds_at_desk_and_phone_width()
    {
        var incoming = Encoding.UTF8.GetBytes(string.Join("\n",
            "No. agenda;Tanggal terima;Pengirim;Tanggal surat;Nomor surat;Perihal;Diteruskan kepada;Keterangan",
            "41;06/01/2025;Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Bekasi;03/01/2025;600.1.15/1/DPUPR/2025;Permohonan data jaringan irigasi kecamatan Tambun Selatan dan Cibitung;Kepala Bagian Umum;",
            "42;07/01/2025;;06/01/2025;005/2/Kec;Undangan musyawarah;;",
            "43;08/01/2027;BPBD;07/01/2025;360/3/BPBD;Laporan banjir;;"));
        var outgoing = Encoding.UTF8.GetBytes(string.Join("\n",
            "No.;Nomor surat;Tanggal surat;Tanggal kirim;Tujuan;Perihal;Kode klasifikasi;Jenis naskah",
            "1;000.5/701/Setda/2026;02/03/2026;03/03/2026;\"Kepala Dinas Kesehatan; Camat Bekasi Timur\";Undangan rapat penataan arsip dinamis;;Surat Dinas",
            "2;B/17/Umum/X/2025;11/10/2025;;Kepala Kantor Pos;Pengiriman dokumen;000.1;Surat Dinas",
            "3;000.5/702/Setda/2026;04/03/2026;;;Tanpa tujuan;;Surat Dinas"));
        var scans = Zip(("41.pdf", "Data jaringan irigasi"), ("99.pdf", "Tidak ada barisnya"));

        var desk = await app.NewPageAsync();
        await desk.SignInAsync("admin", ArsipApp.DemoPassword);
        await desk.WaitForPageAsync(new Regex("/$"));
        var pages = new List<string>();
        foreach (var (kind, register, zip, shot, problems) in new[] { ("incoming", incoming, scans, 170, 3), ("outgoing", outgoing, (byte[]?)null, 172, 1) })
        {
            await desk.GotoAsync("/admin/impor");
            await desk.CheckAsync($"input[name=kind][value={kind}]");
            // only the chosen kind's columns are explained
            (await desk.Locator(".hint-incoming").IsVisibleAsync()).ShouldBe(kind == "incoming");
            (await desk.Locator(".hint-outgoing").IsVisibleAsync()).ShouldBe(kind == "outgoing");
            await desk.SetInputFilesAsync("#register", new FilePayload { Name = $"agenda-{kind}.csv", MimeType = "text/csv", Buffer = register });
            if (zip is not null) await desk.SetInputFilesAsync("#scans", new FilePayload { Name = "pindaian.zip", MimeType = "application/zip", Buffer = zip });
            await app.ScreenshotAsync(desk, $"{shot}-impor-{kind}-unggah");
            await desk.ClickAsync("[data-testid='upload']");
            await desk.WaitForPageAsync(new Regex(@"/admin/impor/[0-9a-f-]{36}$"));
            await desk.ShouldHaveLabelledInputsAsync();
            (await desk.Locator("[data-testid='problems'] tbody tr").CountAsync()).ShouldBe(problems);
            (await desk.Locator("[data-testid='start']").CountAsync()).ShouldBe(0, "nothing starts while a problem remains");
            await app.ScreenshotAsync(desk, $"{shot + 1}-impor-{kind}-masalah");
            pages.Add(desk.Url);
        }
        (await desk.Locator("[data-testid='notices']").InnerTextAsync()).ShouldContain("baris 3");

        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("admin", ArsipApp.DemoPassword);
        await phone.WaitForPageAsync(new Regex("/$"));
        await phone.GotoAsync("/admin/impor");
        await ShouldNotScrollSidewaysAsync(phone);
        await app.ScreenshotAsync(phone, "174-impor-unggah-390");
        foreach (var (url, name) in pages.Zip(new[] { "175-impor-masuk-masalah-390", "176-impor-keluar-masalah-390" }))
        {
            await phone.GotoAsync(url);
            await ShouldNotScrollSidewaysAsync(phone);
            // on a phone each preview row is a card whose cells say their column
            (await phone.Locator("[data-testid='preview'] td").First.EvaluateAsync<string>("td => getComputedStyle(td, '::before').content")).ShouldNotBe("none");
            await app.ScreenshotAsync(phone, name);
        }

        await desk.GotoAsync("/bahasa/en?kembali=" + Uri.EscapeDataString(new Uri(pages[1]).AbsolutePath));
        await desk.WaitForPageAsync(new Regex(@"/admin/impor/[0-9a-f-]{36}$"));
        (await desk.Locator("h1").InnerTextAsync()).ShouldBe("Import old registers");
        (await desk.Locator("[data-testid='mapping'] h2").InnerTextAsync()).ShouldBe("Column mapping");
        await app.ScreenshotAsync(desk, "177-impor-keluar-masalah-en");
        await phone.GotoAsync("/bahasa/en?kembali=/admin/impor");
        await ShouldNotScrollSidewaysAsync(phone);
        await app.ScreenshotAsync(phone, "178-impor-unggah-390-en");
        app.PolicyViolations.ShouldBeEmpty();
    }

    private static byte[] Zip(params (string Name, string Text)[] scans)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in scans)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(OfficialJourney.Pdf(text));
            }
        return buffer.ToArray();
    }

    /// <summary>Two scans named by agenda number; the word "Kelimutu" is only in the third letter's scan.</summary>
    private static byte[] Scans()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in new[] { ("001.pdf", "Ruas jalan Ende Detusoko rusak berat"), ("3.pdf", "Longsor di lereng Kelimutu menutup jalan desa") })
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(OfficialJourney.Pdf(text));
            }
        return buffer.ToArray();
    }
}
