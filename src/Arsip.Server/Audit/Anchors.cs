using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arsip.Access;
using Arsip.Infrastructure;
using Npgsql;

namespace Arsip.Audit;

public sealed record StreamHead(Guid StreamId, long Version, string Hash);

/// <summary>A signed statement of an agency's stream heads, chained to the previous anchor and published to a log outside the database: a chain re-sealed or cut short after an anchor no longer matches it.</summary>
public sealed class AuditAnchor
{
    public Guid Id { get; set; }
    /// <summary>2 for anchors signed with the installation key; 0 for the HMAC anchors of before, which prove nothing now.</summary>
    public int Format { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string PreviousDigest { get; set; } = "";
    public long From { get; set; }
    /// <summary>Every event up to here had committed when the anchor was made (the daemon's high-water mark), so the next anchor starts here.</summary>
    public long CoveredThrough { get; set; }
    public List<StreamHead> Heads { get; set; } = [];
    public string Digest { get; set; } = "";
    public string KeyId { get; set; } = "";
    public string Signature { get; set; } = "";
}

public sealed record AnchorSummary(Guid Id, DateTimeOffset CreatedAt, string CreatedBy, int Streams, string Digest, string Signature);
public sealed record AnchorProblem(Guid StreamId, string Reason);
public sealed record AnchorVerification(Guid AnchorId, bool Intact, bool SignatureValid, bool Published, int Streams, IReadOnlyList<AnchorProblem> Problems);

/// <summary>An ECDSA P-256 key the database never sees; earlier keys' public halves in Arsip:Audit:TrustedAnchorKeys still verify.</summary>
public sealed class AnchorSigner
{
    private readonly Lazy<ECDsa> _key;
    private readonly Lazy<Dictionary<string, ECDsa>> _trusted;

    public AnchorSigner(IConfiguration configuration)
    {
        var data = DataFolder.Resolve(configuration);
        LogPath = configuration["Arsip:Audit:AnchorLog"] ?? Path.Combine(data, "anchors", "anchors.jsonl");
        _key = new(() =>
        {
            var key = ECDsa.Create();
            key.ImportFromPem(configuration["Arsip:Audit:AnchorKey"] is { Length: > 0 } pem ? pem : SigningKeys.ReadOrCreate(configuration["Arsip:Audit:AnchorKeyFile"] ?? Path.Combine(data, "keys", "anchor-signing.pem")));
            return key;
        });
        _trusted = new(() =>
        {
            var keys = new Dictionary<string, ECDsa> { [KeyId] = _key.Value };
            foreach (var pem in configuration.GetSection("Arsip:Audit:TrustedAnchorKeys").GetChildren().Select(c => c.Value).OfType<string>())
            {
                var key = ECDsa.Create();
                key.ImportFromPem(pem);
                keys[SigningKeys.IdOf(key)] = key;
            }
            return keys;
        });
    }

    public string LogPath { get; }
    public string KeyId => SigningKeys.IdOf(_key.Value);
    public string PublicKeyPem => _key.Value.ExportSubjectPublicKeyInfoPem();

    /// <summary>A DER (RFC 3279) ECDSA signature over <paramref name="data"/> with SHA-256, as openssl and other tools read it (the handover manifest).</summary>
    public byte[] SignDer(byte[] data) => _key.Value.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public string Sign(string digest) => Convert.ToBase64String(_key.Value.SignData(Encoding.ASCII.GetBytes(digest), HashAlgorithmName.SHA256));

    /// <summary>Only keys this installation trusts count: a key id or public key stored beside the anchor in the database proves nothing.</summary>
    public bool Verify(string digest, string keyId, string signature) =>
        _trusted.Value.TryGetValue(keyId, out var key) && SigningKeys.Verify(key, Encoding.ASCII.GetBytes(digest), signature);
}

public sealed record PublishedAnchor(string Agency, Guid Id, DateTimeOffset CreatedAt, string Digest, string PreviousDigest, string KeyId, string Signature, int Streams);

public static class Anchors
{
    public const int Format = 2;

