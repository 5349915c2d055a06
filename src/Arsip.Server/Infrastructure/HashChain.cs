using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;

namespace Arsip.Infrastructure;

/// <summary>Tamper evidence: each event's headers carry the SHA-256 of the previous link and everything stored about it that has a meaning; re-sealing a whole chain is what signed anchors catch (Anchors.cs).</summary>
public static class HashChain
{
    public const string HashHeader = "hash";
    public const string RecordedAtHeader = "recordedAt";
    public const string ActorHeader = "actor";
    /// <summary>Which link definition sealed an event: absent for the first (type, data, recordedAt, actor), "2" for the current one.</summary>
    public const string FormatHeader = "chain";
    public const int CurrentFormat = 2;
    public static readonly string Genesis = new('0', 64);

    /// <summary>Kept as plain strings: the export's README describes it, and tests check that ChainHasher computes the same.</summary>
    public static string Link(string previous, LinkFields link, string canonicalData)
    {
        var input = link.Format == CurrentFormat
            ? $"arsip-chain/2\n{previous}\n{link.Tenant}\n{link.Stream:D}\n{link.Version}\n{link.Type}\n{canonicalData}\n{link.Timestamp}\n{link.Actor}"
            : $"{previous}\n{link.Type}\n{canonicalData}\n{link.Timestamp}\n{link.Actor}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)));
    }

