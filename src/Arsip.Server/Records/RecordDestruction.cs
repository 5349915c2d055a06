using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Documents;
using Arsip.Infrastructure;
using Npgsql;

namespace Arsip.Records;

/// <summary>The approval a destruction happens under: the disposal (B1's stream), its berita acara number, who executes it and when;
/// or a handover whose content is not kept here: its id and number, and <paramref name="HandedOverTo"/>, the archive that received it.</summary>
public sealed record DestructionWarrant(Guid DisposalId, string Reference, Guid ByPersonId, string By, DateTimeOffset At, string? HandedOverTo = null);

public sealed record DestroyedLetter(Guid LetterId, LetterDirection Direction, string? Number, DateOnly? LetterDate, string Correspondent, string Subject, string Classification);

/// <summary>Pemusnahan of one berkas's letters in the caller's unit of work (one transaction per batch, so a crash leaves a
/// record untouched or fully reduced): every letter and disposition keeps its tombstone and every event, reduced by
/// <see cref="EventReduction"/>; a sealed <see cref="ContentDestroyed"/> on each stream records the hashes before and after.
/// Inserting it makes the database rewrite the events' data (<c>arsip_reduce_events</c>, owned by the schema owner: the
/// runtime role still cannot UPDATE events). Issued PDFs are deleted, inbox rows reduced, and a <see cref="PendingBlobDeletion"/>
/// lists the blobs <c>Searching/DestroyedContentSweeper</c> deletes after commit unless a record not destroyed shares their bytes.</summary>
public static class RecordDestruction
{
    /// <summary>Idempotent: an already destroyed letter is returned from its tombstone, untouched.</summary>
    public static async Task<IReadOnlyList<DestroyedLetter>> DestroyCaseFileAsync(IDocumentSession session, CaseFile caseFile, DestructionWarrant warrant, CancellationToken ct) =>
        (await DestroyCaseFilesAsync(session, [caseFile], warrant, ct))[caseFile.Id];

