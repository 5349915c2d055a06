using System.Text;

namespace Arsip.BrowserTests;

/// <summary>
/// The administrator's pages: a classification file with errors is refused whole with every error on its line,
/// a good one becomes version 1; a bad number template and a short password are flagged at their fields;
/// units, positions, people and letterheads are added. Nobody else gets in.
/// </summary>
public sealed class AdministratorPages(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static FilePayload Csv(string text) => new() { Name = "klasifikasi.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    [Fact]
    public async Task Administrator_imports_the_classification_scheme_with_a_line_by_line_error_report_and_others_are_refused()
    {
        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin", ArsipApp.DemoPassword);
        await admin.WaitForPageAsync(new Regex("/$"));
        await admin.ClickAsync("header nav >> text=Administrasi");
        await admin.WaitForPageAsync("**/admin");
        await admin.ShouldHaveLabelledInputsAsync();
        await admin.ClickAsync("text=Kode klasifikasi");
        await admin.WaitForPageAsync("**/admin/klasifikasi");
        await admin.ShouldHaveLabelledInputsAsync();

        await admin.SetInputFilesAsync("#file", Csv("""
            kode,nama,retensiAktif,retensiInaktif,tindakanAkhir
            000,Umum,2,3,Musnah
            000.1,Ketatausahaan dan Kerumahtanggaan,dua,3,Musnah
            000.2.x,Kode salah,1,1,Permanen
            000.5,Kearsipan,5,10,Hilang
            """));
        await admin.ClickAsync("main form button[type=submit]");
        var report = admin.Locator("[data-testid=import-errors]");
        (await report.InnerTextAsync()).ShouldContain("tidak ada yang disimpan");
        var rows = await report.Locator("tbody tr").AllInnerTextsAsync();
        rows.Count.ShouldBe(3);
        rows[0].ShouldStartWith("3");
        rows[0].ShouldContain("activeRetentionYears");
        rows[1].ShouldStartWith("4");
        rows[1].ShouldContain("000.2.x");
        rows[2].ShouldStartWith("5");
        rows[2].ShouldContain("Hilang");
        (await admin.Locator("main h2").First.InnerTextAsync()).ShouldNotContain("versi 1");
        await admin.ShouldHaveLabelledInputsAsync();
        await app.ScreenshotAsync(admin, "30-klasifikasi-ditolak");
        // the administrator's eight menu links and the name share the header's one line at 1,280 px without overlapping
        (await admin.EvaluateAsync<bool>("""
            () => document.querySelector('header nav a:last-of-type').getBoundingClientRect().right
                <= document.querySelector('header .who .name').getBoundingClientRect().left
            """)).ShouldBeTrue("the menu runs into the user's name");

        await admin.SetInputFilesAsync("#file", Csv("""
            kode;nama;retensiAktif;retensiInaktif;tindakanAkhir
            000;Umum;2;3;Musnah
            000.1;Ketatausahaan dan Kerumahtanggaan;2;3;Musnah
            000.5;Kearsipan;5;10;Permanen
            """));
        await admin.ClickAsync("main form button[type=submit]");
        (await admin.Locator("[role=status]").InnerTextAsync()).ShouldContain("Versi 1 tersimpan: 3 kelas");
        (await admin.Locator("table.list").InnerTextAsync()).ShouldContain("Kearsipan");
        await app.ScreenshotAsync(admin, "31-klasifikasi-versi-1");

        // Number templates: an unknown placeholder is flagged at the field; a good template shows its example.
        await admin.GotoAsync("/admin/nomor-surat?jenis=nota-dinas");
        await admin.ShouldHaveLabelledInputsAsync();
        (await admin.Locator("#kind").InputValueAsync()).ShouldBe("nota-dinas");
        await admin.FillAsync("#template", "{classification}/{nomor}/{year}");
        await admin.ClickAsync("main form button[type=submit]");
        (await admin.Locator("#template-error").InnerTextAsync()).ShouldContain("{nomor}");
        await admin.FillAsync("#template", "{securityPrefix}-{sequence}/{unit}/{romanMonth}/{year}");
        await admin.SelectOptionAsync("#scope", "Unit");
        await admin.ClickAsync("main form button[type=submit]");
        (await admin.Locator("[role=status]").InnerTextAsync()).ShouldContain("B-123/Setda/XI/2026");
        await app.ScreenshotAsync(admin, "32-templat-nomor");

        // Units, positions (reporting line) and people.
        await admin.GotoAsync("/admin/unit");
        await admin.ShouldHaveLabelledInputsAsync();
        await admin.FillAsync("#add-code", "Arsip");
        await admin.FillAsync("#add-name", "Bidang Kearsipan");
        await admin.SelectOptionAsync("#add-parent", new SelectOptionValue { Label = "Umum — Bagian Umum" });
        await admin.ClickAsync("button:has-text('Tambah unit')");
        (await admin.Locator("table.list").InnerTextAsync()).ShouldContain("Bidang Kearsipan");
        // A code already in use: the refusal (409) at the code, the form as it was typed.
        await admin.FillAsync("#add-code", "Arsip");
        await admin.FillAsync("#add-name", "Kembar");
        await admin.SelectOptionAsync("#add-parent", new SelectOptionValue { Label = "Umum — Bagian Umum" });
        await admin.ClickAsync("button:has-text('Tambah unit')");
        (await admin.Locator("#add-code-error").InnerTextAsync()).ShouldContain("Kode unit Arsip sudah dipakai");
        (await admin.Locator("#add-code").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await admin.Locator("#add-code").InputValueAsync()).ShouldBe("Arsip");
        (await admin.Locator("#add-name").InputValueAsync()).ShouldBe("Kembar");
        (await admin.Locator("#add-parent option:checked").InnerTextAsync()).ShouldBe("Umum — Bagian Umum");
        (await admin.Locator("table.list").InnerTextAsync()).ShouldNotContain("Kembar");
        await admin.ShouldHaveLabelledInputsAsync();

        await admin.GotoAsync("/admin/jabatan");
        await admin.ShouldHaveLabelledInputsAsync();
        await admin.FillAsync("#add-title", "Kepala Bidang Kearsipan");
        await admin.SelectOptionAsync("#add-unit", new SelectOptionValue { Label = "Arsip — Bidang Kearsipan" });
        await admin.SelectOptionAsync("#add-reports", new SelectOptionValue { Label = "Kepala Bagian Umum" });
        await admin.CheckAsync("#add-role-Official");
        await admin.ClickAsync("button:has-text('Tambah jabatan')");
        var row = admin.Locator("table.list tr", new() { HasText = "Kepala Bidang Kearsipan" });
        (await row.InnerTextAsync()).ShouldContain("Kepala Bagian Umum");
        await app.ScreenshotAsync(admin, "33-jabatan");

        await admin.GotoAsync("/admin/pegawai");
        await admin.ShouldHaveLabelledInputsAsync();
        await admin.FillAsync("#add-fullName", "Rina Marlina, S.IP.");
        await admin.FillAsync("#add-userName", "kabid.arsip");
        await admin.FillAsync("#add-password", "pendek");
        await admin.SelectOptionAsync("#add-position", new SelectOptionValue { Label = "Kepala Bidang Kearsipan" });
        await admin.ClickAsync("button:has-text('Tambah pegawai')");
        (await admin.Locator("#add-password-error").InnerTextAsync()).ShouldContain("10 karakter");
        await admin.FillAsync("#add-fullName", "Rina Marlina, S.IP.");
        await admin.FillAsync("#add-userName", "kabid.arsip");
        await admin.FillAsync("#add-password", "sandi-awal-2026");
        await admin.SelectOptionAsync("#add-position", new SelectOptionValue { Label = "Kepala Bidang Kearsipan" });
        await admin.ClickAsync("button:has-text('Tambah pegawai')");
        (await admin.Locator("[role=status]").InnerTextAsync()).ShouldContain("ditambahkan");
        // The same user name again: refused at the user name, the other values kept.
        await admin.FillAsync("#add-fullName", "Rina Kembar");
        await admin.FillAsync("#add-userName", "kabid.arsip");
        await admin.FillAsync("#add-nip", "198001012005012001");
        await admin.FillAsync("#add-password", "sandi-lain-2026");
        await admin.SelectOptionAsync("#add-position", new SelectOptionValue { Label = "Kepala Bidang Kearsipan" });
        await admin.ClickAsync("button:has-text('Tambah pegawai')");
        (await admin.Locator("#add-userName-error").InnerTextAsync()).ShouldContain("Nama pengguna kabid.arsip sudah dipakai");
        (await admin.Locator("#add-fullName").InputValueAsync()).ShouldBe("Rina Kembar");
        (await admin.Locator("#add-userName").InputValueAsync()).ShouldBe("kabid.arsip");
        (await admin.Locator("#add-nip").InputValueAsync()).ShouldBe("198001012005012001");
        (await admin.Locator("#add-position option:checked").InnerTextAsync()).ShouldBe("Kepala Bidang Kearsipan");
        (await admin.Locator("table.list").InnerTextAsync()).ShouldNotContain("Rina Kembar");
        async Task AssignActingAsync(string person, string kind, string from, string until)
        {
            await admin.SelectOptionAsync("#acting-person", new SelectOptionValue { Label = person });
            await admin.SelectOptionAsync("#acting-position", new SelectOptionValue { Label = "Kepala Bagian Umum" });
            await admin.SelectOptionAsync("#acting-kind", kind);
            await admin.FillAsync("#acting-from", from);
            await admin.FillAsync("#acting-until", until);
            await admin.ClickAsync("button:has-text('Tetapkan')");
        }
        await AssignActingAsync("Rina Marlina, S.IP. (kabid.arsip)", "Plh", "2026-11-24", "2026-11-20");
        (await admin.Locator("#acting-until-error").InnerTextAsync()).ShouldContain("sebelum tanggal mulai");
        await admin.FillAsync("#acting-until", "2026-11-28");
        await admin.ClickAsync("button:has-text('Tetapkan')");
        (await admin.Locator("table.list tr", new() { HasText = "kabid.arsip" }).InnerTextAsync()).ShouldContain("Plh Kepala Bagian Umum");
        await app.ScreenshotAsync(admin, "34-pegawai-plh");
        // Someone else for the same position on overlapping days: refused at the start date, the choices kept.
        await AssignActingAsync("Dewi Kartika, S.Sos., M.AP. (kabag.or)", "Plt", "2026-11-27", "2026-12-04");
        (await admin.Locator("#acting-from-error").InnerTextAsync()).ShouldContain("Rina Marlina, S.IP. sudah menjadi Plh Kepala Bagian Umum 24-11-2026 s.d. 28-11-2026");
        (await admin.Locator("#acting-person option:checked").InnerTextAsync()).ShouldBe("Dewi Kartika, S.Sos., M.AP. (kabag.or)");
        (await admin.Locator("#acting-kind").InputValueAsync()).ShouldBe("Plt");
        (await admin.Locator("#acting-from").InputValueAsync()).ShouldBe("2026-11-27");
        (await admin.Locator("#acting-until").InputValueAsync()).ShouldBe("2026-12-04");
        (await admin.Locator("table.list tr", new() { HasText = "kabag.or" }).InnerTextAsync()).ShouldNotContain("Kepala Bagian Umum");
        await admin.ShouldHaveLabelledInputsAsync();
        await app.ScreenshotAsync(admin, "34b-pegawai-plt-bentrok");

        // The new person signs in with the new account and acts as Plh.
        var newcomer = await app.NewPageAsync();
        await newcomer.SignInAsync("kabid.arsip", "sandi-awal-2026");
        await newcomer.WaitForPageAsync(new Regex("/$"));
        (await newcomer.Locator("header .who").InnerTextAsync()).ShouldContain("Plh Kepala Bagian Umum");

        // Letterheads.
        await admin.GotoAsync("/admin/kop-surat");
        await admin.ShouldHaveLabelledInputsAsync();
        await admin.FillAsync("#nameLines", "PEMERINTAH KOTA BEKASI\nSEKRETARIAT DAERAH");
        await admin.FillAsync("#email", "setda@bekasikota");
        await admin.ClickAsync("button:has-text('Simpan kop surat')");
        (await admin.Locator("#email-error").InnerTextAsync()).ShouldContain("tidak sah");
        await admin.FillAsync("#email", "setda@bekasikota.go.id");
        await admin.SelectOptionAsync("#paperSize", "F4");
        await admin.ClickAsync("button:has-text('Simpan kop surat')");
        (await admin.Locator("[role=status]").InnerTextAsync()).ShouldContain("versi 1");
        (await admin.Locator("table.list").InnerTextAsync()).ShouldContain("SEKRETARIAT DAERAH");

        // the choices Permendagri 1/2023 leaves to the region (#23): the models' defaults, then the agency's own
        (await admin.Locator("#pageNumbers").InputValueAsync()).ShouldBe("TopCentre");
        (await admin.Locator("#headKop-SuratKeputusan").IsCheckedAsync()).ShouldBeTrue();
        (await admin.Locator("#headKop-SuratEdaran").IsCheckedAsync()).ShouldBeTrue();
        (await admin.Locator("#enacted-SuratKeputusan").IsCheckedAsync()).ShouldBeTrue();
        (await admin.Locator("#enacted-SuratEdaran").IsCheckedAsync()).ShouldBeFalse();
        await admin.SelectOptionAsync("#pageNumbers", "BottomRight");
        await admin.CheckAsync("#numberFirstPage");
        await admin.UncheckAsync("#headKop-SuratEdaran");
        await admin.CheckAsync("#enacted-SuratEdaran");
        await admin.ClickAsync("button:has-text('Simpan kop surat')");
        (await admin.Locator("[role=status]").InnerTextAsync()).ShouldContain("versi 2");
        (await admin.Locator("#pageNumbers").InputValueAsync()).ShouldBe("BottomRight");
        (await admin.Locator("#numberFirstPage").IsCheckedAsync()).ShouldBeTrue();
        (await admin.Locator("#headKop-SuratEdaran").IsCheckedAsync()).ShouldBeFalse();
        (await admin.Locator("#headKop-Instruksi").IsCheckedAsync()).ShouldBeTrue();
        (await admin.Locator("#enacted-SuratEdaran").IsCheckedAsync()).ShouldBeTrue();
        await app.ScreenshotAsync(admin, "35-kop-surat");

        // Nobody else: sent to the 403 page in Indonesian.
        var registrar = await app.NewPageAsync();
        await registrar.SignInAsync("registrar", ArsipApp.DemoPassword);
        await registrar.WaitForPageAsync(new Regex("/$"));
        (await registrar.Locator("header nav").InnerTextAsync()).ShouldNotContain("Administrasi");
        foreach (var path in new[] { "/admin", "/admin/klasifikasi", "/admin/pegawai", "/admin/kop-surat" })
        {
            await registrar.GotoAsync(path);
            registrar.Url.ShouldContain("/galat/403", customMessage: path);
            (await registrar.Locator("h1").InnerTextAsync()).ShouldBe("Tidak berhak");
        }
        await app.ScreenshotAsync(registrar, "36-bukan-admin");
    }

    private async Task RegisterAsync(HttpClient registrar, string number, string sender, string subject)
    {
        var registered = await registrar.PostAsJsonAsync("/api/incoming-letters", new JsonObject
        {
            ["sender"] = sender, ["senderLetterNumber"] = number, ["letterDate"] = "2026-11-20", ["receivedOn"] = "2026-11-23",
            ["subject"] = subject, ["classification"] = "400.7", ["securityLevel"] = "Biasa", ["urgency"] = "Biasa",
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
    }

    /// <summary>What the search box offers once it has waited for the completions of <paramref name="typed"/>.</summary>
    private static async Task<string[]> SuggestionsAsync(IPage page, string typed, string expected)
    {
        await page.Locator("#q").FillAsync("");
        await page.Locator("#q").PressSequentiallyAsync(typed);
        await page.WaitForFunctionAsync("expected => Array.from(document.querySelectorAll('#q-saran option')).some(o => o.label === expected)", expected, new() { Timeout = 15_000 });
        return await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('#q-saran option')).map(o => o.label + ' => ' + o.value)");
    }

    private static async Task ShouldNotScrollSidewaysAsync(IPage page) =>
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(await page.EvaluateAsync<int>("() => window.innerWidth"), page.Url);

    /// <summary>#25's pages: the acronym list refuses a common word, an empty side and a malformed line (each named by its line)
    /// and keeps a good list; the search box completes senders, numbers and codes, finds by the acronym a letter that uses
    /// the expansion, and corrects a misspelling.</summary>
    [Fact]
    public async Task Administrator_keeps_the_acronym_list_and_the_search_box_completes_expands_and_corrects()
    {
        var registrar = await app.SignInAsync("registrar");
        await RegisterAsync(registrar, "400.7/4455/Yys/2026", "Yayasan Pelita Nusantara Abadi", "Permohonan audiensi pengurus yayasan");
        await RegisterAsync(registrar, "400.7/4456/DPU/2026", "Dinas Pekerjaan Umum", "Rapat Zona Kuartet Xenon Bersama tentang gorong-gorong");
        var api = await app.SignInAsync("admin");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var word in new[] { "yayasan", "gorong" })
            while ((await api.GetFromJsonAsync<JsonObject>($"/api/search?q={word}"))!["totalHits"]!.GetValue<int>() < 1 && DateTime.UtcNow < deadline)
                await Task.Delay(200);

        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin", ArsipApp.DemoPassword);
        await admin.WaitForPageAsync(new Regex("/$"));
        await admin.GotoAsync("/admin");
        await admin.ClickAsync("main a[href=\"/admin/singkatan\"]");
        await admin.WaitForPageAsync("**/admin/singkatan");
        await admin.ShouldHaveLabelledInputsAsync();
        (await admin.Locator("[data-testid=vocabulary]").InnerTextAsync()).ShouldContain("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia");

        // a common word as acronym and an empty side: refused whole, each on its line
        await admin.SetInputFilesAsync("#file", Csv("""
            akronim,kepanjangan,sumber
            ZQXB,Zona Kuartet Xenon Bersama,Keputusan Wali Kota 1/2026
            DAN,Dana Alokasi Nasional,uji
            ZZKB,,uji
            """));
        await admin.ClickAsync("main form button[type=submit]");
        var report = admin.Locator("[data-testid=import-errors]");
        (await report.InnerTextAsync()).ShouldContain("tidak ada yang disimpan");
        var rows = await report.Locator("tbody tr").AllInnerTextsAsync();
        rows.Select(r => r.Split('\t')[0].Trim()).Distinct().ShouldBe(["3", "4"]);
        rows.First(r => r.StartsWith('3')).ShouldContain("kata umum");
        (await admin.Locator("[data-testid=vocabulary]").InnerTextAsync()).ShouldNotContain("ZQXB");
        await app.ScreenshotAsync(admin, "37-singkatan-ditolak");

        // a malformed line (a third column where the header has two): its line is named
        await admin.SetInputFilesAsync("#file", Csv("akronim,kepanjangan\nZQXB,Zona Kuartet,Xenon Bersama\n"));
        await admin.ClickAsync("main form button[type=submit]");
        rows = await admin.Locator("[data-testid=import-errors] tbody tr").AllInnerTextsAsync();
        rows.Count.ShouldBe(1);
        rows[0].ShouldStartWith("2");
        rows[0].ShouldContain("row");

        await admin.SetInputFilesAsync("#file", Csv("akronim,kepanjangan,sumber\nZQXB,Zona Kuartet Xenon Bersama,Keputusan Wali Kota 1/2026\n"));
        await admin.ClickAsync("main form button[type=submit]");
        (await admin.Locator("[role=status]").InnerTextAsync()).ShouldContain("Versi 1 tersimpan: 1 singkatan");
        var entry = admin.Locator("[data-testid=vocabulary] tbody tr", new() { HasText = "ZQXB" });
        (await entry.InnerTextAsync()).ShouldContain("Zona Kuartet Xenon Bersama");
        (await entry.InnerTextAsync()).ShouldContain("Daftar instansi");
        (await admin.Locator("main h2", new() { HasText = "Daftar instansi:" }).InnerTextAsync()).ShouldContain("versi 1, 1 singkatan");
        foreach (var (width, height, suffix) in new[] { (1280, 720, "1280"), (390, 844, "390") })
        {
            var view = admin;
            await view.SetViewportSizeAsync(width, height);
            await view.GotoAsync("/admin/singkatan");
            await ShouldNotScrollSidewaysAsync(view);
            // the list's caption spans the list, also when its rows become cards (it was squeezed to a word a line)
            (await view.Locator("[data-testid=vocabulary] caption").EvaluateAsync<double>("c => c.getBoundingClientRect().width / c.closest('table').getBoundingClientRect().width"))
                .ShouldBeGreaterThan(0.9);
            await app.ScreenshotAsync(view, $"38-singkatan-{suffix}");
        }
        await admin.SetViewportSizeAsync(1280, 720);

        // the search box completes a sender, a letter number and a classification code from the letters
        await admin.GotoAsync("/cari");
        (await SuggestionsAsync(admin, "pengirim:yay", "Yayasan Pelita Nusantara Abadi")).ShouldContain("Yayasan Pelita Nusantara Abadi => pengirim:\"Yayasan Pelita Nusantara Abadi\"");
        (await SuggestionsAsync(admin, "400.7/44", "400.7/4455/Yys/2026")).ShouldContain("400.7/4455/Yys/2026 => 400.7/4455/Yys/2026");
        (await SuggestionsAsync(admin, "rapat 400", "400.7")).ShouldContain("400.7 => rapat 400.7");

        // the acronym finds the letter that spells it out
        await admin.Locator("#q").FillAsync("ZQXB");
        await admin.ClickAsync("form[role=search] button[type=submit]");
        await admin.WaitForPageAsync(new Regex(@"/cari\?q=ZQXB"));
        (await admin.Locator("ol.hits a.hit-title").AllInnerTextsAsync()).ShouldBe(["Rapat Zona Kuartet Xenon Bersama tentang gorong-gorong"]);
        (await admin.Locator("[data-testid=also-matched]").InnerTextAsync()).ShouldContain("Zona Kuartet Xenon Bersama");
        await app.ScreenshotAsync(admin, "39-cari-singkatan");

        // a misspelling: "Maksud Anda …?", and following it finds the letter
        foreach (var (width, height, suffix) in new[] { (390, 844, "390"), (1280, 720, "1280") })
        {
            var view = admin;
            await view.SetViewportSizeAsync(width, height);
            await view.GotoAsync("/cari");
            await view.Locator("#q").FillAsync("audiensii pengurus");
            await view.ClickAsync("form[role=search] button[type=submit]");
            var suggestion = view.Locator("[data-testid=did-you-mean]");
            (await suggestion.InnerTextAsync()).ShouldContain("Maksud Anda audiensi pengurus?");
            await ShouldNotScrollSidewaysAsync(view);
            await app.ScreenshotAsync(view, $"40-cari-maksud-anda-{suffix}");
            await suggestion.Locator("a").ClickAsync();
            await view.WaitForPageAsync(new Regex(@"/cari\?q=audiensi%20pengurus$"));
            (await view.Locator("ol.hits a.hit-title").AllInnerTextsAsync()).ShouldBe(["Permohonan audiensi pengurus yayasan"]);
            await ShouldNotScrollSidewaysAsync(view);
            await app.ScreenshotAsync(view, $"41-cari-hasil-{suffix}");
        }
        app.PolicyViolations.ShouldBeEmpty();
    }
}
