using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.Pkcs;
using Arsip.Correspondence;
using Arsip.Documents;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Arsip.Pdf.Signing;
using Arsip.Signing;

namespace Arsip.IntegrationTests.Signing;

/// <summary>PAdES baseline B-T (issue 18): with a time-stamping authority configured, the signature carries its RFC 3161 token, checked by OpenSSL.</summary>
[Collection(TimestampingCollection.Name)]
public class TimestampedSignatureTests(TimestampingApp app) : ArsipTest(app)
{
    private OrganizationChart _chart = null!;
    private OpenSslTsa Tsa => app.Tsa;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await StartFromFreshDataAsync();
        Tsa.Mode = OpenSslTsa.Behaviour.Stamp;
        _chart = (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var sekda = _chart.People.Single(p => p.UserName == "sekda").Id;
        (await (await As("sekda")).PostAsync($"/api/people/{sekda}/signing-certificate",
            CertifiedSignatureTests.CertificateForm(CertifiedSignatureTests.Demo("demo-sekda-kota-bekasi"), CertifiedSignatureTests.Passphrase))).EnsureSuccessStatusCode();
    }

    private async Task<Guid> ApprovedAsync()
    {
        var analis = await As("analis");
        var response = await analis.PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind = "SuratEdaran", classification = "000.5", securityLevel = "Biasa", urgency = "Segera", subject = "Penataan Arsip Inaktif Tahun 2026",
            body = "Dengan hormat, dalam rangka penataan arsip inaktif, setiap perangkat daerah diminta menyiapkan daftar arsipnya.\n\nDemikian untuk dilaksanakan.",
            attachments = "-",
            addressees = new[] { new { name = "Kepala Dinas Kesehatan", positionId = _chart.Positions.Single(p => p.Title == "Kepala Dinas Kesehatan").Id } },
            copyTo = Array.Empty<object>(), reviewers = Array.Empty<Guid>(), signatoryPositionId = _chart.Positions.Single(p => p.Title == "Sekretaris Daerah").Id,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await ReadAsync<DraftOutgoingLetterResponse>(response)).Id;
        (await analis.PostAsJsonAsync($"/api/outgoing-letters/{id}/submit", new { })).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<HttpResponseMessage> SignAsync(Guid id) =>
        await (await As("sekda")).PostAsJsonAsync($"/api/outgoing-letters/{id}/sign", new { passphrase = CertifiedSignatureTests.Passphrase });

    private async Task<OutgoingLetterView> ViewAsync(Guid id) =>
        (await (await As("analis")).GetFromJsonAsync<OutgoingLetterView>($"/api/outgoing-letters/{id}", ArsipApp.Json))!;

    [Fact]
    public async Task The_signature_carries_a_time_stamp_token_OpenSSL_verifies_over_the_signature_value_and_verification_shows_its_time()
    {
        var id = await ApprovedAsync();
        var signed = await SignAsync(id);
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        var view = await ViewAsync(id);
        var pdf = await (await As("analis")).GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf");

        var report = CertifiedSignatureTests.PdfSig(pdf);
        report.ShouldContain("Signature is Valid", customMessage: report);
        report.ShouldContain("Total document signed", customMessage: report);

        // The token, taken out of the PDF's CMS, verified by OpenSSL over the signature value against the DEMO CA.
        var cms = new SignedCms();
        cms.Decode(PdfSignatures.Read(pdf).ShouldHaveSingleItem().Cms);
        var signer = cms.SignerInfos.Cast<SignerInfo>().ShouldHaveSingleItem();
        var attribute = signer.UnsignedAttributes.Cast<System.Security.Cryptography.CryptographicAttributeObject>()
            .Where(a => a.Oid.Value == "1.2.840.113549.1.9.16.2.14").ShouldHaveSingleItem();
        var folder = Directory.CreateTempSubdirectory("arsip-tst-").FullName;
        try
        {
            var (token, data) = (Path.Combine(folder, "token.der"), Path.Combine(folder, "signature-value.bin"));
            File.WriteAllBytes(token, attribute.Values[0].RawData);
            File.WriteAllBytes(data, signer.GetSignature());
            var verified = OpenSslTsa.OpenSsl("ts", "-verify", "-in", token, "-token_in", "-data", data,
                "-CAfile", Path.Combine(ArsipApp.SamplesFolder, "signing", "demo-ca.pem"));
            verified.Output.ShouldContain("Verification: OK", customMessage: verified.Output);
            // The same token over other bytes: OpenSSL refuses, so the check above was about this signature value.
            File.WriteAllBytes(data, [.. signer.GetSignature().Reverse()]);
            OpenSslTsa.OpenSsl("ts", "-verify", "-in", token, "-token_in", "-data", data,
                "-CAfile", Path.Combine(ArsipApp.SamplesFolder, "signing", "demo-ca.pem")).Output.ShouldNotContain("Verification: OK");
        }
        finally { Directory.Delete(folder, recursive: true); }

        var api = (await Anonymous.GetFromJsonAsync<VerifiedLetter>($"/api/verify/{view.VerificationCode}", ArsipApp.Json))!;
        api.CertifiedSignatureValid.ShouldBeTrue();
        var check = api.Signatures!.Single();
        check.TimestampValid.ShouldBe(true);
        check.TimestampAuthority.ShouldBe("DEMO Arsip TSA (BUKAN UNTUK PRODUKSI)");
        check.TimestampTime.ShouldNotBeNull();
        var html = await (await Anonymous.GetAsync($"/v/{view.VerificationCode}")).Content.ReadAsStringAsync();
        html.ShouldContain("Waktu dari TSA");
        html.ShouldContain("WIB — DEMO Arsip TSA (BUKAN UNTUK PRODUKSI)");
    }

    [Fact]
    public async Task A_TSA_that_is_down_or_answers_garbage_fails_the_signing_with_503_and_gives_the_number_back()
    {
        var id = await ApprovedAsync();
        foreach (var (mode, says) in new[] { (OpenSslTsa.Behaviour.Down, "tidak dapat dihubungi"), (OpenSslTsa.Behaviour.Garbage, "bukan stempel waktu yang sah") })
        {
            Tsa.Mode = mode;
            var refused = await SignAsync(id);
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, mode.ToString());
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = await refused.Content.ReadAsStringAsync();
            problem.ShouldContain(says, customMessage: problem);
            var untouched = await ViewAsync(id);
            untouched.Status.ShouldBe(OutgoingStatus.Approved);
            untouched.LetterNumber.ShouldBeNull();
        }

        Tsa.Mode = OpenSslTsa.Behaviour.Stamp;
        (await SignAsync(id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ViewAsync(id)).Sequence.ShouldBe(1);
    }
}
