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
}