    /// <summary>An instant as the chain hashes it: UTC to the microsecond, the precision PostgreSQL keeps.</summary>
    public static string Instant(DateTimeOffset at) => Microseconds(at).UtcDateTime.ToString(InstantFormat, System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryFormatInstant(DateTimeOffset at, Span<char> destination, out int written) =>
        Microseconds(at).UtcDateTime.TryFormat(destination, out written, InstantFormat, System.Globalization.CultureInfo.InvariantCulture);

    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static DateTimeOffset Microseconds(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    internal static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false, SkipValidation = true };

    /// <summary>JSON with object keys sorted and no whitespace, so the bytes hashed do not depend on how PostgreSQL stores jsonb.</summary>
    public static string Canonical(string json)
    {
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var document = JsonDocument.Parse(json))
        using (var writer = new Utf8JsonWriter(buffer, Compact))
            WriteCanonical(document.RootElement, writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static void WriteCanonical(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var count = 0;
                foreach (var _ in element.EnumerateObject()) count++;
                // names sorted by UTF-16 ordinal, as string.CompareOrdinal does; rented so a wide object costs no garbage
                var properties = ArrayPool<(string Name, JsonElement Value)>.Shared.Rent(count);
                try
                {
                    var i = 0;
                    foreach (var property in element.EnumerateObject()) properties[i++] = (property.Name, property.Value);
                    Array.Sort(properties, 0, count, ByName.Instance);
                    for (i = 0; i < count; i++)
                    {
                        writer.WritePropertyName(properties[i].Name);
                        WriteCanonical(properties[i].Value, writer);
                    }
                }
                finally
                {
                    Array.Clear(properties, 0, count);
                    ArrayPool<(string, JsonElement)>.Shared.Return(properties);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) WriteCanonical(item, writer);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private sealed class ByName : IComparer<(string Name, JsonElement Value)>
    {
        public static readonly ByName Instance = new();
        public int Compare((string Name, JsonElement Value) x, (string Name, JsonElement Value) y) => string.CompareOrdinal(x.Name, y.Name);
    }

    /// <summary>An event that already names its actor (work done on a request's behalf outside it, e.g. a group commit) keeps it.</summary>
    public static string Seal(IEnumerable<IEvent> events, string tenant, Guid stream, long previousVersion, string previous, ISerializer serializer, string actor, DateTimeOffset recordedAt)
    {
        recordedAt = Microseconds(recordedAt);
        var at = Instant(recordedAt);
        var version = previousVersion;
        using var chain = new ChainHasher(previous);
        foreach (var e in events)
        {
            var by = e.GetHeader(ActorHeader) as string ?? actor;
            previous = chain.Next(Encoding.UTF8.GetBytes(serializer.ToJson(e.Data)), new LinkFields(CurrentFormat, tenant, stream, ++version, e.EventTypeName, at, by));
            e.SetHeader(RecordedAtHeader, at);
            e.SetHeader(ActorHeader, by);
            e.SetHeader(FormatHeader, CurrentFormat);
            e.SetHeader(HashHeader, previous);
            e.Timestamp = recordedAt;
        }
        return previous;
    }

    public static string ActorOf(ClaimsPrincipal? user) =>
        user?.FindFirstValue(ArsipClaims.Person) is { } person
            ? $"{user.Identity?.Name} ({person}) [{string.Join(",", user.FindAll(ArsipClaims.Position).Concat(user.FindAll(ArsipClaims.ActingFor)).Select(c => c.Value))}]"
            : "sistem";
}

public readonly record struct LinkFields(int Format, string Tenant, Guid Stream, long Version, string Type, string Timestamp, string Actor);

/// <summary>The whole hash input goes into one reused buffer, hashed in one call; not thread-safe: one per stream.</summary>
public sealed class ChainHasher : IDisposable
{
    private readonly ArrayBufferWriter<byte> _input = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly char[] _head = new char[64];
    private readonly char[] _next = new char[64];

    public ChainHasher(string? previous = null)
    {
        _json = new Utf8JsonWriter(_input, HashChain.Compact);
        (previous ?? HashChain.Genesis).CopyTo(_head);
    }

    public string Head => new(_head);

    public string Next(ReadOnlyMemory<byte> json, in LinkFields link)
    {
        Compute(json, link);
        _next.CopyTo(_head, 0);
        return Head;
    }

    /// <summary>Only a matching link becomes the head.</summary>
    public bool NextMatches(ReadOnlyMemory<byte> json, in LinkFields link, string stored)
    {
        Compute(json, link);
        if (!stored.AsSpan().SequenceEqual(_next)) return false;
        _next.CopyTo(_head, 0);
        return true;
    }

    /// <summary>An event reduced by pemusnahan: its link cannot be recomputed from the reduced data, so the link its (later, sealed) tombstone recorded becomes the head.</summary>
    public void Accept(string link) => link.AsSpan().CopyTo(_head);

    private void Compute(ReadOnlyMemory<byte> json, in LinkFields link)
    {
        _input.ResetWrittenCount();
        if (link.Format == HashChain.CurrentFormat)
        {
            Append("arsip-chain/2\n"u8);
            Append(_head);
            Append(StreamSegment(link.Tenant, link.Stream));
            System.Buffers.Text.Utf8Formatter.TryFormat(link.Version, _input.GetSpan(20), out var written);
            _input.Advance(written);
        }
        else
        {
            Append(_head);
        }
        Append("\n"u8);
        Append(link.Type);
        Append("\n"u8);
        using (var document = JsonDocument.Parse(json))
        {
            _json.Reset(_input);
            HashChain.WriteCanonical(document.RootElement, _json);
            _json.Flush();
        }
        Append("\n"u8);
        Append(link.Timestamp);
        Append("\n"u8);
        Append(link.Actor);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(_input.WrittenSpan, hash);
        Convert.TryToHexStringLower(hash, _next, out _);
    }

    // "\n{tenant}\n{stream}\n" is the same for every event of a stream: encoded once
    private byte[] _streamSegment = [];
    private (string Tenant, Guid Stream) _segmentOf;

    private ReadOnlySpan<byte> StreamSegment(string tenant, Guid stream)
    {
        if (_segmentOf.Tenant != tenant || _segmentOf.Stream != stream || _streamSegment.Length == 0)
        {
            _streamSegment = Encoding.UTF8.GetBytes($"\n{tenant}\n{stream:D}\n");
            _segmentOf = (tenant, stream);
        }
        return _streamSegment;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_input.GetSpan(bytes.Length));
        _input.Advance(bytes.Length);
    }

    private void Append(ReadOnlySpan<char> text) =>
        _input.Advance(Encoding.UTF8.GetBytes(text, _input.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));

    public void Dispose() => _json.Dispose();
}

public sealed class HashChainListener(IHttpContextAccessor http, ArsipClock clock) : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken ct)
    {
        var streams = session.PendingChanges.Streams();
        if (streams.Count == 0) return;
        var serializer = session.DocumentStore.Options.Serializer();
        var actor = HashChain.ActorOf(http.HttpContext?.User);
        var recordedAt = clock.GetUtcNow();
        // one query for the heads of every stream appended to (a pemusnahan batch appends to a thousand)
        var heads = await HeadsAsync(session, streams.Where(s => s.ActionType == StreamActionType.Append)
            .Select(s => (s.TenantId ?? session.TenantId, s.Id)).Distinct().ToList(), ct);

