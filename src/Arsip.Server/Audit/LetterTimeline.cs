using Arsip.Infrastructure;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Organization;
using Marten.Services;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Arsip.Audit;

/// <summary>Where a rebuild stops: after a version of the letter's own stream, at a moment, after the n-th step of the timeline, or nowhere (now).</summary>
public readonly record struct Cutoff(long? Version = null, DateTimeOffset? AsOf = null, int? Step = null);

/// <summary>Who held a position at a moment: the person placed in it, or one acting for it (Plt/Plh) that day.</summary>
public sealed record PositionHolder(Guid PersonId, string Name, ActingKind? Acting);

public sealed record RecipientAt(
    Guid PositionId, string Title, bool Lead, RecipientStatus Status, DateTimeOffset? FirstReadAt,
    DateTimeOffset? CompletedAt, string? CompletedBy, string? CompletionNote, IReadOnlyList<PositionHolder> HeldBy);

public sealed record ForwardAt(Guid DispositionId, string ByTitle, string ByName, ActingKind? ByActing, DateTimeOffset At, IReadOnlyList<string> To);

public sealed record DispositionAt(
    Guid Id, Guid? ParentId, int Depth, Guid IssuerPositionId, string IssuerTitle, string IssuerName, ActingKind? IssuerActing,
    string[] Instructions, string? Note, DateTimeOffset IssuedAt, DateTimeOffset Deadline, DispositionState State, DateTimeOffset? EndedAt,
    bool Overdue, IReadOnlyList<RecipientAt> Recipients, IReadOnlyList<ReadRecord> Reads, IReadOnlyList<FollowUpRecord> FollowUps,
    IReadOnlyList<ForwardAt> Forwards);

/// <summary>A letter's events and its dispositions' in recorded order, folded by the same aggregators Marten's live aggregation uses.</summary>
public sealed class LetterTimeline
{
    public required Guid LetterId { get; init; }
    public required IReadOnlyList<IEvent> Events { get; init; }
    public required int Total { get; init; }

    public bool Incoming => Events.Count > 0 && Events[0].Data is IncomingLetterRegistered;
    public string Direction => Incoming ? "incoming" : "outgoing";
    public bool IsLetterEvent(IEvent e) => e.StreamId == LetterId;

    // Streams are found through LetterDisposed events ("DispositionId" is its stored PascalCase property), so the timeline is defined by events alone;
    // "stream_id = any(array(...))" keeps one index lookup per stream however large mt_events grows.
    private const string Streams = """
        tenant_id = $1 and stream_id = any(array(
            select (data->>'DispositionId')::uuid from {0}.mt_events where tenant_id = $1 and stream_id = $2 and type = $3
            union all select $2))
        """;

    private static readonly ConcurrentDictionary<string, Type> Types = new();

    private static readonly ConditionalWeakTable<IDocumentStore, MemoryCache> Cache = new();
    private sealed record Cached(IEvent[] Events)
    {
        public long LastSequence => Events.Length == 0 ? 0 : Events[^1].Sequence;
    }
    private const int CachedEventsPerStore = 200_000;

    /// <summary>Events are only appended, so a timeline read once is kept (bounded, per store) while its fingerprint (count, highest sequence: one index-only query) is unchanged; verification never uses it.</summary>
    public static async Task<LetterTimeline> ReadAsync(IQuerySession session, Guid letterId, Cutoff cutoff, CancellationToken ct)
    {
        var options = Options(session);
        var graph = (Marten.Events.EventGraph)options.Events;
        var schema = options.Events.DatabaseSchemaName;
        var streams = string.Format(Streams, schema);
        var disposed = graph.EventMappingFor(typeof(LetterDisposed)).EventTypeName;
        await using var connection = await OpenAsync(session, ct);

        var cache = Cache.GetValue(session.DocumentStore, _ => new MemoryCache(new MemoryCacheOptions { SizeLimit = CachedEventsPerStore }));
        var key = (session.TenantId, letterId);
        // a kept timeline is checked against its fingerprint; a letter not kept yet is simply read (the read is its own fingerprint)
        if (!cache.TryGetValue(key, out Cached? cached) || cached is null || !await IsCurrentAsync(cached, session, connection, schema, streams, letterId, disposed, ct))
        {
            var all = await ReadAllAsync(session, connection, graph, schema, streams, letterId, disposed, ct);
            cached = new Cached(all);
            if (all.Length <= CachedEventsPerStore / 10)
                cache.Set(key, cached, new MemoryCacheEntryOptions { Size = Math.Max(1, all.Length), SlidingExpiration = TimeSpan.FromMinutes(10) });
        }

        var events = cached.Events;
        IReadOnlyList<IEvent> slice = cutoff switch
        {
            { Version: { } version } => Array.FindLastIndex(events, e => e.StreamId == letterId && e.Version == version) is var at and >= 0 ? events[..(at + 1)] : [],
            { AsOf: { } asOf } => events.Where(e => e.Timestamp <= asOf).ToArray(),
            { Step: { } step } => events[..Math.Min(step, events.Length)],
            _ => events,
        };
        return new LetterTimeline { LetterId = letterId, Events = slice, Total = events.Length };
    }

