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
}
