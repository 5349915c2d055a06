using System.Security.Cryptography.X509Certificates;
using Arsip.Signing;

namespace Arsip.Tests.Signing;

/// <summary>
/// Revocation lists that mean something (issue 18): a CRL counts only when its issuer's key signed it, and says "not revoked" only while
/// it is current; a forged or stale one leaves the status unknown, which refuses signing and makes verification indeterminate.
/// </summary>
public class RevocationListTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private static string File_(string name) => Path.Combine(PdfSignaturesTests.SamplesSigning(), name);

    private static SigningTrust Trust(params string[] crls) => new(
        [X509Certificate2.CreateFromPem(File.ReadAllText(File_("demo-ca.pem")))], crls.Select(c => File.ReadAllBytes(File_(c))), () => Now);

    private static Microsoft.AspNetCore.Mvc.ProblemDetails? Refusal(SigningTrust trust, string p12)
    {
        using var opened = Pkcs12Files.Open(File.ReadAllBytes(File_($"{p12}.p12")), "demo-tte-2026");
        return trust.Refusal(opened.Signer, opened.All, Now);
    }

    [Fact]
    public void A_forged_CRL_in_the_CAs_name_revokes_nobody_and_alone_leaves_the_status_unknown()
    {
        // The forged list "revokes" the Sekda's certificate, signed by another key under the DEMO CA's name.
        var forgedOnly = Trust("demo-forged.crl");
        var refused = Refusal(forgedOnly, "demo-sekda-kota-bekasi").ShouldNotBeNull();
        refused.Detail!.ShouldNotContain("dicabut");
        refused.Detail!.ShouldContain("tidak dapat diperiksa");
        refused.Detail!.ShouldContain("tidak ditandatangani oleh kunci penerbit");

        var both = Trust("demo-forged.crl", "demo-ca.crl");
        Refusal(both, "demo-sekda-kota-bekasi").ShouldBeNull();
        Refusal(both, "demo-revoked").ShouldNotBeNull().Detail!.ShouldContain("dicabut");
        var check = both.Check(PdfSignaturesTests.Signed()).ShouldHaveSingleItem();
        check.Valid.ShouldBeTrue(check.Problem);
    }

    [Fact]
    public void An_expired_CRL_refuses_signing_and_makes_verification_indeterminate_but_still_proves_a_revocation()
    {
        var stale = Trust("demo-ca-expired.crl");
        var refused = Refusal(stale, "demo-sekda-kota-bekasi").ShouldNotBeNull();
        refused.Status.ShouldBe(422);
        refused.Detail!.ShouldContain("kedaluwarsa sejak 2025-12-31");
        refused.Detail!.ShouldContain("tidak dapat diperiksa");
        Refusal(stale, "demo-revoked").ShouldNotBeNull().Detail!.ShouldContain("dicabut");

        var check = stale.Check(PdfSignaturesTests.Signed()).ShouldHaveSingleItem();
        check.Valid.ShouldBeFalse();
        check.Intact.ShouldBeTrue();
        check.Indeterminate.ShouldBeTrue();
        check.Problem.ShouldNotBeNull().ShouldContain("tidak dapat diperiksa");

        Trust("demo-ca.crl").Check(PdfSignaturesTests.Signed()).ShouldHaveSingleItem().Indeterminate.ShouldBeFalse();
    }

    [Fact]
    public void Bytes_that_are_no_CRL_say_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("arsip-crl-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "x.crl"), "bukan CRL");
            var trust = new SigningTrust([X509Certificate2.CreateFromPem(File.ReadAllText(File_("demo-ca.pem")))], [File.ReadAllBytes(Path.Combine(folder, "x.crl"))], () => Now);
            Refusal(trust, "demo-sekda-kota-bekasi").ShouldBeNull();
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