    /// <summary>Benchmarks measure the first read with it.</summary>
    public static void Forget(IDocumentStore store) => Cache.Remove(store);

    private static async Task<bool> IsCurrentAsync(Cached cached, IQuerySession session, NpgsqlConnection connection, string schema, string streams,
        Guid letterId, string disposed, CancellationToken ct)
    {
        await using var fingerprint = new NpgsqlCommand($"select count(*), coalesce(max(seq_id), 0) from {schema}.mt_events where {streams}", connection)
        {
            Parameters = { new() { Value = session.TenantId }, new() { Value = letterId }, new() { Value = disposed } },
        };
        await using var reader = await fingerprint.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return cached.Events.Length == reader.GetInt64(0) && cached.LastSequence == reader.GetInt64(1);
    }

    private static async Task<IEvent[]> ReadAllAsync(IQuerySession session, NpgsqlConnection connection, Marten.Events.EventGraph graph, string schema,
        string streams, Guid letterId, string disposed, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
             select seq_id, stream_id, version, type, timestamp, data, mt_dotnet_type, headers->>'{HashChain.ActorHeader}', headers->>'{HashChain.HashHeader}'
             from {schema}.mt_events where {streams} order by seq_id
             """, connection)
        {
            Parameters = { new() { Value = session.TenantId }, new() { Value = letterId }, new() { Value = disposed } },
        };
        var serializer = Options(session).Serializer();
        var json = JsonOptionsOf(serializer);
        // A long letter is deserialized in chunks on the thread pool while the rest is still read; a core is left for PostgreSQL (two chunks at once measured no better).
        Task<List<IEvent>> built = Task.FromResult(new List<IEvent>());
        var rows = new List<Row>(DeserializeChunk);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var type = Types.GetOrAdd(reader.GetString(6), name => Type.GetType(name, throwOnError: true)!);
                rows.Add(new Row(type, json is null ? serializer.FromJson(type, reader, 5) : reader.GetFieldValue<byte[]>(5),
                    reader.GetInt64(0), reader.GetGuid(1), reader.GetInt64(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
                if (rows.Count < DeserializeChunk) continue;
                var chunk = rows.ToArray();
                rows.Clear();
                var before = built;
                built = Task.Run(async () =>
                {
                    var events = await before;
                    events.AddRange(Build(chunk, graph, json, session.TenantId));
                    return events;
                }, ct);
            }
        var tail = Build(rows, graph, json, session.TenantId);
        var all = await built;
        all.AddRange(tail);
        return [.. all];
    }

    private const int DeserializeChunk = 128;

    /// <summary>A stored event as read: its data still as bytes (or already an object when Marten's own serializer read it).</summary>
    private readonly record struct Row(
        Type Type, object Data, long Sequence, Guid StreamId, long Version, string TypeName, DateTimeOffset Timestamp, string? Actor, string? Hash);

    private static IEvent[] Build(IReadOnlyList<Row> rows, Marten.Events.EventGraph graph, JsonSerializerOptions? json, string tenant)
    {
        var events = new IEvent[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var data = json is not null && row.Data is byte[] bytes ? JsonSerializer.Deserialize(bytes, row.Type, json)! : row.Data;
            var e = graph.EventMappingFor(row.Type).Wrap(data);
            (e.Sequence, e.StreamId, e.Version, e.EventTypeName, e.Timestamp, e.TenantId) =
                (row.Sequence, row.StreamId, row.Version, row.TypeName, row.Timestamp, tenant);
            if (row.Actor is not null) e.SetHeader(HashChain.ActorHeader, row.Actor);
            if (row.Hash is not null) e.SetHeader(HashChain.HashHeader, row.Hash);
            events[i] = e;
        }
        return events;
    }

    private static readonly ConditionalWeakTable<ISerializer, JsonSerializerOptions?> JsonOptions = new();

    /// <summary>Deserializing from Npgsql's bytes in one call costs about half of Marten's stream-based read, which is what replaying a long letter spends its time on; null for any other serializer.</summary>
    private static JsonSerializerOptions? JsonOptionsOf(ISerializer serializer) => JsonOptions.GetValue(serializer, s =>
    {
        JsonSerializerOptions? options = null;
        (s as SystemTextJsonSerializer)?.Configure(o => options ??= o);
        return options;
    });

    private static StoreOptions Options(IQuerySession session) => (StoreOptions)session.DocumentStore.Options;

    private static async Task<NpgsqlConnection> OpenAsync(IQuerySession session, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)session.DocumentStore.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    public async Task<(object? Letter, IReadOnlyList<Disposition> Dispositions)> FoldAsync(IQuerySession session, int count, CancellationToken ct)
    {
        var upTo = Events.Take(count).ToList();
        var letterEvents = upTo.Where(IsLetterEvent).ToList();
        object? letter = letterEvents.Count == 0 ? null
            : Incoming
                ? await Options(session).Projections.AggregatorFor<IncomingLetterView>().BuildAsync(letterEvents, session, null, ct)
                : await Options(session).Projections.AggregatorFor<OutgoingLetterView>().BuildAsync(letterEvents, session, null, ct);
        var dispositions = new List<Disposition>();
        var aggregator = Options(session).Projections.AggregatorFor<Disposition>();
        foreach (var stream in upTo.Where(e => !IsLetterEvent(e)).GroupBy(e => e.StreamId))
            if (await aggregator.BuildAsync(stream.ToList(), session, null, ct) is { } disposition)
                dispositions.Add(disposition);
        return (letter, dispositions);
    }

    /// <summary>The aggregates change in place.</summary>
    public async Task<(object? Letter, IReadOnlyList<Disposition> Dispositions)> ApplyAsync(
        IQuerySession session, (object? Letter, IReadOnlyList<Disposition> Dispositions) state, IEvent e, CancellationToken ct)
    {
        var projections = Options(session).Projections;
        if (IsLetterEvent(e))
            return (Incoming
                ? await projections.AggregatorFor<IncomingLetterView>().BuildAsync([e], session, state.Letter as IncomingLetterView, ct)
                : await projections.AggregatorFor<OutgoingLetterView>().BuildAsync([e], session, state.Letter as OutgoingLetterView, ct), state.Dispositions);
        var dispositions = state.Dispositions.ToList();
        var at = dispositions.FindIndex(d => d.Id == e.StreamId);
        var updated = await projections.AggregatorFor<Disposition>().BuildAsync([e], session, at >= 0 ? dispositions[at] : null, ct);
        if (updated is not null && at >= 0) dispositions[at] = updated;
        else if (updated is not null) dispositions.Add(updated);
        return (state.Letter, dispositions);
    }

    /// <summary>Acting assignments count only on the days they cover in the agency's time zone.</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<PositionHolder>>> HoldersAsync(
        IQuerySession session, IReadOnlyCollection<Guid> positions, long? upToSequence, DateTimeOffset moment, TimeZoneInfo zone, CancellationToken ct)
    {
        if (positions.Count == 0) return new Dictionary<Guid, IReadOnlyList<PositionHolder>>();
        var options = Options(session);
        var graph = (Marten.Events.EventGraph)options.Events;
        var assigned = graph.EventMappingFor(typeof(PersonAssigned)).EventTypeName;
        await using var connection = await OpenAsync(session, ct);
        await using var command = new NpgsqlCommand(
            $"""
             select stream_id, type, data from {options.Events.DatabaseSchemaName}.mt_events
             where tenant_id = $1 and type = any($2) and {(upToSequence is null ? "timestamp <= $3" : "seq_id <= $3")}
             order by seq_id
             """, connection)
        {
            Parameters =
            {
                new() { Value = session.TenantId },
                new() { Value = new[] { assigned, graph.EventMappingFor(typeof(ActingAssigned)).EventTypeName } },
                upToSequence is { } sequence ? new() { Value = sequence } : new() { Value = moment.ToUniversalTime() },
            },
        };
        var placedIn = new Dictionary<Guid, Guid>();
        var acting = new List<ActingAssigned>();
        var serializer = options.Serializer();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                if (reader.GetString(1) == assigned) placedIn[reader.GetGuid(0)] = serializer.FromJson<PersonAssigned>(reader, 2).PositionId;
                else acting.Add(serializer.FromJson<ActingAssigned>(reader, 2));

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, zone).DateTime);
        var holders = placedIn.Where(p => positions.Contains(p.Value)).Select(p => (p.Value, p.Key, (ActingKind?)null))
            .Concat(acting.Where(a => positions.Contains(a.PositionId) && a.From <= day && day <= a.Until && placedIn.GetValueOrDefault(a.PersonId) != a.PositionId)
                .Select(a => (a.PositionId, a.PersonId, (ActingKind?)a.Kind)))
            .Distinct().ToList();
        var people = holders.Count == 0 ? [] : await session.LoadManyAsync<Person>(ct, holders.Select(h => h.Item2).Distinct());
        var names = people.ToDictionary(p => p.Id, p => p.FullName);
        return holders.GroupBy(h => h.Item1).ToDictionary(g => g.Key,
            g => (IReadOnlyList<PositionHolder>)g.Select(h => new PositionHolder(h.Item2, names.GetValueOrDefault(h.Item2, "?"), h.Item3)).ToList());
    }

    public static IReadOnlyList<DispositionAt> Describe(IReadOnlyList<Disposition> dispositions, IReadOnlyDictionary<Guid, IReadOnlyList<PositionHolder>> holders, DateTimeOffset moment)
    {
        var children = dispositions.Where(d => d.ParentId is not null).ToLookup(d => d.ParentId!.Value);
        var result = new List<DispositionAt>();
        void Add(Disposition d, int depth)
        {
            var forwards = children[d.Id].OrderBy(c => c.IssuedAt)
                .Select(c => new ForwardAt(c.Id, c.IssuerTitle, c.IssuerName, c.IssuerActing, c.IssuedAt, c.Recipients.Select(r => r.Title).ToList())).ToList();
            result.Add(new DispositionAt(d.Id, d.ParentId, depth, d.IssuerPositionId, d.IssuerTitle, d.IssuerName, d.IssuerActing, d.Instructions, d.Note,
                d.IssuedAt, d.Deadline, d.State, d.EndedAt, d.State == DispositionState.Open && !d.WorkDone && moment > d.Deadline,
                d.Recipients.Select(r => new RecipientAt(r.PositionId, r.Title, r.Lead, r.StatusAt(moment, d.Deadline, d.State), r.FirstReadAt,
                    r.CompletedAt, r.CompletedBy, r.CompletionNote, holders.GetValueOrDefault(r.PositionId) ?? [])).ToList(),
                d.Reads, d.FollowUps, forwards));
            foreach (var child in children[d.Id].OrderBy(c => c.IssuedAt)) Add(child, depth + 1);
        }
        var known = dispositions.Select(d => d.Id).ToHashSet();
        foreach (var root in dispositions.Where(d => d.ParentId is null || !known.Contains(d.ParentId.Value)).OrderBy(d => d.IssuedAt)) Add(root, 0);
        return result;
    }

    public static IReadOnlyCollection<Guid> RecipientPositions(IEnumerable<Disposition> dispositions) =>
        dispositions.SelectMany(d => d.Recipients.Select(r => r.PositionId)).ToHashSet();
}