        foreach (var stream in streams)
        {
            var tenant = stream.TenantId ?? session.TenantId;
            var (version, previous) = (0L, HashChain.Genesis);
            if (stream.ActionType == StreamActionType.Append)
            {
                var (head, hash) = heads.GetValueOrDefault((tenant, stream.Id));
                (version, previous) = (head, hash ?? HashChain.Genesis);
                // Appends without an expected version would race: pin it, so a concurrent append fails instead of forking the chain.
                stream.ExpectedVersionOnServer ??= version;
            }
            HashChain.Seal(stream.Events, tenant, stream.Id, version, previous, serializer, actor, recordedAt);
        }
    }

    private static async Task<Dictionary<(string Tenant, Guid Stream), (long Version, string? Hash)>> HeadsAsync(
        IDocumentSession session, List<(string Tenant, Guid Stream)> streams, CancellationToken ct)
    {
        var heads = new Dictionary<(string, Guid), (long, string?)>();
        if (streams.Count == 1)
        {
            heads[streams[0]] = await HeadAsync(session, streams[0].Stream, streams[0].Tenant, ct);
            return heads;
        }
        foreach (var tenant in streams.GroupBy(s => s.Tenant))
        {
            var shared = session.Connection is { State: System.Data.ConnectionState.Open } open ? (NpgsqlConnection)open : null;
            await using var owned = shared is null ? (NpgsqlConnection)session.DocumentStore.Storage.Database.CreateConnection() : null;
            if (owned is not null) await owned.OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                $"""
                 select s.id, e.version, e.headers->>'{HashChain.HashHeader}' from unnest($1::uuid[]) s(id),
                   lateral (select version, headers from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events
                            where stream_id = s.id and tenant_id = $2 order by version desc limit 1) e
                 """, shared ?? owned)
            {
                Parameters = { new() { Value = tenant.Select(t => t.Stream).ToArray() }, new() { Value = tenant.Key } },
            };
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                heads[(tenant.Key, reader.GetGuid(0))] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        return heads;
    }

    private static async Task<(long Version, string? Hash)> HeadAsync(IDocumentSession session, Guid stream, string tenant, CancellationToken ct)
    {
        // Inside an open transaction (e.g. one holding a sequence lock) ask on the same connection: a
        // second connection per save would starve the pool under concurrent signings.
        var shared = session.Connection is { State: System.Data.ConnectionState.Open } open ? (NpgsqlConnection)open : null;
        await using var owned = shared is null ? (NpgsqlConnection)session.DocumentStore.Storage.Database.CreateConnection() : null;
        if (owned is not null) await owned.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select version, headers->>'{HashChain.HashHeader}' from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events where stream_id = $1 and tenant_id = $2 order by version desc limit 1",
            shared ?? owned)
        {
            Parameters = { new() { Value = stream }, new() { Value = tenant } },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : (0, null);
    }
}
