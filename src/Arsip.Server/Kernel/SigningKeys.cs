using System.Security.Cryptography;
using System.Text;

namespace Arsip.Kernel;

/// <summary>The ECDSA P-256 keys the installation signs with (audit anchors, exchange envelopes): kept in files or
/// configuration, never in the database, so reading the database does not let anyone sign as the installation.</summary>
public static class SigningKeys
{
    /// <summary>The first 16 hex digits of the SHA-256 of the public key (SubjectPublicKeyInfo): short enough to read out on the phone.</summary>
    public static string IdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    /// <summary>False for a signature that is missing, not base64 or not by <paramref name="key"/>.</summary>
    public static bool Verify(ECDsa key, byte[] data, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        try
        {
            return key.VerifyData(data, Convert.FromBase64String(signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The PEM in <paramref name="path"/>, made (readable by this user only) when missing; a node or process that made it first wins.</summary>
    public static string ReadOrCreate(string path)
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
            return File.ReadAllText(path);
        }
        return pem;
    }
}
