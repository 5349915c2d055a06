using System.Text.Json;
using System.Threading.Channels;
using Arsip.Access;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Wolverine.Http;

namespace Arsip.Audit;

/// <summary>The first place a stream's chain does not hold, if any.</summary>
public sealed record BrokenLink(long Version, string Reason);
public sealed record ChainVerification(Guid StreamId, bool Intact, long Events, string? Head, BrokenLink? FirstBroken);

/// <summary>One stored event as read back from PostgreSQL, untouched by Marten: its data is the stored jsonb's UTF-8 text.</summary>
public sealed record StoredEvent(long Version, string Type, byte[] Data, string? Hash, string? RecordedAt, string? Actor);

public static class ChainVerifier
{
    /// <summary>Recomputes the chain over the stored events in version order and reports the first broken link.</summary>
    public static ChainVerification Verify(Guid stream, IReadOnlyList<StoredEvent> events)
    {
        using var chain = new ChainHasher();
        long expectedVersion = 1;
        foreach (var e in events)
        {
            if (e.Version != expectedVersion)
                return new(stream, false, events.Count, chain.Head, new(expectedVersion, $"Peristiwa versi {expectedVersion} hilang (event missing; next stored is version {e.Version})."));
            if (e.Hash is null || e.RecordedAt is null || e.Actor is null)
                return new(stream, false, events.Count, chain.Head, new(e.Version, "Peristiwa tanpa segel hash (event has no hash seal)."));
            bool matches;
            try
            {
                matches = chain.NextMatches(e.Data, e.Type, e.RecordedAt, e.Actor, e.Hash);
            }
            catch (JsonException)
            {
                matches = false; // stored data that is not JSON at all was certainly not what was sealed
            }
            if (!matches)
                return new(stream, false, events.Count, chain.Head, new(e.Version, "Isi atau urutan peristiwa berubah setelah dicatat (content or order changed after it was recorded)."));
            expectedVersion++;
        }
        return new(stream, true, events.Count, chain.Head, null);
    }

    private static string Select(string schema) =>
        $"select stream_id, version, type, data, headers->>'{HashChain.HashHeader}', headers->>'{HashChain.RecordedAtHeader}', headers->>'{HashChain.ActorHeader}' from {schema}.mt_events";

    // jsonb is read as its UTF-8 text (Npgsql hands the bytes over as they come), never as a .NET string
    private static StoredEvent Row(NpgsqlDataReader reader) => new(reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3),
        reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6));

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

    public static async Task<ChainVerification> VerifyAsync(IDocumentStore store, string tenant, Guid stream, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return Verify(stream, await ReadAsync(connection, store.Options.Events.DatabaseSchemaName, tenant, stream, ct));
    }

    /// <summary>
    /// Every stream of an agency: one query reads the events stream by stream while the other cores verify
    /// the streams already read (a chain is sequential within a stream, independent between streams).
    /// </summary>
    public static async Task<IReadOnlyList<ChainVerification>> VerifyAllAsync(IDocumentStore store, string tenant, CancellationToken ct)
    {
        var streams = Channel.CreateBounded<(Guid Stream, List<StoredEvent> Events)>(new BoundedChannelOptions(64) { SingleWriter = true });
        var results = new System.Collections.Concurrent.ConcurrentBag<ChainVerification>();
        var workers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(_ => Task.Run(async () =>
        {
            await foreach (var (stream, events) in streams.Reader.ReadAllAsync(ct)) results.Add(Verify(stream, events));
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
public static class VerifyLetterEndpoint
{
    [WolverineGet("/api/letters/{id}/verify")]
    [Tags("Audit")]
    [EndpointSummary("Recompute the letter's hash chain and report the first broken link")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct)
    {
        if (!await LetterHistoryEndpoint.CanSeeAsync(session, id, caller, ct)) return Results.Problem(Problems.NotFound("Surat", id));
        return Results.Ok(await ChainVerifier.VerifyAsync(session.DocumentStore, session.TenantId, id, ct));
    }
}
