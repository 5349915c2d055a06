using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Arsip.Pdf.Signing;

namespace Arsip.Signing;

/// <summary>A person's PKCS#12 as uploaded (still sealed by its passphrase, which Arsip never keeps) and what it says about itself.</summary>
public sealed class SigningKey
{
    /// <summary>The person's id: one signing certificate a person.</summary>
    public Guid Id { get; set; }
    public byte[] Pkcs12 { get; set; } = [];
    public SignerCertificate Certificate { get; set; } = null!;
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>Opens a PKCS#12 with its passphrase: a readable refusal for anything else.</summary>
public static class Pkcs12Files
{
    public sealed record Opened(X509Certificate2 Signer, X509Certificate2Collection All) : IDisposable
    {
        public void Dispose()
        {
            foreach (var certificate in All) certificate.Dispose();
        }
    }

    public static ProblemDetails NotPkcs12() => new()
    {
        Status = StatusCodes.Status415UnsupportedMediaType,
        Title = "Bukan berkas PKCS#12 (not a PKCS#12 file)",
        Detail = "Berkas bukan sertifikat PKCS#12 (.p12/.pfx) (the file is not a PKCS#12 certificate).",
    };

    /// <summary>At the passphrase field, so the form shows it there.</summary>
    public static ProblemDetails WrongPassphrase() => new ValidationProblemDetails(
        new Dictionary<string, string[]> { ["passphrase"] = ["Passphrase salah; tidak ada yang berubah (wrong passphrase; nothing changed)."] })
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "Tanda tangan elektronik ditolak (signature refused)",
        Detail = "Passphrase salah; tidak ada yang berubah (wrong passphrase; nothing changed).",
    };

    /// <summary>Throws <see cref="SigningRefusedException"/>: not a PKCS#12 (415), wrong passphrase or no private key (422).</summary>
    public static Opened Open(byte[] pkcs12, string? passphrase)
    {
        if (string.IsNullOrEmpty(passphrase))
            throw new SigningRefusedException(Problems.BadRequest("passphrase", "Passphrase wajib diisi (passphrase required)."));
        Pkcs12Info info;
        try { info = Pkcs12Info.Decode(pkcs12, out var consumed); if (consumed != pkcs12.Length) throw new CryptographicException(); }
        catch (CryptographicException) { throw new SigningRefusedException(NotPkcs12()); }
        if (info.IntegrityMode == Pkcs12IntegrityMode.Password && !info.VerifyMac(passphrase)) throw new SigningRefusedException(WrongPassphrase());
        X509Certificate2Collection all;
        try { all = X509CertificateLoader.LoadPkcs12Collection(pkcs12, passphrase, X509KeyStorageFlags.EphemeralKeySet); }
        catch (CryptographicException) { throw new SigningRefusedException(WrongPassphrase()); }
        var signer = all.FirstOrDefault(c => c.HasPrivateKey);
        if (signer is null)
        {
            foreach (var c in all) c.Dispose();
            throw new SigningRefusedException(SigningTrust.Unprocessable("Berkas PKCS#12 tidak memuat kunci privat (no private key in the file)."));
        }
        return new Opened(signer, all);
    }

    public static SignerCertificate Describe(X509Certificate2 certificate) => new(
        certificate.Subject, certificate.GetNameInfo(X509NameType.SimpleName, false), certificate.Issuer, certificate.GetNameInfo(X509NameType.SimpleName, true),
        certificate.SerialNumber, certificate.Thumbprint, new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), certificate.GetKeyAlgorithm() switch
        {
            "1.2.840.113549.1.1.1" => $"RSA-{certificate.GetRSAPublicKey()?.KeySize}",
            "1.2.840.10045.2.1" => $"ECDSA P-{certificate.GetECDsaPublicKey()?.KeySize}",
            var other => other,
        });
}

/// <summary>Signs with the person's uploaded PKCS#12, opened for one letter with the passphrase typed at signing.</summary>
public sealed class LocalPkcs12Signer(SigningTrust trust, TimestampAuthority timestamps) : ILetterSigner
{
    public async Task<IUnlockedSigner?> UnlockAsync(IQuerySession session, Guid personId, string? passphrase, DateTimeOffset now, CancellationToken ct)
    {
        if (await session.LoadAsync<SigningKey>(personId, ct) is not { } key) return null;
        var opened = Pkcs12Files.Open(key.Pkcs12, passphrase);
        if (trust.Refusal(opened.Signer, opened.All, now) is { } refused)
        {
            opened.Dispose();
            throw new SigningRefusedException(refused);
        }
        return new Unlocked(opened, timestamps);
    }

    /// <summary>
    /// Signs into the reserved /Contents; when the CMS (a time-stamp token carries the authority's certificates) outgrows it,
    /// once more with room for what it measured, so an authority with a long chain still gets a signed letter.
    /// </summary>
    public static async Task<byte[]> SignWithRoomAsync(byte[] pdf, PdfSignatureInfo info, Func<byte[], CancellationToken, Task<byte[]>> cms, CancellationToken ct)
    {
        var prepared = PdfSignatures.Prepare(pdf, info);
        var signature = await cms(prepared.SignedContent(), ct);
        if (signature.Length <= prepared.Room) return prepared.Complete(signature);
        prepared = PdfSignatures.Prepare(pdf, info with { ReservedBytes = signature.Length * 2 + 4096 });
        return prepared.Complete(await cms(prepared.SignedContent(), ct));
    }

    private sealed class Unlocked(Pkcs12Files.Opened opened, TimestampAuthority timestamps) : IUnlockedSigner
    {
        public SignerCertificate Certificate { get; } = Pkcs12Files.Describe(opened.Signer);

        public Task<byte[]> SignAsync(byte[] pdf, PdfSignatureInfo info, CancellationToken ct) =>
            SignWithRoomAsync(pdf, info, (content, token) => timestamps.StampAsync(PadesCms.Sign(content, opened.Signer, opened.All), token), ct);

        public void Dispose() => opened.Dispose();
    }
}
