using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Arsip.Access;
using Arsip.Infrastructure;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace Arsip.Audit;

/// <summary>
/// Tamper evidence for every event stream: each event carries in its headers the SHA-256 of
/// (previous hash, event type, canonical JSON of its data, when it was recorded, who recorded it).
/// Editing, deleting or reordering a stored event breaks the chain at that point.
/// </summary>
public static class HashChain
{
    public const string HashHeader = "hash";
    public const string RecordedAtHeader = "recordedAt";
    public const string ActorHeader = "actor";
    public static readonly string Genesis = new('0', 64);

    public static string Link(string previous, string eventType, string canonicalData, string recordedAt, string actor)
    {
        var input = Encoding.UTF8.GetBytes($"{previous}\n{eventType}\n{canonicalData}\n{recordedAt}\n{actor}");
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>JSON with object keys sorted and no whitespace, so the bytes hashed do not depend on how PostgreSQL stores jsonb.</summary>
    public static string Canonical(string json)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(json.Length);
        using (var document = JsonDocument.Parse(json))
        using (var writer = new Utf8JsonWriter(buffer, Compact))
            Write(document.RootElement, writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var properties = new List<JsonProperty>();
                foreach (var property in element.EnumerateObject()) properties.Add(property);
                properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, writer);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(item, writer);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// Seals <paramref name="events"/> onto a chain whose head is <paramref name="previous"/>. An event
    /// that already names its actor (work done on a request's behalf outside it) keeps it.
    /// </summary>
    public static string Seal(IEnumerable<IEvent> events, string previous, Marten.ISerializer serializer, string actor, DateTimeOffset recordedAt)
    {
        var at = recordedAt.ToString("O");
        foreach (var e in events)
        {
            var by = e.GetHeader(ActorHeader) as string ?? actor;
            var link = Link(previous, e.EventTypeName, Canonical(serializer.ToJson(e.Data)), at, by);
            e.SetHeader(RecordedAtHeader, at);
            e.SetHeader(ActorHeader, by);
            e.SetHeader(HashHeader, link);
            e.Timestamp = recordedAt;
            previous = link;
        }
        return previous;
    }

    /// <summary>Who is acting: the signed-in person and the positions they act in, or the system for background work.</summary>
    public static string ActorOf(ClaimsPrincipal? user) =>
        user?.FindFirstValue(ArsipClaims.Person) is { } person
            ? $"{user.Identity?.Name} ({person}) [{string.Join(",", user.FindAll(ArsipClaims.Position).Concat(user.FindAll(ArsipClaims.ActingFor)).Select(c => c.Value))}]"
            : "sistem";
}

/// <summary>Seals every appended event into its stream's chain just before Marten saves it.</summary>
public sealed class HashChainListener(IHttpContextAccessor http, ArsipClock clock) : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken ct)
    {
        var streams = session.PendingChanges.Streams();
        if (streams.Count == 0) return;
        var serializer = session.DocumentStore.Options.Serializer();
        var requestActor = HashChain.ActorOf(http.HttpContext?.User);
        var recordedAt = clock.GetUtcNow();

        foreach (var stream in streams)
        {
            var previous = HashChain.Genesis;
            if (stream.ActionType == StreamActionType.Append)
            {
                var (version, hash) = await HeadAsync(session, stream.Id, stream.TenantId ?? session.TenantId, ct);
                previous = hash ?? HashChain.Genesis;
                // Appends without an expected version would race: pin it, so a concurrent append fails instead of forking the chain.
                stream.ExpectedVersionOnServer ??= version;
            }
            HashChain.Seal(stream.Events, previous, serializer, requestActor, recordedAt);
        }
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