    public static string Digest(string agency, AuditAnchor a)
    {
        var text = new StringBuilder($"arsip-anchor/2\n{agency}\n{a.Id:D}\n{HashChain.Instant(a.CreatedAt)}\n{a.PreviousDigest}\n{a.From}\n{a.CoveredThrough}\n");
        foreach (var h in a.Heads.OrderBy(h => h.StreamId)) text.Append(CultureInfo.InvariantCulture, $"{h.StreamId:N}:{h.Version}:{h.Hash}\n");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Serialised per agency by a transaction-scoped advisory lock so two nodes never fork the anchor chain; onlyIfDue re-checks under it.</summary>
    public static async Task<AuditAnchor?> CreateAsync(IDocumentStore store, string tenant, AnchorSigner signer, string by, DateTimeOffset now,
        Func<AuditAnchor?, long, bool>? onlyIfDue, CancellationToken ct)
    {
        await using var session = store.LightweightSession(tenant);
        await session.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)session.Connection!;
        var schema = store.Options.Events.DatabaseSchemaName;
        await using (var lockAgency = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('arsip-anchor:' || $1))", connection) { Parameters = { new() { Value = tenant } } })
            await lockAgency.ExecuteNonQueryAsync(ct);

        var previous = await LatestAsync(session, ct);
        var from = previous?.CoveredThrough ?? 0;
        long highWater;
        await using (var mark = new NpgsqlCommand(
                         $"select coalesce((select last_seq_id from {schema}.mt_event_progression where name = 'HighWaterMark'), 0), coalesce((select max(seq_id) from {schema}.mt_events), 0)", connection))
        await using (var reader = await mark.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            highWater = Math.Min(reader.GetInt64(0), reader.GetInt64(1));
        }
        var heads = new List<StreamHead>();
        // Up to the high-water mark: an append in flight below it cannot exist, one above it is read by the next anchor.
        await using (var command = new NpgsqlCommand(
                         $"""
                          select distinct on (stream_id) stream_id, version, headers->>'{HashChain.HashHeader}'
                          from {schema}.mt_events where tenant_id = $1 and seq_id > $2 order by stream_id, version desc
                          """, connection) { Parameters = { new() { Value = tenant }, new() { Value = from } } })
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) heads.Add(new StreamHead(reader.GetGuid(0), reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2)));

