// DEMO ONLY. Generates the demo certificate authority and demo signer certificates under samples/signing/.
// They were generated once and committed; run again only to replace them all:
//   dotnet run samples/signing/make-demo-certificates.cs -- samples/signing
// Never install these in production: the private keys and the passphrase are public.
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

var folder = args.Length > 0 ? args[0] : ".";
const string Passphrase = "demo-tte-2026";
var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
var until = new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero);

using var caKey = RSA.Create(2048);
var caRequest = new CertificateRequest("CN=DEMO Arsip Root CA (BUKAN UNTUK PRODUKSI), O=Arsip DEMO, C=ID", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
using var ca = caRequest.CreateSelfSigned(from, new DateTimeOffset(2041, 1, 1, 0, 0, 0, TimeSpan.Zero));
File.WriteAllText(Path.Combine(folder, "demo-ca.pem"), ca.ExportCertificatePem() + "\n");

var serial = 0x1000;
var revoked = new List<(byte[] Serial, DateTimeOffset At)>();
byte[]? sekdaSerial = null;

sekdaSerial = Issue("demo-sekda-kota-bekasi", "Reny Hendrawaty", "Sekretaris Daerah", rsa: true, from, until, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation);
Issue("demo-walikota-kota-bekasi", "Tri Adhianto Tjahyono", "Wali Kota Bekasi", rsa: false, from, until, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation);
Issue("demo-expired", "Sertifikat Kedaluwarsa", "DEMO", rsa: true, from, new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero), X509KeyUsageFlags.DigitalSignature);
Issue("demo-not-yet-valid", "Sertifikat Belum Berlaku", "DEMO", rsa: true, new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero), until, X509KeyUsageFlags.DigitalSignature);
Issue("demo-no-signing-usage", "Sertifikat Tanpa Tanda Tangan", "DEMO", rsa: true, from, until, X509KeyUsageFlags.KeyEncipherment);
revoked.Add((Issue("demo-revoked", "Sertifikat Dicabut", "DEMO", rsa: true, from, until, X509KeyUsageFlags.DigitalSignature), new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero)));

var crl = new CertificateRevocationListBuilder();
foreach (var (s, at) in revoked) crl.AddEntry(s, at, X509RevocationReason.KeyCompromise);
File.WriteAllBytes(Path.Combine(folder, "demo-ca.crl"), crl.Build(ca, BigInteger.One, new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, from));
// The same list whose nextUpdate has passed: a validator must not read "not revoked" from it (tests).
File.WriteAllBytes(Path.Combine(folder, "demo-ca-expired.crl"), crl.Build(ca, new BigInteger(2), new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, from));

// A forged list: the DEMO CA's name, another key, and it "revokes" the Sekda's certificate (tests: it must not be trusted).
using (var forgerKey = RSA.Create(2048))
{
    var forgerRequest = new CertificateRequest(ca.SubjectName, forgerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    forgerRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
    forgerRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
    forgerRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(forgerRequest.PublicKey, false));
    using var forger = forgerRequest.CreateSelfSigned(from, new DateTimeOffset(2041, 1, 1, 0, 0, 0, TimeSpan.Zero));
    var forged = new CertificateRevocationListBuilder();
    forged.AddEntry(sekdaSerial!, from, X509RevocationReason.KeyCompromise);
    File.WriteAllBytes(Path.Combine(folder, "demo-forged.crl"), forged.Build(forger, new BigInteger(3), new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, from));
}

// The DEMO time-stamping authority (RFC 3161), for OpenSSL's `openssl ts -reply` in the tests: extendedKeyUsage timeStamping, critical.
using (var tsaKey = RSA.Create(2048))
{
    var tsaRequest = new CertificateRequest("CN=DEMO Arsip TSA (BUKAN UNTUK PRODUKSI), O=Arsip DEMO, C=ID", tsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    tsaRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
    tsaRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
    tsaRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
    tsaRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(tsaRequest.PublicKey, false));
    tsaRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
    using var tsa = tsaRequest.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1), from, until, BitConverter.GetBytes(serial++).Reverse().ToArray());
    File.WriteAllText(Path.Combine(folder, "demo-tsa.pem"), tsa.ExportCertificatePem() + "\n");
    File.WriteAllText(Path.Combine(folder, "demo-tsa.key"), tsaKey.ExportPkcs8PrivateKeyPem() + "\n");
}
Console.WriteLine($"Wrote the DEMO CA, its CRL and the demo signers to {folder} (passphrase {Passphrase}).");

byte[] Issue(string file, string name, string title, bool rsa, DateTimeOffset notBefore, DateTimeOffset notAfter, X509KeyUsageFlags usage)
{
    var subject = $"CN={name}, T={title}, OU=DEMO - BUKAN SERTIFIKAT ASLI, O=Pemerintah Kota Bekasi (DEMO), C=ID";
    using AsymmetricAlgorithm key = rsa ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
    var request = key is RSA r
        ? new CertificateRequest(subject, r, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
        : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
    request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
    request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
    request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
    request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
    var serialNumber = BitConverter.GetBytes(serial++).Reverse().ToArray();
    using var issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1), notBefore, notAfter, serialNumber);
    using var withKey = key is RSA rk ? issued.CopyWithPrivateKey(rk) : issued.CopyWithPrivateKey((ECDsa)key);
    var chain = new X509Certificate2Collection { withKey, X509CertificateLoader.LoadCertificate(ca.RawData) };
    File.WriteAllBytes(Path.Combine(folder, $"{file}.p12"), chain.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, Passphrase));
    return issued.SerialNumberBytes.ToArray();
}
