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

/// <summary>One stored event as read back from PostgreSQL, untouched by Marten.</summary>
public sealed record StoredEvent(long Version, string Type, string Data, string? Hash, string? RecordedAt, string? Actor);

public static class ChainVerifier
{
    /// <summary>Recomputes the chain over the stored events in version order and reports the first broken link.</summary>
    public static ChainVerification Verify(Guid stream, IReadOnlyList<StoredEvent> events)
    {
        var previous = HashChain.Genesis;
        long expectedVersion = 1;
        foreach (var e in events)
        {
            if (e.Version != expectedVersion)
                return new(stream, false, events.Count, previous, new(expectedVersion, $"Peristiwa versi {expectedVersion} hilang (event missing; next stored is version {e.Version})."));
            if (e.Hash is null || e.RecordedAt is null || e.Actor is null)
                return new(stream, false, events.Count, previous, new(e.Version, "Peristiwa tanpa segel hash (event has no hash seal)."));
            var link = HashChain.Link(previous, e.Type, HashChain.Canonical(e.Data), e.RecordedAt, e.Actor);
            if (link != e.Hash)
                return new(stream, false, events.Count, previous, new(e.Version, "Isi atau urutan peristiwa berubah setelah dicatat (content or order changed after it was recorded)."));
            previous = link;
            expectedVersion++;
        }
        return new(stream, true, events.Count, previous, null);
    }

    public static async Task<IReadOnlyList<StoredEvent>> ReadAsync(NpgsqlConnection connection, string schema, string tenant, Guid stream, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
             select version, type, data::text, headers->>'{HashChain.HashHeader}', headers->>'{HashChain.RecordedAtHeader}', headers->>'{HashChain.ActorHeader}'
             from {schema}.mt_events where stream_id = $1 and tenant_id = $2 order by version
             """, connection)
        {
            Parameters = { new() { Value = stream }, new() { Value = tenant } },
        };
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        return events;
    }

    public static async Task<ChainVerification> VerifyAsync(IDocumentStore store, string tenant, Guid stream, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return Verify(stream, await ReadAsync(connection, store.Options.Events.DatabaseSchemaName, tenant, stream, ct));
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