        if (onlyIfDue is not null && !onlyIfDue(previous, heads.Count)) return null;
        var anchor = Decide(tenant, previous, heads, highWater, by, now, Guid.CreateVersion7(now), signer.KeyId);
        anchor.Signature = signer.Sign(anchor.Digest);
        session.Store(anchor);
        // its own transaction, not Wolverine's: the advisory lock spans it, the schedule shares it, and the log is written only after it commits
        await session.SaveChangesAsync(ct);
        await PublishAsync(signer, tenant, anchor, ct);
        return anchor;
    }

    public static AuditAnchor Decide(string tenant, AuditAnchor? previous, List<StreamHead> heads, long highWater, string by, DateTimeOffset now, Guid id, string keyId)
    {
        var from = previous?.CoveredThrough ?? 0;
        var anchor = new AuditAnchor
        {
            Id = id, Format = Format, CreatedAt = HashChain.Microseconds(now), CreatedBy = by,
            PreviousDigest = previous?.Digest ?? HashChain.Genesis, From = from, CoveredThrough = Math.Max(from, highWater), Heads = heads, KeyId = keyId,
        };
        anchor.Digest = Digest(tenant, anchor);
        return anchor;
    }

    /// <summary>The chain's tip: of the anchors covering the most, the one no other anchor points back to (two may cover the same events).</summary>
    public static async Task<AuditAnchor?> LatestAsync(IQuerySession session, CancellationToken ct)
    {
        var top = await session.Query<AuditAnchor>().Where(a => a.Format == Format).OrderByDescending(a => a.CoveredThrough).FirstOrDefaultAsync(ct);
        if (top is null) return null;
        var level = await session.Query<AuditAnchor>().Where(a => a.Format == Format && a.CoveredThrough == top.CoveredThrough).ToListAsync(ct);
        return InChainOrder(level).LastOrDefault() ?? top;
    }

    /// <summary>Two anchors may cover the same events (and have equal times): their back-links order them; one whose predecessor is missing keeps its place.</summary>
    public static List<AuditAnchor> InChainOrder(IEnumerable<AuditAnchor> anchors)
    {
        var ordered = new List<AuditAnchor>();
        foreach (var level in anchors.GroupBy(a => a.CoveredThrough).OrderBy(g => g.Key))
        {
            var rest = level.OrderBy(a => a.CreatedAt).ToList();
            while (rest.Count > 0)
            {
                var linked = ordered.Count > 0 ? rest.FirstOrDefault(a => a.PreviousDigest == ordered[^1].Digest) : null;
                var next = linked ?? rest.FirstOrDefault(a => rest.All(b => b.Digest != a.PreviousDigest)) ?? rest[0];
                ordered.Add(next);
                rest.Remove(next);
            }
        }
        return ordered;
    }

    public static Task<AuditAnchor?> CoveringAsync(IQuerySession session, Guid stream, CancellationToken ct) =>
        session.Query<AuditAnchor>().Where(a => a.Format == Format && a.Heads.Any(h => h.StreamId == stream))
            .OrderByDescending(a => a.CoveredThrough).ThenByDescending(a => a.CreatedAt).FirstOrDefaultAsync(ct);

    /// <summary>Outside the database, opened for appending only.</summary>
    private static async Task PublishAsync(AnchorSigner signer, string tenant, AuditAnchor a, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(signer.LogPath)!);
        var line = JsonSerializer.Serialize(new PublishedAnchor(tenant, a.Id, a.CreatedAt, a.Digest, a.PreviousDigest, a.KeyId, a.Signature, a.Heads.Count)) + "\n";
        await using var log = new FileStream(signer.LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        await log.WriteAsync(Encoding.UTF8.GetBytes(line), ct);
        await log.FlushAsync(ct);
    }

    public static IReadOnlyList<PublishedAnchor> ReadLog(AnchorSigner signer, string tenant, Guid? only = null)
    {
        if (!File.Exists(signer.LogPath)) return [];
        var anchors = new List<PublishedAnchor>();
        var id = only?.ToString("D");
        foreach (var line in File.ReadLines(signer.LogPath))
        {
            if (line.Length == 0 || (id is not null && !line.Contains(id, StringComparison.Ordinal))) continue;
            try
            {
                if (JsonSerializer.Deserialize<PublishedAnchor>(line) is { } a && a.Agency == tenant) anchors.Add(a);
            }
            catch (JsonException)
            {
                // a torn last line (a crash mid-write) is not an anchor
            }
        }
        return anchors;
    }

    /// <summary>An anchor is to be believed when its digest is what its content says, a trusted key signed it, and the log outside the database has it.</summary>
    public static (bool SignatureValid, bool Published) Check(AnchorSigner signer, string tenant, AuditAnchor anchor, IReadOnlyList<PublishedAnchor> log) =>
        (anchor.Format == Format && Digest(tenant, anchor) == anchor.Digest && signer.Verify(anchor.Digest, anchor.KeyId, anchor.Signature),
         log.Any(p => p.Id == anchor.Id && p.Digest == anchor.Digest && p.Signature == anchor.Signature));

    public static async Task<AnchorVerification> VerifyAsync(IDocumentStore store, string tenant, AuditAnchor anchor, AnchorSigner signer, CancellationToken ct)
    {
        var problems = new List<AnchorProblem>();
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        foreach (var head in anchor.Heads)
        {
            var events = await ChainVerifier.ReadAsync(connection, store.Options.Events.DatabaseSchemaName, tenant, head.StreamId, ct);
            if (events.Count == 0) { problems.Add(new(head.StreamId, "Seluruh aliran peristiwa hilang (the whole stream is gone).")); continue; }
            var result = ChainVerifier.Verify(head.StreamId, tenant, events, head);
            if (!result.Intact) problems.Add(new(head.StreamId, $"Versi {result.FirstBroken!.Version}: {result.FirstBroken.Reason}"));
        }
        var (signed, published) = Check(signer, tenant, anchor, ReadLog(signer, tenant, anchor.Id));
        return new AnchorVerification(anchor.Id, problems.Count == 0 && signed && published, signed, published, anchor.Heads.Count, problems);
    }

    public static async Task<(List<string> Problems, Dictionary<Guid, StreamHead> Heads)> VerifyChainAsync(IDocumentStore store, string tenant, AnchorSigner signer, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        var anchors = InChainOrder(await session.Query<AuditAnchor>().Where(a => a.Format == Format).ToListAsync(ct));
        var log = ReadLog(signer, tenant);
        var problems = new List<string>();
        var heads = new Dictionary<Guid, StreamHead>();
        var previous = HashChain.Genesis;
        foreach (var anchor in anchors)
        {
            var (signed, published) = Check(signer, tenant, anchor, log);
            if (!signed) problems.Add($"Jangkar {anchor.Id} ({anchor.CreatedAt:O}): tanda tangan tidak sah (signature does not verify with this installation's keys).");
            if (!published) problems.Add($"Jangkar {anchor.Id} ({anchor.CreatedAt:O}): tidak ada di log terbitan (not in the published log).");
            if (anchor.PreviousDigest != previous) problems.Add($"Jangkar {anchor.Id} ({anchor.CreatedAt:O}): jangkar sebelumnya hilang atau diubah (the anchor before it is missing or changed).");
            previous = anchor.Digest;
            foreach (var head in anchor.Heads) heads[head.StreamId] = head;
        }
        foreach (var missing in log.Where(p => anchors.All(a => a.Id != p.Id)))
            problems.Add($"Jangkar {missing.Id} ({missing.CreatedAt:O}) ada di log terbitan tetapi hilang dari basis data (published, but deleted from the database).");
        return (problems, heads);
    }
}

