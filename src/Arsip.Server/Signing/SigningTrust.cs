using System.Formats.Asn1;
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

    private readonly List<RevocationList> _crls;
    private readonly Func<DateTimeOffset> _now;

    public X509Certificate2Collection Roots { get; }

    /// <summary>Now decides whether a revocation list is still current (its nextUpdate); the agency's clock in the app.</summary>
    public SigningTrust(IEnumerable<X509Certificate2> roots, IEnumerable<byte[]> crls, Func<DateTimeOffset>? now = null)
    {
        Roots = [.. roots];
        _crls = [.. crls.Select(RevocationList.Parse).OfType<RevocationList>()];
        _now = now ?? (() => DateTimeOffset.UtcNow);
    }

    public static SigningTrust From(IConfiguration configuration, Func<DateTimeOffset>? now = null)
    {
        var roots = Files(configuration[TrustRootsSetting]);
        var crls = Files(configuration[CrlsSetting]);
        if (roots.Count == 0 && configuration["Arsip:SampleData"] is { Length: > 0 } samples && File.Exists(Path.Combine(samples, "signing", "demo-ca.pem")))
            (roots, crls) = ([Path.Combine(samples, "signing", "demo-ca.pem")], [Path.Combine(samples, "signing", "demo-ca.crl")]);
        return new SigningTrust(roots.Select(LoadCertificate), crls.Where(File.Exists).Select(ReadCrl), now);
    }

    private static List<string> Files(string? setting) =>
        [.. (setting ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static X509Certificate2 LoadCertificate(string path) =>
        File.ReadAllText(path).Contains("-----BEGIN", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(File.ReadAllText(path))
            : X509CertificateLoader.LoadCertificateFromFile(path);

    private static byte[] ReadCrl(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return PemEncoding.TryFind(System.Text.Encoding.ASCII.GetString(bytes), out var pem) && System.Text.Encoding.ASCII.GetString(bytes)[pem.Label] == "X509 CRL"
            ? Convert.FromBase64String(System.Text.Encoding.ASCII.GetString(bytes)[pem.Base64Data])
            : bytes;
    }

    /// <summary>The chain from the certificate up to one of the agency's roots at a given time, or why there is none.</summary>
    public string? ChainProblem(X509Certificate2 certificate, IEnumerable<X509Certificate2> intermediates, DateTimeOffset at) =>
        ChainProblem(certificate, intermediates, at, usage: null, proven: null, out _);

    /// <summary>A time-stamping authority's certificate: chained to the agency's roots at the stamp's time, with the timeStamping extended key usage.</summary>
    public string? TimestampChainProblem(X509Certificate2 authority, IEnumerable<X509Certificate2> intermediates, DateTimeOffset at) =>
        authority.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { Critical: true } usage
        || usage.EnhancedKeyUsages.Cast<Oid>().All(o => o.Value != TimestampAuthority.TimeStampingUsageOid)
            ? "Sertifikat TSA tanpa penggunaan kunci timeStamping yang kritis (TSA certificate without a critical timeStamping extended key usage)."
            : ChainProblem(authority, intermediates, at, new Oid(TimestampAuthority.TimeStampingUsageOid), proven: at, out _);

    /// <summary>
    /// The chain at <paramref name="at"/>, then each certificate's revocation by its issuer's list. <paramref name="proven"/>: a time the
    /// signature provably existed (a valid time-stamp); a revocation after it leaves the signature standing, and a list issued after it is
    /// recent enough. Unknown: no current list signed by the issuer says anything about the certificate.
    /// </summary>
    private string? ChainProblem(X509Certificate2 certificate, IEnumerable<X509Certificate2> intermediates, DateTimeOffset at, Oid? usage,
        DateTimeOffset? proven, out bool unknown)
    {
        unknown = false;
        if (Roots.Count == 0) return "Belum ada sertifikat induk tepercaya yang dipasang (no trust roots configured).";
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Roots);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (usage is not null) chain.ChainPolicy.ApplicationPolicy.Add(usage);
        if (!chain.Build(certificate))
            return "Rantai sertifikat tidak sampai ke sertifikat induk tepercaya instansi (" +
                   string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct()) + ")";
        for (var i = 0; i + 1 < chain.ChainElements.Count; i++)
        {
            var (subject, issuer) = (chain.ChainElements[i].Certificate, chain.ChainElements[i + 1].Certificate);
            var whose = i == 0 ? "Sertifikat" : $"Sertifikat penerbit {issuer.GetNameInfo(X509NameType.SimpleName, false)}";
            switch (Revocation(subject, issuer, proven))
            {
                case { Revoked: { } since }:
                    return $"{whose} telah dicabut oleh penerbitnya sejak {since.UtcDateTime:yyyy-MM-dd} (certificate revoked).";
                case { Unknown: { } why }:
                    unknown = true;
                    return $"Status pencabutan sertifikat tidak dapat diperiksa: {why} (revocation status unknown).";
            }
        }
        return null;
    }

    private sealed record RevocationStatus(DateTimeOffset? Revoked, string? Unknown);

    /// <summary>
    /// What the issuer's own lists say. A list not signed by the issuer's key is no evidence at all (anyone can write a CRL with its
    /// name). A revocation in any genuine list counts, however old the list (revocation is final). "Not listed" counts only from a list
    /// that is current (thisUpdate ≤ now ≤ nextUpdate) or issued after the proven signing time: as ETSI EN 319 102-1 and Adobe do,
    /// a stale list makes the status unknown rather than good. No list configured for the issuer: not checked, as before CRLs were set.
    /// </summary>
    private RevocationStatus? Revocation(X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset? proven)
    {
        var named = _crls.Where(c => c.Issuer.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData)).ToList();
        if (named.Count == 0) return null;
        var genuine = named.Where(c => c.SignedBy(issuer)).ToList();
        if (genuine.Count == 0) return new(null, "daftar pencabutan (CRL) penerbit tidak ditandatangani oleh kunci penerbit (the CRL is not signed by the issuer)");
        var serial = Convert.ToHexString(certificate.SerialNumberBytes.Span);
        var revoked = genuine.Select(c => c.Revoked.TryGetValue(serial, out var at) ? at : (DateTimeOffset?)null).Where(a => a is not null).Min();
        if (revoked is { } since && !(proven is { } signedAt && since > signedAt)) return new(since, null);
        var now = _now();
        if (genuine.Any(c => c.ThisUpdate <= now && (c.NextUpdate is null || now <= c.NextUpdate) || proven is { } t && c.ThisUpdate >= t)) return null;
        var latest = genuine.MaxBy(c => c.ThisUpdate)!;
        return latest.ThisUpdate > now
            ? new(null, $"daftar pencabutan (CRL) baru berlaku sejak {latest.ThisUpdate.UtcDateTime:yyyy-MM-dd} (the CRL is not yet valid)")
            : new(null, $"daftar pencabutan (CRL) kedaluwarsa sejak {latest.NextUpdate!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC (the CRL has expired)");
    }

    /// <summary>Why this certificate cannot sign now, or null: key usage, validity, chain, revocation (a stale or forged list refuses too).</summary>
    public ProblemDetails? Refusal(X509Certificate2 certificate, IEnumerable<X509Certificate2> chain, DateTimeOffset now)
    {
        var usage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault()?.KeyUsages ?? X509KeyUsageFlags.None;
        if ((usage & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
            return Unprocessable("Sertifikat ini tidak untuk tanda tangan (certificate has no digitalSignature or nonRepudiation key usage).");
        if (now < certificate.NotBefore.ToUniversalTime())
            return Unprocessable($"Sertifikat belum berlaku sampai {certificate.NotBefore:yyyy-MM-dd} (certificate not yet valid).");
        if (now > certificate.NotAfter.ToUniversalTime())
            return Unprocessable($"Sertifikat sudah kedaluwarsa sejak {certificate.NotAfter:yyyy-MM-dd} (certificate expired).");
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
        // B-T: the authority's time is proven, the dictionary's /M only claimed; the chain is judged at the proven time when there is one.
        var stamp = intact ? TimestampAuthority.Check(cms.SignerInfos[0], this) : null;
        var at = stamp is { Problem: null, Time: { } proven } ? proven : signature.ClaimedSigningTime ?? DateTimeOffset.UtcNow;
        var chainProblem = ChainProblem(signer, cms.Certificates.Cast<X509Certificate2>(), at, usage: null,
            stamp is { Problem: null } ? stamp.Time : null, out var revocationUnknown);
        return new SignatureCheck(intact, intact && signature.CoversWholeFile, chainProblem is null, chainProblem,
            signer.GetNameInfo(X509NameType.SimpleName, false), signer.Subject, signer.GetNameInfo(X509NameType.SimpleName, true), signer.Issuer,
            signature.ClaimedSigningTime, signature.SubFilter, signature.Reason,
            !intact ? "Isi dokumen berubah setelah ditandatangani (document changed after signing)."
            : !signature.CoversWholeFile ? "Ada perubahan yang ditambahkan setelah tanda tangan (changes appended after signing)."
            : stamp?.Problem ?? chainProblem,
            stamp?.Time, stamp?.Authority, stamp is null ? null : stamp.Problem is null, revocationUnknown);
    }
}

/// <summary>One embedded signature's verdict: Valid when intact, covering the whole file and chained to a trust root.</summary>
public sealed record SignatureCheck(
    bool Intact, bool CoversWholeDocument, bool Trusted, string? ChainProblem, string? Signer, string? SignerSubject, string? Issuer, string? IssuerSubject,
    DateTimeOffset? SigningTime, string? SubFilter, string? Reason, string? Problem,
    DateTimeOffset? TimestampTime = null, string? TimestampAuthority = null, bool? TimestampValid = null, bool RevocationUnknown = false)
{
    /// <summary>Neither valid nor shown to be forged: intact, but whether the certificate was revoked cannot be checked (a stale or forged CRL).</summary>
    public bool Indeterminate => !Valid && Intact && CoversWholeDocument && TimestampValid != false && RevocationUnknown;

    /// <summary>A time-stamp that is present must hold too (B-T; TimestampValid null: none, B-B).</summary>
    public bool Valid => Intact && CoversWholeDocument && Trusted && TimestampValid != false;

    public static SignatureCheck Broken(EmbeddedPdfSignature signature, string problem) =>
        new(false, false, false, null, null, null, null, null, signature.ClaimedSigningTime, signature.SubFilter, signature.Reason, problem);
}

/// <summary>A certificate revocation list (RFC 5280 §5) as read: who issued it, when, until when, whom it revokes, and its signature to check.</summary>
internal sealed record RevocationList(X500DistinguishedName Issuer, byte[] Signed, string Algorithm, byte[] Signature,
    DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate, Dictionary<string, DateTimeOffset> Revoked)
{
    /// <summary>Null for bytes that are not a CRL: such a file says nothing.</summary>
    public static RevocationList? Parse(byte[] der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var signed = outer.PeekEncodedValue().ToArray();
            var tbs = outer.ReadSequence();
            var algorithm = outer.ReadSequence().ReadObjectIdentifier();
            var signature = outer.ReadBitString(out _);
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer)) tbs.ReadInteger();
            tbs.ReadSequence();
            var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().Span);
            var thisUpdate = Time(tbs);
            DateTimeOffset? nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? Time(tbs) : null;
            var revoked = new Dictionary<string, DateTimeOffset>();
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbs.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    var serial = Convert.ToHexString(entry.ReadIntegerBytes().Span);
                    revoked.TryAdd(serial, Time(entry));
                }
            }
            return new RevocationList(issuer, signed, algorithm, signature, thisUpdate, nextUpdate, revoked);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException) { return null; }
    }

    private static bool IsTime(Asn1Tag tag) => tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset Time(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    /// <summary>Signed by this issuer's key (RSA PKCS#1 or ECDSA with SHA-2), and the issuer may sign CRLs.</summary>
    public bool SignedBy(X509Certificate2 issuer)
    {
        if (issuer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage && (usage.KeyUsages & X509KeyUsageFlags.CrlSign) == 0) return false;
        HashAlgorithmName? hash = Algorithm switch
        {
            "1.2.840.113549.1.1.11" or "1.2.840.10045.4.3.2" => HashAlgorithmName.SHA256,
            "1.2.840.113549.1.1.12" or "1.2.840.10045.4.3.3" => HashAlgorithmName.SHA384,
            "1.2.840.113549.1.1.13" or "1.2.840.10045.4.3.4" => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (hash is not { } h) return false;
        try
        {
            if (Algorithm.StartsWith("1.2.840.113549.", StringComparison.Ordinal))
            {
                using var rsa = issuer.GetRSAPublicKey();
                return rsa is not null && rsa.VerifyData(Signed, Signature, h, RSASignaturePadding.Pkcs1);
            }
            using var ecdsa = issuer.GetECDsaPublicKey();
            return ecdsa is not null && ecdsa.VerifyData(Signed, Signature, h, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException) { return false; }
    }
}
