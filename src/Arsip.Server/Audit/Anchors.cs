using System.Security.Cryptography;
using System.Text;
using Arsip.Access;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Audit;

public sealed record StreamHead(Guid StreamId, long Version, string Hash);

/// <summary>
/// A digest of every stream head of an agency at one moment, signed with the node's anchor key and
/// written to the data folder so it can be published or handed to the national archive. A stream
/// deleted or rewritten after the anchor no longer matches it, which a chain check alone cannot see.
/// </summary>
public sealed class AuditAnchor
{
    public Guid Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<StreamHead> Heads { get; set; } = [];
    public string Digest { get; set; } = "";
    public string Signature { get; set; } = "";
}

public sealed record AnchorSummary(Guid Id, DateTimeOffset CreatedAt, string CreatedBy, int Streams, string Digest, string Signature);
public sealed record AnchorProblem(Guid StreamId, string Reason);
public sealed record AnchorVerification(Guid AnchorId, bool Intact, bool SignatureValid, int Streams, IReadOnlyList<AnchorProblem> Problems);

/// <summary>The node's HMAC key for anchors, created once under the data folder (readable by its owner only).</summary>
public sealed class AnchorKey(IConfiguration configuration)
{
    private readonly Lazy<byte[]> _key = new(() =>
    {
        var folder = DataFolder.Resolve(configuration);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "anchor.key");
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(32));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return File.ReadAllBytes(path);
    });

    public string Sign(string digest) => Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(digest)));
    public string Folder => Path.Combine(DataFolder.Resolve(configuration), "anchors");
}

public static class Anchors
{
    public static string Digest(IEnumerable<StreamHead> heads) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\n', heads.OrderBy(h => h.StreamId).Select(h => $"{h.StreamId:N}:{h.Version}:{h.Hash}")))));

    public static async Task<List<StreamHead>> HeadsAsync(IDocumentStore store, string tenant, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var command = new NpgsqlCommand(
            $"""
             select distinct on (stream_id) stream_id, version, headers->>'{HashChain.HashHeader}'
             from {schema}.mt_events where tenant_id = $1 order by stream_id, version desc
             """, connection) { Parameters = { new() { Value = tenant } } };
        var heads = new List<StreamHead>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) heads.Add(new StreamHead(reader.GetGuid(0), reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2)));
        return heads;
    }

    public static async Task<AuditAnchor> CreateAsync(IDocumentSession session, AnchorKey key, string by, DateTimeOffset now, CancellationToken ct)
    {
        var heads = await HeadsAsync(session.DocumentStore, session.TenantId, ct);
        var digest = Digest(heads);
        var anchor = new AuditAnchor { Id = Guid.CreateVersion7(now), CreatedAt = now, CreatedBy = by, Heads = heads, Digest = digest, Signature = key.Sign(digest) };
        session.Store(anchor);
        Directory.CreateDirectory(key.Folder);
        await File.WriteAllTextAsync(Path.Combine(key.Folder, $"{session.TenantId}-{now:yyyyMMddTHHmmss}-{anchor.Id:N}.txt"),
            $"agency={session.TenantId}\ncreatedAt={now:O}\nstreams={heads.Count}\ndigest={digest}\nsignature={anchor.Signature}\n", ct);
        return anchor;
    }

    /// <summary>Every anchored head must still be there, unchanged, and its chain intact up to it.</summary>
    public static async Task<AnchorVerification> VerifyAsync(IDocumentStore store, string tenant, AuditAnchor anchor, AnchorKey key, CancellationToken ct)
    {
        var problems = new List<AnchorProblem>();
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        foreach (var head in anchor.Heads)
        {
            var events = await ChainVerifier.ReadAsync(connection, store.Options.Events.DatabaseSchemaName, tenant, head.StreamId, ct);
            var upTo = events.Where(e => e.Version <= head.Version).ToList();
            if (events.Count == 0) { problems.Add(new(head.StreamId, "Seluruh aliran peristiwa hilang (the whole stream is gone).")); continue; }
            var chain = ChainVerifier.Verify(head.StreamId, upTo);
            if (!chain.Intact) problems.Add(new(head.StreamId, $"Versi {chain.FirstBroken!.Version}: {chain.FirstBroken.Reason}"));
            else if (chain.Head != head.Hash || upTo.Count != head.Version) problems.Add(new(head.StreamId, "Kepala aliran tidak sama dengan jangkar (the head differs from the anchor)."));
        }
        var signatureValid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.Sign(Digest(anchor.Heads))), Encoding.ASCII.GetBytes(anchor.Signature));
        return new AnchorVerification(anchor.Id, problems.Count == 0 && signatureValid, signatureValid, anchor.Heads.Count, problems);
    }
}

[Authorize(Policy = Policies.Auditor)]
public static class AnchorEndpoints
{
    [WolverinePost("/api/audit/anchors")]
    [Tags("Audit")]
    [EndpointSummary("Anchor now: a signed digest of every stream head of the agency (also made daily)")]
    [ProducesResponseType<AnchorSummary>(StatusCodes.Status201Created)]
    public static async Task<IResult> Create([NotBody] Caller caller, IDocumentSession session, AnchorKey key, ArsipClock clock, CancellationToken ct)
    {
        var anchor = await Anchors.CreateAsync(session, key, caller.Name, clock.GetUtcNow(), ct);
        return Results.Created($"/api/audit/anchors/{anchor.Id}", Summary(anchor));
    }

    [WolverineGet("/api/audit/anchors")]
    [Tags("Audit")]
    public static async Task<IReadOnlyList<AnchorSummary>> List(IQuerySession session, CancellationToken ct) =>
        (await session.Query<AuditAnchor>().OrderByDescending(a => a.CreatedAt).Take(100).ToListAsync(ct)).Select(Summary).ToList();

    [WolverineGet("/api/audit/anchors/{id}/verify")]
    [Tags("Audit")]
    [EndpointSummary("Check that every stream anchored then is still there, unchanged")]
    public static async Task<IResult> Verify(Guid id, IQuerySession session, AnchorKey key, CancellationToken ct) =>
        await session.LoadAsync<AuditAnchor>(id, ct) is { } anchor
            ? Results.Ok(await Anchors.VerifyAsync(session.DocumentStore, session.TenantId, anchor, key, ct))
            : Results.Problem(Problems.NotFound("Jangkar audit", id));

    private static AnchorSummary Summary(AuditAnchor a) => new(a.Id, a.CreatedAt, a.CreatedBy, a.Heads.Count, a.Digest, a.Signature);
}

/// <summary>Anchors every agency once a day.</summary>
public sealed class DailyAnchors(IDocumentStore store, AnchorKey key, ArsipClock clock, ILogger<DailyAnchors> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await AnchorDueAgenciesAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Daily audit anchor failed; next try in an hour");
            }
        } while (await timer.WaitForNextTickAsync(ct));
    }

    private async Task AnchorDueAgenciesAsync(CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select distinct tenant_id from {store.Options.Events.DatabaseSchemaName}.mt_streams", connection);
        var tenants = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) tenants.Add(reader.GetString(0));

        var now = clock.GetUtcNow();
        foreach (var tenant in tenants)
        {
            await using var session = store.LightweightSession(tenant);
            if (await session.Query<AuditAnchor>().AnyAsync(a => a.CreatedAt > now.AddDays(-1), ct)) continue;
            await Anchors.CreateAsync(session, key, "sistem (harian)", now, ct);
            await session.SaveChangesAsync(ct);
        }
    }
}