[Authorize(Policy = Policies.Auditor)]
public static class AnchorEndpoints
{
    [WolverinePost("/api/audit/anchors")]
    [Tags("Audit")]
    [EndpointSummary("Anchor now: a signed statement of the agency's stream heads changed since the last anchor (also made every 10 minutes)")]
    [ProducesResponseType<AnchorSummary>(StatusCodes.Status201Created)]
    public static async Task<IResult> Create([NotBody] Caller caller, IDocumentStore store, AnchorSigner signer, ArsipClock clock, CancellationToken ct)
    {
        var anchor = (await Anchors.CreateAsync(store, caller.Agency, signer, caller.Name, clock.GetUtcNow(), null, ct))!;
        return Results.Created($"/api/audit/anchors/{anchor.Id}", Summary(anchor));
    }

    [WolverineGet("/api/audit/anchors")]
    [Tags("Audit")]
    public static async Task<IReadOnlyList<AnchorSummary>> List(IQuerySession session, CancellationToken ct) =>
        (await session.Query<AuditAnchor>().OrderByDescending(a => a.CreatedAt).Take(100).ToListAsync(ct)).Select(Summary).ToList();

    [WolverineGet("/api/audit/anchors/{id}/verify")]
    [Tags("Audit")]
    [EndpointSummary("Check the anchor's signature and publication, and that every stream head it holds is still there, unchanged")]
    public static async Task<IResult> Verify(Guid id, IQuerySession session, AnchorSigner signer, CancellationToken ct) =>
        await session.LoadAsync<AuditAnchor>(id, ct) is { } anchor
            ? Results.Ok(await Anchors.VerifyAsync(session.DocumentStore, session.TenantId, anchor, signer, ct))
            : Results.Problem(Problems.NotFound("Jangkar audit", id));

