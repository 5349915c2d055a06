using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Arsip.Signing;

/// <summary>The CMS of a PAdES baseline B-B signature: detached SHA-256, the signing-certificate-v2 attribute, no signing-time attribute (the time is the dictionary's /M).</summary>
public static class PadesCms
{
    public const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";

    public static byte[] Sign(byte[] content, X509Certificate2 signer, IEnumerable<X509Certificate2> chain)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        foreach (var certificate in chain.Where(c => c.Thumbprint != signer.Thumbprint)) cmsSigner.Certificates.Add(certificate);
        cmsSigner.SignedAttributes.Add(new AsnEncodedData(SigningCertificateV2Oid, SigningCertificateV2(signer)));
        cms.ComputeSignature(cmsSigner, silent: true);
        return cms.Encode();
    }

    /// <summary>ESS SigningCertificateV2 (RFC 5035) with the signer's SHA-256 hash and issuer and serial.</summary>
    private static byte[] SigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteOctetString(SHA256.HashData(certificate.RawData));
            using (writer.PushSequence())
            {
                using (writer.PushSequence()) writer.WriteEncodedValue(DirectoryName(certificate.IssuerName.RawData));
                writer.WriteInteger(certificate.SerialNumberBytes.Span);
            }
        }
        return writer.Encode();
    }

    /// <summary>GeneralName [4] directoryName, explicitly tagged around the Name.</summary>
    private static byte[] DirectoryName(byte[] name)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true))) writer.WriteEncodedValue(name);
        return writer.Encode();
    }
}
