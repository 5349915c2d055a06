using Arsip.Pdf.Signing;

namespace Arsip.Signing;

/// <summary>
/// Who signs letters with a certified electronic signature (TTE). Shaped after BSrE's esign client service, which takes the
/// signer's identity (NIK) and passphrase with the whole PDF and returns it signed: <see cref="UnlockAsync"/> is where such an
/// adapter checks the user's certificate status, <see cref="IUnlockedSigner.SignAsync"/> where it posts the PDF.
/// The registered one signs with the person's own PKCS#12 (<see cref="LocalPkcs12Signer"/>).
/// </summary>
public interface ILetterSigner
{
    /// <summary>
    /// Null when the person has no certificate here. Throws <see cref="SigningRefusedException"/> for a wrong passphrase, or a certificate
    /// expired, not yet valid, revoked or without a signing key usage: before any number is taken.
    /// </summary>
    Task<IUnlockedSigner?> UnlockAsync(IQuerySession session, Guid personId, string? passphrase, DateTimeOffset now, CancellationToken ct);
}

/// <summary>A signer ready for one letter; its key (or the remote session) is gone when disposed.</summary>
public interface IUnlockedSigner : IDisposable
{
    SignerCertificate Certificate { get; }

    /// <summary>The PDF signed (PAdES); throws <see cref="SigningRefusedException"/> when the signing service refuses, which rolls the signing transaction and its number back.</summary>
    Task<byte[]> SignAsync(byte[] pdf, PdfSignatureInfo info, CancellationToken ct);
}

/// <summary>What a person may read about their certificate: never the key.</summary>
public sealed record SignerCertificate(
    string Subject, string CommonName, string Issuer, string IssuerCommonName, string SerialNumber, string Thumbprint,
    DateTimeOffset NotBefore, DateTimeOffset NotAfter, string KeyAlgorithm);

public sealed class SigningRefusedException(ProblemDetails problem) : ProblemException(problem.Detail ?? "")
{
    public override ProblemDetails ToProblem() => problem;
}