    [WolverineGet("/api/audit/anchor-key")]
    [Tags("Audit")]
    [EndpointSummary("The installation's public anchor key (PEM) and its id, to check published anchors elsewhere")]
    public static object Key(AnchorSigner signer) => new { signer.KeyId, PublicKey = signer.PublicKeyPem };

    private static AnchorSummary Summary(AuditAnchor a) => new(a.Id, a.CreatedAt, a.CreatedBy, a.Heads.Count, a.Digest, a.Signature);
}

/// <summary>Every node runs it; the per-agency lock and the re-check in Anchors.CreateAsync make one anchor of it.</summary>
public sealed class AnchorSchedule(IDocumentStore store, AnchorSigner signer, ArsipClock clock, IConfiguration configuration, ILogger<AnchorSchedule> logger) : BackgroundService
{
    private readonly TimeSpan _every = TimeSpan.TryParse(configuration["Arsip:Audit:AnchorEvery"], CultureInfo.InvariantCulture, out var every) ? every : TimeSpan.FromMinutes(10);
    private readonly long _everyEvents = long.TryParse(configuration["Arsip:Audit:AnchorEveryEvents"], out var events) ? events : 10_000;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        do
        {
            try
            {
                await AnchorDueAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Audit anchoring failed; trying again shortly");
            }
        } while (await timer.WaitForNextTickAsync(ct));
    }

    private bool _startedUp;

    private async Task AnchorDueAsync(CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        // One pass over the events after the oldest such anchor; at start-up also the agencies never anchored.
        await using var command = new NpgsqlCommand(
            $"""
             with latest as (select distinct on (tenant_id) tenant_id, id, (data->>'CoveredThrough')::bigint as covered, (data->>'CreatedAt')::timestamptz as at
                             from {schema}.mt_doc_auditanchor where data->>'Format' = '{Anchors.Format}' order by tenant_id, (data->>'CoveredThrough')::bigint desc, (data->>'CreatedAt')::timestamptz desc)
             select e.tenant_id, count(*), max(l.id::text), max(l.at)
             from {schema}.mt_events e left join latest l on l.tenant_id = e.tenant_id
             where e.seq_id > coalesce((select min(covered) from latest), 0) and e.seq_id > coalesce(l.covered, 0)
             group by e.tenant_id
             {(_startedUp ? "" : $"union all select s.tenant_id, 1, null, null from (select distinct tenant_id from {schema}.mt_streams) s where not exists (select 1 from latest l where l.tenant_id = s.tenant_id)")}
             """, connection);
        var due = new Dictionary<string, Guid?>();
        var now = clock.GetUtcNow();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var last = reader.IsDBNull(3) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(3);
                if (reader.GetInt64(1) >= _everyEvents || last is null || now - last >= _every)
                    due[reader.GetString(0)] = reader.IsDBNull(2) ? null : Guid.Parse(reader.GetString(2));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            await using var first = new NpgsqlCommand($"select distinct tenant_id from {schema}.mt_streams", connection);
            await using var reader = await first.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) due[reader.GetString(0)] = null; // no anchor table yet: the first anchor creates it
        }
        _startedUp = true;
        foreach (var (tenant, basedOn) in due)
        {
            // another node anchored it since the look above: nothing to do
            var anchor = await Anchors.CreateAsync(store, tenant, signer, "sistem (terjadwal)", now, (previous, changed) => changed > 0 && previous?.Id == basedOn, ct);
            if (anchor is not null) logger.LogInformation("Audit anchor {Id} for {Agency}: {Streams} stream heads", anchor.Id, tenant, anchor.Heads.Count);
        }
    }
}
