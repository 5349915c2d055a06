using System.Text.Json;
using System.Threading.Channels;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Npgsql;

namespace Arsip.Audit;

public sealed record BrokenLink(long Version, string Reason);

public sealed record AnchorCoverage(Guid AnchorId, DateTimeOffset AnchoredAt, long Version, bool SignatureValid, bool Published, bool Matches, long EventsSince);

public sealed record ChainVerification(Guid StreamId, bool Intact, long Events, string? Head, BrokenLink? FirstBroken, AnchorCoverage? Anchor = null);

/// <summary>Untouched by Marten: its data is the stored jsonb's UTF-8 text.</summary>
public sealed record StoredEvent(long Version, string Type, byte[] Data, string? Hash, string? RecordedAt, string? Actor, DateTimeOffset Timestamp = default, int Format = 1);

public static class ChainVerifier
{
    /// <summary>With the head an anchor holds, also a chain cut short or re-sealed since that anchor.</summary>
    public static ChainVerification Verify(Guid stream, string tenant, IReadOnlyList<StoredEvent> events, StreamHead? anchored = null)
    {
        using var chain = new ChainHasher();
        long expectedVersion = 1;
        var format = 1;
        var reduced = ReducedVersions(events);
        foreach (var e in events)
        {
            var broken = reduced is not null && reduced.TryGetValue(e.Version, out var recorded)
                ? CheckReduced(e, expectedVersion, format, recorded, chain)
                : Check(e, expectedVersion, format, stream, tenant, chain);
            if (broken is not null) return new(stream, false, events.Count, chain.Head, broken);
            if (anchored is not null && e.Version == anchored.Version && e.Hash != anchored.Hash)
                return new(stream, false, events.Count, chain.Head, new(e.Version,
                    "Rantai disegel ulang: kepala versi ini berbeda dari jangkar, jadi peristiwa pada atau sebelum versi ini diubah lalu hash-nya dihitung ulang " +
                    "(the chain was re-sealed: this version's link differs from the anchor, so an event at or before it was changed and the links recomputed)."));
            format = e.Format;
            expectedVersion++;
        }
        if (anchored is not null && events.Count < anchored.Version)
            return new(stream, false, events.Count, chain.Head, new(events.Count + 1,
                $"Peristiwa versi {events.Count + 1} sampai {anchored.Version} hilang setelah dijangkarkan (events deleted after the anchor held version {anchored.Version})."));
        return new(stream, true, events.Count, chain.Head, null);
    }

    /// <summary>What the stream's tombstones (pemusnahan) recorded about the events they reduced, or null when none.</summary>
    private static Dictionary<long, (string ReducedSha256, string Link, long By)>? ReducedVersions(IReadOnlyList<StoredEvent> events)
    {
        Dictionary<long, (string, string, long)>? reduced = null;
        foreach (var e in events)
        {
            if (!ContentDestroyed.EventTypeNames.Contains(e.Type)) continue;
            try
            {
                using var document = JsonDocument.Parse(e.Data);
                if (!document.RootElement.TryGetProperty(nameof(ContentDestroyed.Reduced), out var list) || list.ValueKind != JsonValueKind.Array) continue;
                foreach (var item in list.EnumerateArray())
                {
                    var version = item.GetProperty(nameof(ReducedEvent.Version)).GetInt64();
                    if (version < e.Version)
                        (reduced ??= [])[version] = (item.GetProperty(nameof(ReducedEvent.ReducedSha256)).GetString() ?? "", item.GetProperty(nameof(ReducedEvent.Link)).GetString() ?? "", e.Version);
                }
            }
            catch (Exception x) when (x is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                // a tombstone that is not what was sealed breaks its own link below
            }
        }
        return reduced;
    }

