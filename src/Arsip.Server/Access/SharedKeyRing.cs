using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace Arsip.Access;

/// <summary>The ASP.NET Data Protection key ring (cookies, antiforgery tokens, protected form fields) shared by every node: the keys
/// live in PostgreSQL, each encrypted with AES-256-GCM under the installation's key from configuration, so whoever reads the
/// database (a DBA, a backup) cannot forge a session cookie.</summary>
public static class SharedKeyRing
{
    public const string Table = "arsip_data_protection_keys";
    public const string KeySetting = "Arsip:DataProtection:Key";
    public const string KeyFileSetting = "Arsip:DataProtection:KeyFile";
    private const int KeyBytes = 32;

    internal static Table Definition(string schema)
    {
        var table = new Table(new Weasel.Postgresql.PostgresqlObjectName(schema, Table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("name").AsPrimaryKey();
        table.AddColumn<string>("xml").NotNull();
        table.AddColumn<DateTimeOffset>("stored_at").NotNull();
        return table;
    }

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[KeySetting]) || !string.IsNullOrWhiteSpace(configuration[KeyFileSetting]);

    /// <summary>The 32-byte key (base64, as <c>openssl rand -base64 32</c> prints it) from the setting or the file it names; a wrong one stops the start.</summary>
    public static byte[] ReadKey(IConfiguration configuration)
    {
        var text = configuration[KeySetting] is { Length: > 0 } inline ? inline : File.ReadAllText(configuration[KeyFileSetting]!);
        byte[] key;
        try { key = Convert.FromBase64String(text.Trim()); }
        catch (FormatException) { throw new InvalidOperationException($"{KeySetting} (or the file {KeyFileSetting} names) is not base64: make one with 'openssl rand -base64 32'."); }
        return key.Length == KeyBytes ? key : throw new InvalidOperationException($"{KeySetting} must be {KeyBytes} bytes (base64 of 'openssl rand -base64 32'), not {key.Length}.");
    }

    /// <summary>Keys in PostgreSQL, encrypted with the configured key. The application name is fixed, so nodes installed in different
    /// folders still read each other's cookies.</summary>
    public static void AddServices(IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var key = new KeyRingSecret(ReadKey(configuration));
        services.AddSingleton(key);
        services.AddDataProtection().SetApplicationName("Arsip");
        services.Configure<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new PostgresXmlRepository(connectionString, ArsipStore.Schema);
            o.XmlEncryptor = new AesGcmXmlEncryptor(key);
        });
    }

    /// <summary>Makes the ring's first key under an advisory lock, so nodes starting together agree on it instead of each making its own
    /// (each would then refuse the others' cookies until its ring next refreshes).</summary>
    public static async Task EnsureKeyAsync(IServiceProvider services, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)services.GetRequiredService<IDocumentStore>().Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using (var lockIt = new NpgsqlCommand("select pg_advisory_lock(hashtextextended('arsip-data-protection-ring', 0))", connection))
            await lockIt.ExecuteNonQueryAsync(ct);
        try
        {
            var keys = services.GetRequiredService<IKeyManager>();
            if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
                keys.CreateNewKey(now, now.AddDays(90));
        }
        finally
        {
            // a pooled connection outlives this method: the session's lock must be let go explicitly
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended('arsip-data-protection-ring', 0))", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}

/// <summary>The installation's key-encryption key, read once at start.</summary>
public sealed class KeyRingSecret(byte[] key)
{
    internal byte[] Key { get; } = key;

    /// <summary>Names the key (not secret) in each encrypted element, so a node with another key says so instead of failing obscurely.</summary>
    internal string Id { get; } = Convert.ToHexStringLower(SHA256.HashData(key))[..16];
}

/// <summary>The key ring's rows: inserted once per key, never updated (a key's revocation is a new element).</summary>
public sealed class PostgresXmlRepository(string connectionString, string schema) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"select xml from {schema}.{SharedKeyRing.Table} order by stored_at, name", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"insert into {schema}.{SharedKeyRing.Table} (name, xml, stored_at) values ($1, $2, now()) on conflict (name) do nothing", connection)
        {
            Parameters = { new() { Value = friendlyName }, new() { Value = element.ToString(SaveOptions.DisableFormatting) } },
        };
        command.ExecuteNonQuery();
    }
}

/// <summary>AES-256-GCM over the key's XML; the nonce, tag and ciphertext travel in one base64 value.</summary>
public sealed class AesGcmXmlEncryptor(KeyRingSecret secret) : IXmlEncryptor
{
    internal static readonly byte[] Purpose = "Arsip.DataProtection.KeyRing.v1"u8.ToArray();
    internal const string Element = "arsipEncryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[AesGcm.NonceByteSizes.MaxSize + AesGcm.TagByteSizes.MaxSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(secret.Key, AesGcm.TagByteSizes.MaxSize))
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(nonce.Length + AesGcm.TagByteSizes.MaxSize), sealedBytes.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize), Purpose);
        var element = new XElement(Element, new XAttribute("keyId", secret.Id), new XComment(" AES-256-GCM under Arsip:DataProtection:Key "), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}

/// <summary>Made by the data protection system from the type named in each stored key (hence the service provider constructor).</summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var secret = services.GetRequiredService<KeyRingSecret>();
        if ((string?)encryptedElement.Attribute("keyId") is { } id && id != secret.Id)
            throw new CryptographicException($"This data protection key was encrypted with another {SharedKeyRing.KeySetting} (id {id}, this node's is {secret.Id}): every node needs the same key.");
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value.Trim());
        const int nonceLength = 12, tagLength = 16;
        var plain = new byte[sealedBytes.Length - nonceLength - tagLength];
        using (var aes = new AesGcm(secret.Key, tagLength))
            aes.Decrypt(sealedBytes.AsSpan(0, nonceLength), sealedBytes.AsSpan(nonceLength + tagLength), sealedBytes.AsSpan(nonceLength, tagLength), plain, AesGcmXmlEncryptor.Purpose);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}

/// <summary>Hosted after Marten, which creates the ring's table; before the server takes requests.</summary>
public sealed class SharedKeyRingStart(IServiceProvider services, ArsipClock clock) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => SharedKeyRing.EnsureKeyAsync(services, clock.GetUtcNow(), ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
