using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.BrowserTests;

/// <summary>
/// Issue 18 in the web app: the Sekretaris Daerah sees the final PDF, returns the letter to its drafter with a note
/// (Kembalikan), then, once resubmitted, signs it by typing her certificate's passphrase (a wrong one is said so at the field);
/// the public /v/{code} page finds the certified signature valid. Screenshots at 1,280 px and 390 px.
/// </summary>
public sealed class CertifiedSignatureJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Returned_with_a_note_then_signed_with_the_passphrase_then_verified_publicly()
    {
        var admin = await app.SignInAsync("admin");
        var chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        Guid Position(string title) => chart.Positions.Single(p => p.Title == title).Id;
        var sekdaId = chart.People.Single(p => p.UserName == "sekda").Id;

        // The Sekda installs her (DEMO) certificate through the API; the passphrase is checked, not kept.
        var sekdaApi = await app.SignInAsync("sekda");
        using (var form = new MultipartFormDataContent { { new StringContent("demo-tte-2026"), "passphrase" } })
        {
            form.Add(new ByteArrayContent(File.ReadAllBytes(Path.Combine(ArsipApp.SamplesFolder, "signing", "demo-sekda-kota-bekasi.p12"))), "certificate", "sekda.p12");
            (await sekdaApi.PostAsync($"/api/people/{sekdaId}/signing-certificate", form)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var analis = await app.SignInAsync("analis");
        var drafted = await analis.PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind = "SuratDinas", classification = "000.5", securityLevel = "Biasa", urgency = "Segera",
            subject = "Undangan rapat penataan arsip inaktif",
            body = "Dengan hormat, kami mengundang Saudara pada rapat penataan arsip inaktif.\n\nAtas perhatian Saudara kami ucapkan terima kasih.",
            attachments = "-", addressees = new[] { new { name = "Kepala Dinas Kesehatan", positionId = Position("Kepala Dinas Kesehatan") } },
            copyTo = Array.Empty<object>(), reviewers = Array.Empty<Guid>(), signatoryPositionId = Position("Sekretaris Daerah"),
        });
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await drafted.Content.ReadFromJsonAsync<DraftOutgoingLetterResponse>(ArsipApp.Json))!.Id;
        (await analis.PostAsJsonAsync($"/api/outgoing-letters/{id}/submit", new { })).EnsureSuccessStatusCode();

        // Kembalikan: the signatory sees the final PDF and returns it with a note.
        var sekda = await app.NewPageAsync();
        await sekda.SignInAsync("sekda", ArsipApp.DemoPassword);
        await sekda.WaitForPageAsync(new Regex("/$"));
        await sekda.GotoAsync($"/surat-keluar/{id}");
        (await sekda.Locator("iframe.pdf-frame").CountAsync()).ShouldBe(1);
        await sekda.FillAsync("#comments", "Mohon cantumkan tempat dan waktu rapat.");
        await app.ScreenshotAsync(sekda, "180-ttd-kembalikan");
        await sekda.ClickAsync("button:has-text('Kembalikan kepada penyusun')");
        (await sekda.Locator("[role=status]").InnerTextAsync()).ShouldContain("dikembalikan");
        (await sekda.Locator("[data-testid=status]").InnerTextAsync()).ShouldBe("Konsep");
        (await analis.GetFromJsonAsync<OutgoingLetterView>($"/api/outgoing-letters/{id}", ArsipApp.Json))!.Status.ShouldBe(OutgoingStatus.Draft);

        (await analis.PostAsJsonAsync($"/api/outgoing-letters/{id}/submit", new { })).EnsureSuccessStatusCode();

        // Signing: a wrong passphrase is said so at the field and nothing changes; the right one signs and numbers.
        await sekda.GotoAsync($"/surat-keluar/{id}");
        await sekda.ShouldHaveLabelledInputsAsync();
        (await sekda.Locator("[data-testid=sign-form]").InnerTextAsync()).ShouldContain("DEMO Arsip Root CA");
        await sekda.FillAsync("#passphrase", "salah-ketik");
        await sekda.ClickAsync("button:has-text('Tandatangani dan beri nomor')");
        (await sekda.Locator("#passphrase-error").InnerTextAsync()).ShouldContain("Passphrase salah");
        (await sekda.Locator("#passphrase").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await sekda.Locator("[data-testid=status]").InnerTextAsync()).ShouldNotBe("Ditandatangani");
        await app.ScreenshotAsync(sekda, "181-ttd-passphrase-salah");
        var narrow = await app.NewPageAsync(390, 844);
        await narrow.SignInAsync("sekda", ArsipApp.DemoPassword);
        await narrow.WaitForPageAsync(new Regex("/$"));
        await narrow.GotoAsync($"/surat-keluar/{id}");
        await app.ScreenshotAsync(narrow, "182-ttd-390px");

        await sekda.FillAsync("#passphrase", "demo-tte-2026");
        await sekda.ClickAsync("button:has-text('Tandatangani dan beri nomor')");
        (await sekda.Locator("[role=status]").InnerTextAsync()).ShouldContain("ditandatangani dengan nomor");
        await app.ScreenshotAsync(sekda, "183-ttd-selesai");

        var view = (await analis.GetFromJsonAsync<OutgoingLetterView>($"/api/outgoing-letters/{id}", ArsipApp.Json))!;
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync($"/v/{view.VerificationCode}");
        (await visitor.Locator("[data-signature=valid]").InnerTextAsync()).ShouldContain("TANDA TANGAN SAH");
        (await visitor.Locator("main").InnerTextAsync()).ShouldContain("Reny Hendrawaty");
        await app.ScreenshotAsync(visitor, "184-verifikasi-ttd");
        var phone = await app.NewPageAsync(390, 844);
        await phone.GotoAsync($"/v/{view.VerificationCode}");
        await app.ScreenshotAsync(phone, "185-verifikasi-ttd-390px");
        app.PolicyViolations.ShouldBeEmpty();
    }

    /// <summary>
    /// The certificate page linked from /profil: a wrong passphrase and a file that is no PKCS#12 are said at their fields, the right
    /// passphrase installs it and the page shows the certificate; the administrator installs one for another person from /admin/pegawai.
    /// </summary>
    [Fact]
    public async Task A_person_installs_their_certificate_on_the_profile_page_and_an_administrator_for_someone_else()
    {
        var p12 = File.ReadAllBytes(Path.Combine(ArsipApp.SamplesFolder, "signing", "demo-sekda-kota-bekasi.p12"));
        FilePayload File12(byte[] bytes, string name = "sekda.p12") => new() { Name = name, MimeType = "application/x-pkcs12", Buffer = bytes };

        var sekda = await app.NewPageAsync();
        await sekda.SignInAsync("sekda", ArsipApp.DemoPassword);
        await sekda.WaitForPageAsync(new Regex("/$"));
        await sekda.GotoAsync("/profil");
        await sekda.ClickAsync("[data-testid=certificate-link]");
        await sekda.WaitForPageAsync(new Regex("/profil/sertifikat$"));
        (await sekda.Locator("[data-testid=no-certificate]").CountAsync()).ShouldBe(1);
        await sekda.ShouldHaveLabelledInputsAsync();

        await sekda.SetInputFilesAsync("#certificate", File12("bukan sertifikat"u8.ToArray(), "catatan.p12"));
        await sekda.FillAsync("#passphrase", "demo-tte-2026");
        await sekda.ClickAsync("button:has-text('Periksa dan pasang')");
        (await sekda.Locator("#certificate-error").InnerTextAsync()).ShouldContain("bukan sertifikat PKCS#12");

        await sekda.SetInputFilesAsync("#certificate", File12(p12));
        await sekda.FillAsync("#passphrase", "salah-ketik");
        await sekda.ClickAsync("button:has-text('Periksa dan pasang')");
        (await sekda.Locator("#passphrase-error").InnerTextAsync()).ShouldContain("Passphrase salah");
        (await sekda.Locator("#passphrase").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await sekda.Locator("[data-testid=no-certificate]").CountAsync()).ShouldBe(1);
        await app.ScreenshotAsync(sekda, "186-sertifikat-passphrase-salah");
        var narrow = await app.NewPageAsync(390, 844);
        await narrow.SignInAsync("sekda", ArsipApp.DemoPassword);
        await narrow.WaitForPageAsync(new Regex("/$"));
        await narrow.GotoAsync("/profil/sertifikat");
        await narrow.SetInputFilesAsync("#certificate", File12(p12));
        await narrow.FillAsync("#passphrase", "salah-ketik");
        await narrow.ClickAsync("button:has-text('Periksa dan pasang')");
        (await narrow.Locator("#passphrase-error").InnerTextAsync()).ShouldContain("Passphrase salah");
        await app.ScreenshotAsync(narrow, "187-sertifikat-passphrase-salah-390px");

        await sekda.SetInputFilesAsync("#certificate", File12(p12));
        await sekda.FillAsync("#passphrase", "demo-tte-2026");
        await sekda.ClickAsync("button:has-text('Periksa dan pasang')");
        (await sekda.Locator("[role=status]").InnerTextAsync()).ShouldContain("dipasang");
        (await sekda.Locator("[data-testid=subject]").InnerTextAsync()).ShouldContain("Reny Hendrawaty");
        (await sekda.Locator("[data-testid=issuer]").InnerTextAsync()).ShouldContain("DEMO Arsip Root CA");
        (await sekda.Locator("[data-testid=key-type]").InnerTextAsync()).ShouldBe("RSA-2048");
        (await sekda.Locator("[data-testid=not-after]").InnerTextAsync()).ShouldContain("2036");
        await app.ScreenshotAsync(sekda, "188-sertifikat-terpasang");
        await narrow.GotoAsync("/profil/sertifikat");
        (await narrow.Locator("[data-testid=subject]").InnerTextAsync()).ShouldContain("Reny Hendrawaty");
        await app.ScreenshotAsync(narrow, "189-sertifikat-terpasang-390px");

        // The administrator, for the Wali Kota (who types the passphrase with them), from the people page.
        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin", ArsipApp.DemoPassword);
        await admin.WaitForPageAsync(new Regex("/$"));
        await admin.GotoAsync("/admin/pegawai");
        await admin.ClickAsync("[data-testid=certificate-walikota]");
        (await admin.Locator("main").InnerTextAsync()).ShouldContain("Tri Adhianto");
        await admin.SetInputFilesAsync("#certificate", File12(File.ReadAllBytes(Path.Combine(ArsipApp.SamplesFolder, "signing", "demo-walikota-kota-bekasi.p12")), "walikota.p12"));
        await admin.FillAsync("#passphrase", "demo-tte-2026");
        await admin.ClickAsync("button:has-text('Periksa dan pasang')");
        (await admin.Locator("[data-testid=key-type]").InnerTextAsync()).ShouldBe("ECDSA P-256");

        // Someone else's certificate page is not another person's to open.
        var analis = await app.SignInAsync("analis");
        var walikota = (await (await app.SignInAsync("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!.People.Single(p => p.UserName == "walikota").Id;
        (await analis.GetAsync($"/profil/sertifikat/{walikota}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        app.PolicyViolations.ShouldBeEmpty();
    }
}