    /// <summary>A reduced event holds when its data hashes to what its tombstone recorded and its link is the one recorded; the tombstone's own link (checked when reached) protects both.</summary>
    private static BrokenLink? CheckReduced(StoredEvent e, long expectedVersion, int formatBefore, (string ReducedSha256, string Link, long By) recorded, ChainHasher chain)
    {
        if (e.Version != expectedVersion)
            return new(expectedVersion, $"Peristiwa versi {expectedVersion} hilang (event missing; next stored is version {e.Version}).");
        if (e.Hash is null || e.RecordedAt is null || e.Actor is null)
            return new(e.Version, "Peristiwa tanpa segel hash (event has no hash seal).");
        if (e.Format < formatBefore)
            return new(e.Version, "Segel peristiwa diturunkan ke bentuk lama (the event's seal was downgraded to an older form).");
        if (!SameInstant(e))
            return new(e.Version, $"Waktu peristiwa diubah setelah dicatat: tersimpan {HashChain.Instant(e.Timestamp)}, disegel {e.RecordedAt} (the event's timestamp was changed after it was recorded).");
        string hash;
        try
        {
            hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(HashChain.Canonical(System.Text.Encoding.UTF8.GetString(e.Data)))));
        }
        catch (JsonException)
        {
            hash = "";
        }
        if (hash != recorded.ReducedSha256 || e.Hash != recorded.Link)
            return new(e.Version, $"Isi peristiwa yang dimusnahkan berubah setelah pemusnahan (versi {recorded.By}) (a reduced event changed after its destruction recorded at version {recorded.By}).");
        chain.Accept(recorded.Link);
        return null;
    }

    private static bool SameInstant(StoredEvent e)
    {
        if (e.Format == HashChain.CurrentFormat)
        {
            Span<char> column = stackalloc char[32];
            return HashChain.TryFormatInstant(e.Timestamp, column, out var written) && column[..written].SequenceEqual(e.RecordedAt);
        }
        return DateTimeOffset.TryParse(e.RecordedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var sealedAt)
               && HashChain.Microseconds(sealedAt) == HashChain.Microseconds(e.Timestamp);
    }

    private static BrokenLink? Check(StoredEvent e, long expectedVersion, int formatBefore, Guid stream, string tenant, ChainHasher chain)
    {
        if (e.Version != expectedVersion)
            return new(expectedVersion, $"Peristiwa versi {expectedVersion} hilang (event missing; next stored is version {e.Version}).");
        if (e.Hash is null || e.RecordedAt is null || e.Actor is null)
            return new(e.Version, "Peristiwa tanpa segel hash (event has no hash seal).");
        if (e.Format < formatBefore)
            return new(e.Version, "Segel peristiwa diturunkan ke bentuk lama (the event's seal was downgraded to an older form).");
        // The timestamp column must be the instant that was sealed; form 2 wrote the header as the chain formats it, so comparing characters avoids parsing on the hot path.
        if (!SameInstant(e))
            return new(e.Version, $"Waktu peristiwa diubah setelah dicatat: tersimpan {HashChain.Instant(e.Timestamp)}, disegel {e.RecordedAt} (the event's timestamp was changed after it was recorded).");
        var link = new LinkFields(e.Format, tenant, stream, e.Version, e.Type, e.RecordedAt, e.Actor);
        bool matches;
        try
        {
            matches = chain.NextMatches(e.Data, link, e.Hash);
        }
        catch (JsonException)
        {
            matches = false; // stored data that is not JSON at all was certainly not what was sealed
        }
        return matches ? null : new(e.Version, "Isi, urutan, aliran atau instansi peristiwa berubah setelah dicatat (content, order, stream or agency changed after it was recorded).");
    }

    private static string Select(string schema) =>
        $"select stream_id, version, type, data, headers->>'{HashChain.HashHeader}', headers->>'{HashChain.RecordedAtHeader}', headers->>'{HashChain.ActorHeader}', timestamp, headers->>'{HashChain.FormatHeader}' from {schema}.mt_events";

    // jsonb is read as its UTF-8 text (Npgsql hands the bytes over as they come), never as a .NET string
    private static StoredEvent Row(NpgsqlDataReader reader) => new(reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3),
        reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? 1 : int.Parse(reader.GetString(8), System.Globalization.CultureInfo.InvariantCulture));

    public static async Task<IReadOnlyList<StoredEvent>> ReadAsync(NpgsqlConnection connection, string schema, string tenant, Guid stream, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"{Select(schema)} where stream_id = $1 and tenant_id = $2 order by version", connection)
        {
            Parameters = { new() { Value = stream }, new() { Value = tenant } },
        };
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) events.Add(Row(reader));
        return events;
    }

    /// <summary>Many streams' events in one round trip (the handover package reads them a window at a time).</summary>
    public static async Task<Dictionary<Guid, List<StoredEvent>>> ReadManyAsync(NpgsqlConnection connection, string schema, string tenant, Guid[] streams, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"{Select(schema)} where stream_id = any($1) and tenant_id = $2 order by stream_id, version", connection)
        {
            Parameters = { new() { Value = streams }, new() { Value = tenant } },
        };
        var events = new Dictionary<Guid, List<StoredEvent>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var stream = reader.GetGuid(0);
            if (!events.TryGetValue(stream, out var list)) events[stream] = list = [];
            list.Add(Row(reader));
        }
        return events;
    }

    public static async Task<ChainVerification> VerifyAsync(IDocumentStore store, string tenant, Guid stream, AnchorSigner signer, CancellationToken ct)
    {
        IReadOnlyList<StoredEvent> events;
        await using (var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync(ct);
            events = await ReadAsync(connection, store.Options.Events.DatabaseSchemaName, tenant, stream, ct);
        }
        await using var session = store.QuerySession(tenant);
        if (await Anchors.CoveringAsync(session, stream, ct) is not { } anchor) return Verify(stream, tenant, events);

        var head = anchor.Heads.First(h => h.StreamId == stream);
        var (signed, published) = Anchors.Check(signer, tenant, anchor, Anchors.ReadLog(signer, tenant, anchor.Id));
        var result = Verify(stream, tenant, events, head);
        var coverage = new AnchorCoverage(anchor.Id, anchor.CreatedAt, head.Version, signed, published,
            result.Intact || (result.FirstBroken?.Version ?? 0) > head.Version, Math.Max(0, events.Count - head.Version));
        return result with { Intact = result.Intact && signed && published, Anchor = coverage };
    }

    /// <summary>A chain is sequential within a stream, independent between streams: one query reads while the other cores verify.</summary>
    public static async Task<IReadOnlyList<ChainVerification>> VerifyAllAsync(IDocumentStore store, string tenant, IReadOnlyDictionary<Guid, StreamHead>? anchored, CancellationToken ct)
    {
        var streams = Channel.CreateBounded<(Guid Stream, List<StoredEvent> Events)>(new BoundedChannelOptions(64) { SingleWriter = true });
        var results = new System.Collections.Concurrent.ConcurrentBag<ChainVerification>();
        var workers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(_ => Task.Run(async () =>
        {
            await foreach (var (stream, events) in streams.Reader.ReadAllAsync(ct)) results.Add(Verify(stream, tenant, events, anchored?.GetValueOrDefault(stream)));
        }, ct)).ToList();
        try
        {
            await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"{Select(store.Options.Events.DatabaseSchemaName)} where tenant_id = $1 order by stream_id, version", connection)
            {
                Parameters = { new() { Value = tenant } },
            };
            await using var reader = await command.ExecuteReaderAsync(ct);
            var current = Guid.Empty;
            var batch = new List<StoredEvent>();
            while (await reader.ReadAsync(ct))
            {
                var stream = reader.GetGuid(0);
                if (stream != current && batch.Count > 0)
                {
                    await streams.Writer.WriteAsync((current, batch), ct);
                    batch = [];
                }
                current = stream;
                batch.Add(Row(reader));
            }
            if (batch.Count > 0) await streams.Writer.WriteAsync((current, batch), ct);
        }
        finally
        {
            streams.Writer.TryComplete();
            await Task.WhenAll(workers);
        }
        return results.OrderBy(r => r.StreamId).ToList();
    }
}

[Authorize(Policy = Policies.Auditor)]
public static class VerifyLetterChainEndpoint
{
    [WolverineGet("/api/letters/{id}/verify")]
    [Tags("Audit")]
    [EndpointSummary("Recompute the letter's hash chain, report the first broken link and the newest anchor holding the letter")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, AnchorSigner signer, CancellationToken ct)
    {
        if (!await LetterHistory.CanSeeAsync(session, id, caller, ct)) return Results.Problem(Problems.NotFound("Surat", id));
        return Results.Ok(await ChainVerifier.VerifyAsync(session.DocumentStore, session.TenantId, id, signer, ct));
    }
}
