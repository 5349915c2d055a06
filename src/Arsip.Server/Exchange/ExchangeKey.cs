using System.Security.Cryptography;
using System.Text;
using Arsip.Infrastructure;

namespace Arsip.Exchange;

/// <summary>The installation's ECDSA P-256 key for envelopes and receipts, read from <c>Arsip:Exchange:Key</c> (PEM) or
/// <c>Arsip:Exchange:KeyFile</c> (default: the data folder's keys/exchange-signing.pem, made at first use): the database never holds it,
/// so whoever reads the database cannot speak for this installation.</summary>
public sealed class ExchangeKey
{
    private readonly Lazy<ECDsa> _key;

    public ExchangeKey(IConfiguration configuration)
    {
        var path = configuration["Arsip:Exchange:KeyFile"] ?? Path.Combine(DataFolder.Resolve(configuration), "keys", "exchange-signing.pem");
        _key = new(() =>
        {
            var key = ECDsa.Create();
            key.ImportFromPem(configuration["Arsip:Exchange:Key"] is { Length: > 0 } pem ? pem : ReadOrCreate(path));
            if (key.KeySize != 256) throw new InvalidOperationException("Arsip:Exchange:Key must be an ECDSA P-256 private key.");
            return key;
        });
    }

    public string KeyId => IdOf(_key.Value);
    public string PublicKeyPem => _key.Value.ExportSubjectPublicKeyInfoPem();

    public string Sign(byte[] data) => Convert.ToBase64String(_key.Value.SignData(data, HashAlgorithmName.SHA256));

    /// <summary>Null when the text is not an ECDSA P-256 public key in PEM.</summary>
    public static ECDsa? ParsePublicKey(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem) || pem.Length > 4096) return null;
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize == 256 && key.ExportParameters(false).Curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value) return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
        }
        key.Dispose();
        return null;
    }

    public static bool Verify(ECDsa publicKey, byte[] data, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        try
        {
            return publicKey.VerifyData(data, Convert.FromBase64String(signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The first 16 hex digits of the SHA-256 of the public key (SubjectPublicKeyInfo): short enough to read out on the phone.</summary>
    public static string IdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    private static string ReadOrCreate(string path)
    {
        if (File.Exists(path)) return File.ReadAllText(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportPkcs8PrivateKeyPem();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var writer = new StreamWriter(path, Encoding.ASCII, options);
            writer.Write(pem);
        }
        catch (IOException) when (File.Exists(path))
        {
            return File.ReadAllText(path); // another node created it first
        }
        return pem;
    }
}
