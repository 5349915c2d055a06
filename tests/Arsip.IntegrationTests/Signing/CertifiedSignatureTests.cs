using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Arsip.Correspondence;
using Arsip.Documents;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Arsip.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.IntegrationTests.Signing;

/// <summary>Certified signatures (TTE, issue 18) with the DEMO certificates in samples/signing, checked by poppler's pdfsig.</summary>
public class CertifiedSignatureTests(ArsipApp app) : ArsipTest(app)
{
    public const string Passphrase = "demo-tte-2026";
    private OrganizationChart _chart = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await StartFromFreshDataAsync();
        _chart = (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
    }

    private Guid PersonId(string userName) => _chart.People.Single(p => p.UserName == userName).Id;
    private Guid Position(string title) => _chart.Positions.Single(p => p.Title == title).Id;

    public static byte[] Demo(string name) => File.ReadAllBytes(Path.Combine(ArsipApp.SamplesFolder, "signing", $"{name}.p12"));

    public static MultipartFormDataContent CertificateForm(byte[] pkcs12, string passphrase)
    {
        var form = new MultipartFormDataContent { { new StringContent(passphrase), UploadSigningCertificateHandler.PassphraseField } };
        var file = new ByteArrayContent(pkcs12);
        file.Headers.ContentType = new("application/x-pkcs12");
        form.Add(file, UploadSigningCertificateHandler.FileField, "sertifikat.p12");
        return form;
    }

    private async Task<HttpResponseMessage> InstallAsync(string user, string forUser, byte[] pkcs12, string passphrase = Passphrase) =>
        await (await As(user)).PostAsync($"/api/people/{PersonId(forUser)}/signing-certificate", CertificateForm(pkcs12, passphrase));

    private async Task<Guid> ApprovedAsync(string kind = "SuratTugas", string subject = "Penugasan Tim Penataan Arsip Inaktif")
    {
        var analis = await As("analis");
        var response = await analis.PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind, classification = "000.5", securityLevel = "Biasa", urgency = "Segera", subject,
            body = "Dengan hormat, bersama ini kami menugaskan tim untuk menata arsip inaktif.\n\nDemikian untuk dilaksanakan.",
            attachments = "-", structure = StructureOf(kind),
            addressees = new[] { new { name = "Kepala Dinas Kesehatan", positionId = Position("Kepala Dinas Kesehatan") } },
            copyTo = Array.Empty<object>(), reviewers = Array.Empty<Guid>(), signatoryPositionId = Position("Sekretaris Daerah"),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await ReadAsync<DraftOutgoingLetterResponse>(response)).Id;
        (await analis.PostAsJsonAsync($"/api/outgoing-letters/{id}/submit", new { })).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>What each kind needs beside its body (Correspondence/LetterStructure.cs).</summary>
    private static object? StructureOf(string kind) => kind switch
    {
        "SuratPerintah" or "SuratTugas" => new
        {
            people = new[] { new { name = "BUDI SANTOSO, S.K.M.", nip = "19840621 201001 1 012", rank = "Penata (III/c)", position = "Analis Kearsipan" } },
            purposes = new[] { "menata arsip inaktif Sekretariat Daerah." },
        },
        "SuratUndangan" => new { @event = new { date = "2026-12-15", time = "09.00 WIB s.d. selesai", place = "Ruang Rapat Wali Kota" } },
        _ => null,
    };

    private async Task<HttpResponseMessage> SignAsync(Guid id, string? passphrase) =>
        await (await As("sekda")).PostAsJsonAsync($"/api/outgoing-letters/{id}/sign", new { passphrase });

    private async Task<OutgoingLetterView> ViewAsync(Guid id) =>
        (await (await As("analis")).GetFromJsonAsync<OutgoingLetterView>($"/api/outgoing-letters/{id}", ArsipApp.Json))!;

    /// <summary>poppler's pdfsig, an implementation independent of ours, trusting nothing but the signature maths.</summary>
    public static string PdfSig(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"arsip-signed-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdfsig", [file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output;
        }
        finally { File.Delete(file); }
    }

