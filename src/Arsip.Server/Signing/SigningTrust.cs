using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Arsip.Pdf.Signing;

namespace Arsip.Signing;

/// <summary>
/// The agency's trust roots and revocation lists (<c>Arsip:Signing:TrustRoots</c>, <c>Arsip:Signing:Crls</c>: file paths, PEM or DER,
/// separated by ';'). Without them and with <c>Arsip:SampleData</c> set (ops/run), the DEMO CA in samples/signing.
/// </summary>
public sealed class SigningTrust
{
    public const string TrustRootsSetting = "Arsip:Signing:TrustRoots";
    public const string CrlsSetting = "Arsip:Signing:Crls";

    private readonly List<byte[]> _crls;

    public X509Certificate2Collection Roots { get; }

    public SigningTrust(IEnumerable<X509Certificate2> roots, IEnumerable<byte[]> crls)
    {
        Roots = [.. roots];
        _crls = [.. crls];
    }

    public static SigningTrust From(IConfiguration configuration)
    {
        var roots = Files(configuration[TrustRootsSetting]);
        var crls = Files(configuration[CrlsSetting]);
        if (roots.Count == 0 && configuration["Arsip:SampleData"] is { Length: > 0 } samples && File.Exists(Path.Combine(samples, "signing", "demo-ca.pem")))
            (roots, crls) = ([Path.Combine(samples, "signing", "demo-ca.pem")], [Path.Combine(samples, "signing", "demo-ca.crl")]);
        return new SigningTrust(roots.Select(LoadCertificate), crls.Where(File.Exists).Select(File.ReadAllBytes));
    }

    private static List<string> Files(string? setting) =>
        [.. (setting ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static X509Certificate2 LoadCertificate(string path) =>
        File.ReadAllText(path).Contains("-----BEGIN", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(File.ReadAllText(path))
            : X509CertificateLoader.LoadCertificateFromFile(path);

    /// <summary>Whether a configured revocation list of the certificate's issuer names its serial number.</summary>
    public bool IsRevoked(X509Certificate2 certificate)
    {
        foreach (var crl in _crls)
        {
            var builder = CertificateRevocationListBuilder.Load(crl, out _);
            if (IssuerOf(crl) == certificate.IssuerName.Name && builder.RemoveEntry(certificate.SerialNumberBytes.Span)) return true;
        }
        return false;
    }

    private static string IssuerOf(byte[] crl)
    {
        // CertificateList ::= SEQUENCE { tbsCertList SEQUENCE { version?, signature, issuer Name, ... } ... }
        var reader = new System.Formats.Asn1.AsnReader(crl, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence().ReadSequence();
        if (reader.PeekTag().TagValue == (int)System.Formats.Asn1.UniversalTagNumber.Integer) reader.ReadInteger();
        reader.ReadSequence();
        return new X500DistinguishedName(reader.ReadEncodedValue().Span).Name;
    }

    /// <summary>The chain from the certificate up to one of the agency's roots at a given time, or why there is none.</summary>
    public string? ChainProblem(X509Certificate2 certificate, IEnumerable<X509Certificate2> intermediates, DateTimeOffset at)
    {
        if (Roots.Count == 0) return "Belum ada sertifikat induk tepercaya yang dipasang (no trust roots configured).";
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Roots);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (chain.Build(certificate)) return IsRevoked(certificate) ? "Sertifikat telah dicabut (certificate revoked)." : null;
        return "Rantai sertifikat tidak sampai ke sertifikat induk tepercaya instansi (" +
               string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct()) + ")";
    }

    /// <summary>Why this certificate cannot sign now, or null: key usage, validity, revocation, chain.</summary>
    public ProblemDetails? Refusal(X509Certificate2 certificate, IEnumerable<X509Certificate2> chain, DateTimeOffset now)
    {
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault()?.KeyUsages ?? X509KeyUsageFlags.None;
        if ((usage & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
            return Unprocessable("Sertifikat ini tidak untuk tanda tangan (certificate has no digitalSignature or nonRepudiation key usage).");
        if (now < certificate.NotBefore.ToUniversalTime())
            return Unprocessable($"Sertifikat belum berlaku sampai {certificate.NotBefore:yyyy-MM-dd} (certificate not yet valid).");
        if (now > certificate.NotAfter.ToUniversalTime())
            return Unprocessable($"Sertifikat sudah kedaluwarsa sejak {certificate.NotAfter:yyyy-MM-dd} (certificate expired).");
        if (IsRevoked(certificate)) return Unprocessable("Sertifikat telah dicabut oleh penerbitnya (certificate revoked).");
        return ChainProblem(certificate, chain, now) is { } problem ? Unprocessable(problem) : null;
    }

    public static ProblemDetails Unprocessable(string detail) => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "Tanda tangan elektronik ditolak (signature refused)",
        Detail = detail,
    };

    /// <summary>Every embedded signature checked: unchanged since signing, who, when, and the chain to the agency's roots.</summary>
    public IReadOnlyList<SignatureCheck> Check(byte[] pdf) =>
        [.. PdfSignatures.Read(pdf).Select(signature => Check(pdf, signature))];

    private SignatureCheck Check(byte[] pdf, EmbeddedPdfSignature signature)
    {
        var cms = new SignedCms(new ContentInfo(PdfSignatures.CoveredBytes(pdf, signature)), detached: true);
        try { cms.Decode(signature.Cms); }
        catch (CryptographicException) { return SignatureCheck.Broken(signature, "Tanda tangan tidak dapat dibaca (unreadable signature)."); }
        if (cms.SignerInfos.Count != 1 || cms.SignerInfos[0].Certificate is not { } signer)
            return SignatureCheck.Broken(signature, "Tanda tangan tanpa sertifikat penandatangan (no signer certificate).");
        bool intact;
        try { cms.CheckSignature(verifySignatureOnly: true); intact = true; }
        catch (CryptographicException) { intact = false; }
        var at = signature.ClaimedSigningTime ?? DateTimeOffset.UtcNow;
        var chainProblem = ChainProblem(signer, cms.Certificates.Cast<X509Certificate2>(), at);
        return new SignatureCheck(intact, intact && signature.CoversWholeFile, chainProblem is null, chainProblem,
            signer.GetNameInfo(X509NameType.SimpleName, false), signer.Subject, signer.GetNameInfo(X509NameType.SimpleName, true), signer.Issuer,
            signature.ClaimedSigningTime, signature.SubFilter, signature.Reason,
            !intact ? "Isi dokumen berubah setelah ditandatangani (document changed after signing)."
            : !signature.CoversWholeFile ? "Ada perubahan yang ditambahkan setelah tanda tangan (changes appended after signing)."
            : chainProblem);
    }
}

/// <summary>One embedded signature's verdict: Valid when intact, covering the whole file and chained to a trust root.</summary>
public sealed record SignatureCheck(
    bool Intact, bool CoversWholeDocument, bool Trusted, string? ChainProblem, string? Signer, string? SignerSubject, string? Issuer, string? IssuerSubject,
    DateTimeOffset? SigningTime, string? SubFilter, string? Reason, string? Problem)
{
    public bool Valid => Intact && CoversWholeDocument && Trusted;

    public static SignatureCheck Broken(EmbeddedPdfSignature signature, string problem) =>
        new(false, false, false, null, null, null, null, null, signature.ClaimedSigningTime, signature.SubFilter, signature.Reason, problem);
}
