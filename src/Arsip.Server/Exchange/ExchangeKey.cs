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
    private readonly Lazy<string> _keyId;

    public ExchangeKey(IConfiguration configuration)
    {
        var path = configuration["Arsip:Exchange:KeyFile"] ?? Path.Combine(DataFolder.Resolve(configuration), "keys", "exchange-signing.pem");
        _key = new(() =>
        {
            var key = ECDsa.Create();
            key.ImportFromPem(configuration["Arsip:Exchange:Key"] is { Length: > 0 } pem ? pem : SigningKeys.ReadOrCreate(path));
            if (key.KeySize != 256) throw new InvalidOperationException("Arsip:Exchange:Key must be an ECDSA P-256 private key.");
            return key;
        });
        // every envelope and receipt names it, some twice: exported and hashed once
        _keyId = new(() => SigningKeys.IdOf(_key.Value));
    }

    public string KeyId => _keyId.Value;
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
}