    private static void Keep(string name, byte[] pdf)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "documents");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), pdf);
    }

    [Fact]
    public async Task A_letter_signed_with_the_passphrase_carries_a_PAdES_signature_pdfsig_finds_valid_and_verify_confirms()
    {
        (await InstallAsync("sekda", "sekda", Demo("demo-sekda-kota-bekasi"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = await ApprovedAsync();

        var signed = await SignAsync(id, Passphrase);
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        var view = await ViewAsync(id);
        var pdf = await (await As("analis")).GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf");
        Keep("certified-letter.pdf", pdf);

        var report = PdfSig(pdf);
        report.ShouldContain("Signature is Valid", customMessage: report);
        report.ShouldContain("Reny Hendrawaty", customMessage: report);
        report.ShouldContain("ETSI.CAdES.detached", customMessage: report);
        report.ShouldContain("Total document signed", customMessage: report);
        var text = string.Join(" ", UglyToad.PdfPig.PdfDocument.Open(pdf).GetPages().Select(p => p.Text));
        text.ShouldContain("Ditandatangani secara elektronik oleh");
        text.ShouldContain("DEMO Arsip Root CA");

        var verified = await Anonymous.GetFromJsonAsync<VerifiedLetter>($"/api/verify/{view.VerificationCode}", ArsipApp.Json);
        verified!.CertifiedSignatureValid.ShouldBeTrue();
        var signature = verified.Signatures!.Single();
        signature.Signer.ShouldBe("Reny Hendrawaty");
        signature.Trusted.ShouldBeTrue();
        signature.SigningTime.ShouldBe(view.SignedAt);

        // A byte changed after signing: pdfsig and /v/{code} both say so.
        var altered = pdf.ToArray();
        var at = Latin1IndexOf(altered, "/Subject") is var s and > 0 ? s + 2 : altered.Length / 3;
        altered[at] ^= 0x01;
        PdfSig(altered).ShouldNotContain("Signature is Valid");
        var html = await (await Anonymous.GetAsync($"/v/{view.VerificationCode}")).Content.ReadAsStringAsync();
        html.ShouldContain("TANDA TANGAN SAH");
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var checkedCopy = await (await UploadAsync(view.VerificationCode!, altered, token)).Content.ReadAsStringAsync();
        checkedCopy.ShouldContain("TIDAK COCOK");
        checkedCopy.ShouldContain("TANDA TANGAN TIDAK SAH");
        checkedCopy.ShouldContain("berubah setelah ditandatangani");
        var genuine = await (await UploadAsync(view.VerificationCode!, pdf, token)).Content.ReadAsStringAsync();
        genuine.ShouldContain("COCOK — dokumen asli");
        genuine.ShouldNotContain("TIDAK SAH");
    }

    [Fact]
    public async Task An_incoming_letter_whose_scan_is_a_signed_PDF_shows_the_signature_status_on_its_page()
    {
        (await InstallAsync("sekda", "sekda", Demo("demo-sekda-kota-bekasi"))).EnsureSuccessStatusCode();
        var outgoing = await ApprovedAsync(kind: "SuratUndangan");
        (await SignAsync(outgoing, Passphrase)).EnsureSuccessStatusCode();
        var signedPdf = await (await As("analis")).GetByteArrayAsync($"/api/outgoing-letters/{outgoing}/pdf");
        var changed = signedPdf.ToArray();
        changed[changed.Length / 4] ^= 0x01;

        var registrar = await As("registrar");
        var registered = await registrar.PostAsJsonAsync("/api/incoming-letters", new
        {
            sender = "Sekretariat Daerah Kota Bekasi", senderLetterNumber = "TTE/1/2026", letterDate = "2026-11-24", receivedOn = "2026-11-24",
            subject = "Undangan bertanda tangan elektronik", classification = "000.5", securityLevel = "Biasa", urgency = "Segera",
            addresseePositionId = Position("Sekretaris Daerah"),
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var letter = (await ReadAsync<RegisterIncomingLetterResponse>(registered)).Id;
        foreach (var (bytes, name, kind) in new[] { (signedPdf, "asli.pdf", "scan"), (changed, "diubah.pdf", "attachment") })
        {
            using var form = new MultipartFormDataContent { { new StringContent(kind), "kind" } };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new("application/pdf");
            form.Add(file, "files", name);
            var added = await registrar.PostAsync($"/api/incoming-letters/{letter}/attachments", form);
            added.StatusCode.ShouldBe(HttpStatusCode.OK, await added.Content.ReadAsStringAsync());
        }

        var checks = App.Services.GetRequiredService<SignatureChecks>();
        var before = checks.Computed;
        var html = await (await As("sekda")).GetStringAsync($"/surat-masuk/{letter}");
        html.ShouldContain("Tanda tangan elektronik SAH: Reny Hendrawaty");
        html.ShouldContain("Tanda tangan elektronik TIDAK SAH (Reny Hendrawaty)");
        checks.Computed.ShouldBe(before + 2);

        // A second view, by someone else too: the same verdicts from the cache, no file read or checked again.
        foreach (var user in new[] { "sekda", "registrar" })
        {
            var again = await (await As(user)).GetStringAsync($"/surat-masuk/{letter}");
            again.ShouldContain("Tanda tangan elektronik SAH: Reny Hendrawaty");
            again.ShouldContain("Tanda tangan elektronik TIDAK SAH (Reny Hendrawaty)");
        }
        checks.Computed.ShouldBe(before + 2);
    }

    private static int Latin1IndexOf(byte[] bytes, string text) => System.Text.Encoding.Latin1.GetString(bytes).IndexOf(text, StringComparison.Ordinal);

    private async Task<HttpResponseMessage> UploadAsync(string code, byte[] pdf, string token)
    {
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new("application/pdf");
        form.Add(file, VerifyLetterEndpoints.FileField, "surat.pdf");
        return await Anonymous.PostAsync($"/v/{code}", form);
    }

    [Fact]
    public async Task An_ECDSA_P256_certificate_signs_too()
    {
        // The Wali Kota's demo certificate is ECDSA; the Sekda installs it here as her own to sign with it.
        (await InstallAsync("sekda", "sekda", Demo("demo-walikota-kota-bekasi"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = await ApprovedAsync(kind: "SuratKeterangan");
        (await SignAsync(id, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = PdfSig(await (await As("analis")).GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf"));
        report.ShouldContain("Signature is Valid", customMessage: report);
        report.ShouldContain("Tri Adhianto Tjahyono", customMessage: report);
        var installed = await (await As("sekda")).GetFromJsonAsync<SignerCertificate>($"/api/people/{PersonId("sekda")}/signing-certificate", ArsipApp.Json);
        installed!.KeyAlgorithm.ShouldBe("ECDSA P-256");
    }

    [Fact]
    public async Task A_wrong_passphrase_says_so_takes_no_number_and_the_next_signing_gets_number_one()
    {
        (await InstallAsync("sekda", "sekda", Demo("demo-sekda-kota-bekasi"))).EnsureSuccessStatusCode();
        var id = await ApprovedAsync(kind: "BeritaAcara");

        var wrong = await SignAsync(id, "bukan-passphrase");
        wrong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("Passphrase salah");
        (await SignAsync(id, null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var untouched = await ViewAsync(id);
        untouched.Status.ShouldBe(OutgoingStatus.Approved);
        untouched.LetterNumber.ShouldBeNull();

        (await SignAsync(id, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ViewAsync(id)).Sequence.ShouldBe(1);
        var again = await SignAsync(id, Passphrase);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict); // already signed
    }

    [Fact]
    public async Task Unusable_certificates_and_uploads_for_someone_else_are_refused_and_nothing_is_installed()
    {
        (await InstallAsync("sekda", "sekda", "bukan sertifikat"u8.ToArray())).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await InstallAsync("sekda", "sekda", Demo("demo-sekda-kota-bekasi"), "salah")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        foreach (var (file, says) in new[]
                 {
                     ("demo-expired", "kedaluwarsa"), ("demo-not-yet-valid", "belum berlaku"),
                     ("demo-no-signing-usage", "tidak untuk tanda tangan"), ("demo-revoked", "dicabut"),
                 })
        {
            var refused = await InstallAsync("sekda", "sekda", Demo(file));
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, file);
            (await refused.Content.ReadAsStringAsync()).ShouldContain(says, Case.Insensitive, file);
        }
        (await InstallAsync("analis", "sekda", Demo("demo-sekda-kota-bekasi"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("sekda")).GetAsync($"/api/people/{PersonId("sekda")}/signing-certificate")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Still no certificate: a passphrase typed for none is refused before any number is taken.
        var id = await ApprovedAsync(kind: "SuratPerintah");
        (await SignAsync(id, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ViewAsync(id)).LetterNumber.ShouldBeNull();

        // The administrator installs it for her.
        (await InstallAsync("admin", "sekda", Demo("demo-sekda-kota-bekasi"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var installed = await (await As("sekda")).GetFromJsonAsync<SignerCertificate>($"/api/people/{PersonId("sekda")}/signing-certificate", ArsipApp.Json);
        installed!.CommonName.ShouldBe("Reny Hendrawaty");
        installed.KeyAlgorithm.ShouldBe("RSA-2048");
    }

    [Fact]
    public async Task Fifty_concurrent_certified_signings_get_numbers_1_to_50_with_no_gap_and_every_signature_valid()
    {
        (await InstallAsync("sekda", "sekda", Demo("demo-sekda-kota-bekasi"))).EnsureSuccessStatusCode();
        const int count = 50;
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await ApprovedAsync(kind: "SuratEdaran"));
        var sekda = await As("sekda");
        // A few wrong passphrases among them must not take a number either.
        var responses = await Task.WhenAll(ids.Select((id, i) =>
            sekda.PostAsJsonAsync($"/api/outgoing-letters/{id}/sign", new { passphrase = i % 10 == 3 ? "salah" : Passphrase })));
        responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity).ShouldBe(5);
        var signed = ids.Where((_, i) => responses[i].StatusCode == HttpStatusCode.OK).ToList();
        signed.Count.ShouldBe(count - 5);
        var views = await Task.WhenAll(signed.Select(ViewAsync));
        views.Select(v => v.Sequence!.Value).Order().ShouldBe(Enumerable.Range(1, count - 5));
        var pdf = await (await As("analis")).GetByteArrayAsync($"/api/outgoing-letters/{signed[^1]}/pdf");
        PdfSig(pdf).ShouldContain("Signature is Valid");
    }
}