    /// <summary>A batch of berkas in the caller's unit of work, set-based: the views and dispositions in one round trip, every
    /// stream's events in one query, the inbox rows in one load, whatever the number of berkas and letters. Idempotent like
    /// <see cref="DestroyCaseFileAsync"/>; returns each berkas's letters (an empty list for an empty berkas).</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<DestroyedLetter>>> DestroyCaseFilesAsync(IDocumentSession session, IReadOnlyCollection<CaseFile> caseFiles,
        DestructionWarrant warrant, CancellationToken ct)
    {
        var result = caseFiles.ToDictionary(f => f.Id, _ => (IReadOnlyList<DestroyedLetter>)[]);
        var filed = caseFiles.SelectMany(f => f.Letters).ToArray();
        if (filed.Length == 0) return result;
        var incomingIds = filed.Where(l => l.Direction == LetterDirection.Incoming).Select(l => l.LetterId).Distinct().ToArray();
        var outgoingIds = filed.Where(l => l.Direction != LetterDirection.Incoming).Select(l => l.LetterId).Distinct().ToArray();
        var ids = incomingIds.Concat(outgoingIds).ToArray();
        var batch = session.CreateBatchQuery();
        var incomingLoad = batch.LoadMany<IncomingLetterView>().ById(incomingIds);
        var outgoingLoad = batch.LoadMany<OutgoingLetterView>().ById(outgoingIds);
        var dispositionsLoad = batch.Query<Disposition>().Where(d => ids.Contains(d.LetterId)).ToList();
        await batch.Execute(ct);
        var incoming = (await incomingLoad).ToDictionary(l => l.Id);
        var outgoing = (await outgoingLoad).ToDictionary(l => l.Id);
        var dispositions = (await dispositionsLoad).ToLookup(d => d.LetterId);

        var toDestroy = new List<(Guid Id, Guid CaseFileId)>();
        var seen = new HashSet<Guid>();
        foreach (var caseFile in caseFiles)
        {
            var listedLetters = new List<DestroyedLetter>(caseFile.Letters.Count);
            foreach (var letter in caseFile.Letters)
            {
                var (listed, destroyed) = letter.Direction == LetterDirection.Incoming
                    ? incoming.GetValueOrDefault(letter.LetterId) is { } i ? (Listed(i), i.Destroyed) : (null, null)
                    : outgoing.GetValueOrDefault(letter.LetterId) is { } o ? (Listed(o), o.Destroyed) : (null, null);
                if (listed is null) continue; // filed but never projected: nothing to destroy or list
                listedLetters.Add(listed);
                if (destroyed is null && seen.Add(letter.LetterId)) toDestroy.Add((letter.LetterId, caseFile.Id));
            }
            result[caseFile.Id] = listedLetters;
        }
        if (toDestroy.Count == 0) return result;

        var streams = toDestroy.Select(l => l.Id).Concat(toDestroy.SelectMany(l => dispositions[l.Id].Where(d => d.Destroyed is null).Select(d => d.Id))).ToArray();
        var stored = await ReadAsync(session, streams, ct);
        var reduction = EventReduction.For(session);
        var pdfs = new List<string>();
        var inboxRows = new List<string>();
        var bulk = new List<(IncomingLetterView View, List<StoredRow> Events, string[] Blobs)>();

        foreach (var berkas in toDestroy.GroupBy(l => l.CaseFileId))
        {
            var blobs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (id, _) in berkas)
            {
                string[] letterBlobs, letterPdfs;
                if (incoming.TryGetValue(id, out var i))
                    (letterBlobs, letterPdfs) = (i.Files.Select(f => f.Sha256).ToArray(), []);
                else
                {
                    var o = outgoing[id];
                    (letterBlobs, letterPdfs) = (o.Files.Select(f => f.Sha256).ToArray(), o.IssuedPdfSha256 is { } sha ? [sha] : []);
                }
                if (incoming.TryGetValue(id, out var view))
                {
                    if (stored.GetValueOrDefault(id) is { Count: > 0 } events) bulk.Add((view, events, letterBlobs));
                }
                else Append(session, id, StreamKind.Outgoing, stored.GetValueOrDefault(id) ?? [], reduction, warrant, letterBlobs, letterPdfs);
                blobs.UnionWith(letterBlobs);
                pdfs.AddRange(letterPdfs);

                foreach (var disposition in dispositions[id].Where(d => d.Destroyed is null))
                {
                    var files = disposition.FollowUps.SelectMany(f => f.Files ?? []).Select(f => f.Sha256).Distinct().ToArray();
                    Append(session, disposition.Id, StreamKind.Disposition, stored.GetValueOrDefault(disposition.Id) ?? [], reduction, warrant, files, []);
                    blobs.UnionWith(files);
                    inboxRows.AddRange(disposition.Recipients.Select(r => DispositionInboxRow.IdFor(disposition.Id, r.PositionId)));
                }
            }
            if (blobs.Count > 0)
                session.Store(new PendingBlobDeletion { Id = $"{warrant.DisposalId:N}:{berkas.Key:N}", Sha256 = blobs.Order(StringComparer.Ordinal).ToArray(), At = warrant.At });
        }

        if (inboxRows.Count > 0)
            foreach (var row in await session.LoadManyAsync<DispositionInboxRow>(ct, inboxRows))
            {
                (row.Instructions, row.Note) = ([], null);
                session.Store(row);
            }

        foreach (var sha in pdfs) session.Delete<IssuedPdf>(sha);
        AppendInBulk(session, bulk, reduction, warrant);
        return result;
    }

    private static readonly IncomingLetterViewProjection IncomingViews = new();

    /// <summary>The incoming letters' tombstones (the bulk of any disposal) in three statements for the whole batch, queued in the
    /// caller's unit of work: the events (sealed in the chain exactly as <see cref="HashChainListener"/> seals them), their streams'
    /// versions, and the views as <see cref="IncomingLetterViewProjection"/> (their only inline projection) applies the tombstone.
    /// Marten's append costs one function call per stream plus an upsert per view (0.6 ms a letter of PostgreSQL time alone).
    /// Guarantees kept: the unique (tenant, stream, version) index fails the batch if anything was appended after the read, and
    /// the statement trigger <c>arsip_reduce_events</c> reduces every named event in the same statement. Outgoing letters and
    /// dispositions (several inline projections: snapshots, inbox, notifications) keep Marten's append.</summary>
    private static void AppendInBulk(IDocumentSession session, List<(IncomingLetterView View, List<StoredRow> Events, string[] Blobs)> bulk,
        EventReduction reduction, DestructionWarrant warrant)
    {
        if (bulk.Count == 0) return;
        var options = session.DocumentStore.Options;
        var serializer = options.Serializer();
        var mapping = ((Marten.Events.EventGraph)options.Events).EventMappingFor(typeof(IncomingLetterContentDestroyed));
        var (type, dotnetType) = (mapping.EventTypeName, mapping.DotNetTypeName);
        // durable work (the disposal's batches, a handover's content removal), never a person's request: the listener's actor too
        var actor = HashChain.ActorOf(null);
        var tenant = session.TenantId;
        var n = bulk.Count;
        var (ids, streams, versions, data, headers, views) = (new Guid[n], new Guid[n], new long[n], new string[n], new string[n], new string[n]);
        var recordedAt = HashChain.Microseconds(warrant.At);
        var at = HashChain.Instant(recordedAt);
        // each letter's reduction, tombstone, link and view stand alone: on every core
        Parallel.For(0, n, i =>
        {
            var (view, events, blobs) = bulk[i];
            var last = events[^1];
            var tombstone = (IncomingLetterContentDestroyed)Tombstone(StreamKind.Incoming, last.Stream, events, reduction, warrant, blobs, []);
            var json = serializer.ToJson(tombstone);
            using var chain = new ChainHasher(last.Link ?? HashChain.Genesis);
            var version = last.Version + 1;
            var hash = chain.Next(System.Text.Encoding.UTF8.GetBytes(json), new LinkFields(HashChain.CurrentFormat, tenant, last.Stream, version, type, at, actor));
            (ids[i], streams[i], versions[i], data[i]) = (Guid.CreateVersion7(), last.Stream, version, json);
            headers[i] = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                [HashChain.HashHeader] = hash, [HashChain.ActorHeader] = actor, [HashChain.FormatHeader] = HashChain.CurrentFormat, [HashChain.RecordedAtHeader] = at,
            });
            IncomingViews.Apply(view, tombstone);
            views[i] = serializer.ToJson(view);
        });
        var schema = options.Events.DatabaseSchemaName;
        session.QueueSqlCommand($"""
            insert into {schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived, headers)
            select nextval('{schema}.mt_events_sequence'), x.id, x.stream, x.version, x.data::jsonb, ?, ?, ?, ?, false, x.headers::jsonb
            from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::text[], ?::text[]) as x(id, stream, version, data, headers) order by x.stream
            """, type, tenant, recordedAt, dotnetType, ids, streams, versions, data, headers);
        session.QueueSqlCommand($"""
            update {schema}.mt_streams s set version = greatest(s.version, x.version), timestamp = now()
            from unnest(?::uuid[], ?::bigint[]) as x(stream, version) where s.tenant_id = ? and s.id = x.stream
            """, streams, versions, tenant);
        session.QueueSqlCommand($"""
            update {options.DatabaseSchemaName}.mt_doc_{nameof(IncomingLetterView).ToLowerInvariant()} d
            set data = x.data::jsonb, mt_version = x.version, mt_last_modified = transaction_timestamp()
            from unnest(?::uuid[], ?::bigint[], ?::text[]) as x(id, version, data) where d.tenant_id = ? and d.id = x.id
            """, streams, versions, views, tenant);
    }

    private static DestroyedLetter Listed(IncomingLetterView l) =>
        new(l.Id, LetterDirection.Incoming, l.SenderLetterNumber, l.LetterDate, l.Sender, l.Subject, l.Classification);

    private static DestroyedLetter Listed(OutgoingLetterView l) =>
        new(l.Id, LetterDirection.Outgoing, l.LetterNumber, l.LetterDate, string.Join("; ", l.Content.Addressees.Select(a => a.Name)), l.Content.Subject, l.Content.Classification);

    /// <summary>The tombstone at the version after the last one read: anything appended meanwhile makes the save fail instead of escaping reduction.</summary>
    private enum StreamKind { Incoming, Outgoing, Disposition }

    private static void Append(IDocumentSession session, Guid stream, StreamKind kind, IReadOnlyList<StoredRow> events, EventReduction reduction, DestructionWarrant warrant, string[] blobs, string[] pdfs)
    {
        if (events.Count == 0) return;
        session.Events.Append(stream, events[^1].Version + 1, Tombstone(kind, stream, events, reduction, warrant, blobs, pdfs));
    }

    private static ContentDestroyed Tombstone(StreamKind kind, Guid stream, IReadOnlyList<StoredRow> events, EventReduction reduction, DestructionWarrant warrant, string[] blobs, string[] pdfs)
    {
        var reduced = events.Select(reduction.Reduce).OfType<ReducedEvent>().ToArray();
        var (id, w) = (stream, warrant);
        return kind switch
        {
            StreamKind.Incoming => new IncomingLetterContentDestroyed(id, w.DisposalId, w.Reference, w.ByPersonId, w.By, w.At, reduced, blobs, pdfs, w.HandedOverTo),
            StreamKind.Outgoing => new OutgoingLetterContentDestroyed(id, w.DisposalId, w.Reference, w.ByPersonId, w.By, w.At, reduced, blobs, pdfs, w.HandedOverTo),
            _ => new DispositionContentDestroyed(id, w.DisposalId, w.Reference, w.ByPersonId, w.By, w.At, reduced, blobs, pdfs, w.HandedOverTo),
        };
    }

    public sealed record StoredRow(Guid Stream, long Version, string Type, string Data, string? Link);

    private static async Task<Dictionary<Guid, List<StoredRow>>> ReadAsync(IDocumentSession session, Guid[] streams, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var connection = (NpgsqlConnection)session.DocumentStore.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select stream_id, version, type, data::text, headers->>'{HashChain.HashHeader}' from {schema}.mt_events where tenant_id = $1 and stream_id = any($2) order by stream_id, version",
            connection) { Parameters = { new() { Value = session.TenantId }, new() { Value = streams } } };
        var rows = new Dictionary<Guid, List<StoredRow>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new StoredRow(reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
            if (!rows.TryGetValue(row.Stream, out var list)) rows[row.Stream] = list = [];
            list.Add(row);
        }
        return rows;
    }
}

/// <summary>What each stored event keeps after pemusnahan, by Marten's event type name: the same fields the views drop
/// (<see cref="ContentReduction"/>). An event with nothing to drop is left as it is and not listed.</summary>
public sealed class EventReduction
{
    private readonly Dictionary<string, Action<JsonObject>> _rules;

    private EventReduction(Dictionary<string, Action<JsonObject>> rules) => _rules = rules;

    public static EventReduction For(IQuerySession session)
    {
        var graph = (Marten.Events.EventGraph)session.DocumentStore.Options.Events;
        string Name<T>() => graph.EventMappingFor(typeof(T)).EventTypeName;
        return new(new()
        {
            [Name<IncomingLetterRegistered>()] = e => Clear(e, "Attachments", "Remarks"),
            [Name<IncomingLetterCorrected>()] = e =>
            {
                Blank(e, "Reason");
                foreach (var change in (e["Changes"] as JsonArray ?? []).OfType<JsonObject>())
                    if (change["Field"]?.GetValue<string>() is { } field && ContentReduction.ContentFields.Contains(field)) Clear(change, "Before", "After");
            },
            [Name<LetterAccessGranted>()] = e => Blank(e, "Reason"),
            [Name<IncomingLetterAttachmentAdded>()] = e => Blank(e, "FileName"),
            [Name<OutgoingLetterDrafted>()] = ReduceContent,
            [Name<OutgoingLetterNumberReserved>()] = ReduceContent,
            [Name<OutgoingLetterImported>()] = e => { ReduceContent(e); Clear(e, "Remarks"); },
            [Name<OutgoingLetterRevised>()] = e => { ReduceContent(e); Clear(e, "Note"); },
            [Name<OutgoingLetterInitialed>()] = e => Clear(e, "Comment"),
            [Name<OutgoingLetterReturned>()] = e => Blank(e, "Comments"),
            [Name<OutgoingLetterCancelled>()] = e => Blank(e, "Reason"),
            [Name<OutgoingLetterFileAdded>()] = e => Blank(e, "FileName"),
            [Name<DispositionIssued>()] = e => { e["Instructions"] = new JsonArray(); Clear(e, "Note"); },
            [Name<FollowUpReported>()] = e =>
            {
                Blank(e, "Text");
                foreach (var file in (e["Files"] as JsonArray ?? []).OfType<JsonObject>()) Blank(file, "FileName");
            },
            [Name<DispositionCompleted>()] = e => Clear(e, "Note"),
            [Name<DispositionWithdrawn>()] = e => Clear(e, "Reason"),
        });
    }

    /// <summary>The reduced event, or null when the event keeps everything (or is a tombstone).</summary>
    public ReducedEvent? Reduce(RecordDestruction.StoredRow row)
    {
        if (!_rules.TryGetValue(row.Type, out var rule) || row.Link is null) return null;
        var data = JsonNode.Parse(row.Data)!.AsObject();
        rule(data);
        var reduced = data.ToJsonString();
        var (before, after) = (HashChain.Canonical(row.Data), HashChain.Canonical(reduced));
        if (before == after) return null;
        using var document = JsonDocument.Parse(reduced);
        return new ReducedEvent(row.Version, row.Type, Sha256(before), Sha256(after), row.Link, document.RootElement.Clone());
    }

    public static string Sha256(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static void ReduceContent(JsonObject e)
    {
        if (e["Content"] is JsonObject content)
        {
            Blank(content, "Body");
            Clear(content, "Attachments", "Structure");
        }
    }

    private static void Blank(JsonObject e, string property)
    {
        if (e[property] is not null) e[property] = "";
    }

    private static void Clear(JsonObject e, params string[] properties)
    {
        foreach (var property in properties)
            if (e.ContainsKey(property)) e[property] = null;
    }
}
