using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Arsip.Exchange;

public enum RefusedItem { Envelope, Receipt }

/// <summary>What this installation refused from a (claimed) peer: who claimed to send it, what it was, why and when; never its
/// content. Kept in the installation tenant, because an unknown sender or a forged claim belongs to no agency here; an agency's
/// administrators see those claiming to be addressed to their agency (<see cref="ToAgency"/>), the operator sees all.</summary>
public sealed class ExchangeRefusal
{
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    public RefusedItem Item { get; set; }
    public int Status { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>The key id the request named (a header), and the peer it belongs to in the directory, if any.</summary>
    public string? KeyId { get; set; }
    public string? PeerId { get; set; }
    /// <summary>As claimed, unverified when the refusal is about the signature: the sending agency and the agency here it names.</summary>
    public string? FromAgency { get; set; }
    public string? ToAgency { get; set; }
    public Guid? EnvelopeId { get; set; }
    public string? RemoteAddress { get; set; }
    /// <summary>Refusals over the rate limit that were not recorded since the one before this (counted on this node).</summary>
    public int SuppressedBefore { get; set; }
}

/// <summary>The identifiers a request claims, read from its JSON without keeping anything else; each at most 64 characters.</summary>
public sealed record RefusalClaims(string? KeyId, string? PeerId = null, string? FromAgency = null, string? ToAgency = null, Guid? EnvelopeId = null)
{
    private const int MaxLength = 64;

    /// <summary>An envelope names its sender <c>fromAgency</c> and the agency here <c>toAgency</c>; a progress receipt the other way round
    /// (<c>fromAgency</c> is the letter's sender, here).</summary>
    public RefusalClaims With(ReadOnlySpan<byte> json, RefusedItem item)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object) return this;
            string? Text(string name) => document.RootElement.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? Cut(p.GetString()) : null;
            var envelope = document.RootElement.TryGetProperty("envelopeId", out var e) && e.ValueKind == JsonValueKind.String && e.TryGetGuid(out var g) ? g : (Guid?)null;
            return item == RefusedItem.Envelope
                ? this with { FromAgency = Text("fromAgency"), ToAgency = Text("toAgency"), EnvelopeId = envelope }
                : this with { FromAgency = Text("toAgency"), ToAgency = Text("fromAgency"), EnvelopeId = envelope };
        }
        catch (JsonException)
        {
            return this;
        }
    }

    public static string? Cut(string? text) => text is { Length: > MaxLength } ? text[..MaxLength] : text;
}

/// <summary>How many refusals a node records: a token bucket of <c>perMinute</c> tokens, refilled evenly, so a flood of forged requests
/// writes at most that many rows a minute; the rest are only counted, and the count goes on the next recorded refusal.</summary>
public sealed class RefusalLimiter(int perMinute)
{
    private readonly Lock gate = new();
    private double tokens = perMinute;
    private DateTimeOffset? last;
    private int suppressed;

    /// <summary>Whether to record a refusal at <paramref name="now"/>, and how many were left out before it.</summary>
    public (bool Record, int SuppressedBefore) Take(DateTimeOffset now)
    {
        lock (gate)
        {
            if (last is { } before && now > before) tokens = Math.Min(perMinute, tokens + (now - before).TotalMinutes * perMinute);
            last = now;
            if (tokens < 1)
            {
                suppressed++;
                return (false, 0);
            }
            tokens--;
            var count = suppressed;
            suppressed = 0;
            return (true, count);
        }
    }
}

/// <summary>Records refusals (bounded: <c>Arsip:Exchange:RefusalsPerMinute</c> per node, the newest <c>Arsip:Exchange:RefusalsKept</c> kept)
/// and lists them. A failure to record is logged and never changes the refusal's answer.</summary>
public sealed class RefusalLog(IServiceProvider services, IOptions<ExchangeOptions> options, ArsipClock clock, ILogger<RefusalLog> logger)
{
    private readonly RefusalLimiter limiter = new(Math.Max(1, options.Value.RefusalsPerMinute));
    private IDocumentStore Store => services.GetRequiredService<IDocumentStore>();

    public async Task RecordAsync(RefusedItem item, RefusalClaims claims, int status, string? reason, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (record, suppressedBefore) = limiter.Take(now);
        if (!record) return;
        try
        {
            await using var session = Store.LightweightSession(Installation.Tenant);
            var kept = Math.Max(1, options.Value.RefusalsKept);
            // those beyond the newest kept - 1 make room for the new one, in the same transaction (normally one row)
            foreach (var old in await session.Query<ExchangeRefusal>().OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Skip(kept - 1).Take(1000)
                         .Select(r => r.Id).ToListAsync(ct))
                session.Delete<ExchangeRefusal>(old);
            session.Insert(new ExchangeRefusal
            {
                Id = Guid.CreateVersion7(now), At = now, Item = item, Status = status, Reason = reason is { Length: > 500 } ? reason[..500] : reason ?? "",
                KeyId = RefusalClaims.Cut(claims.KeyId), PeerId = claims.PeerId, FromAgency = claims.FromAgency, ToAgency = claims.ToAgency,
                EnvelopeId = claims.EnvelopeId, RemoteAddress = http.Connection.RemoteIpAddress?.ToString(), SuppressedBefore = suppressedBefore,
            });
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "A refused {Item} could not be recorded", item);
        }
    }

    /// <summary>Newest first, at most 200; <paramref name="agency"/> null: every refusal (the operator).</summary>
    public static async Task<IReadOnlyList<ExchangeRefusal>> ListAsync(IDocumentStore store, string? agency, CancellationToken ct)
    {
        await using var session = store.QuerySession(Installation.Tenant);
        var query = session.Query<ExchangeRefusal>().AsQueryable();
        if (agency is not null) query = query.Where(r => r.ToAgency == agency);
        return await query.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(200).ToListAsync(ct);
    }
}

public static class RefusalEndpoints
{
    [WolverineGet("/api/exchange/refusals")]
    [Tags("Instalasi")]
    [EndpointSummary("Envelopes and receipts this installation refused that name this agency, newest first, at most 200 (administrators)")]
    [Authorize(Policy = Policies.Administrator)]
    public static Task<IReadOnlyList<ExchangeRefusal>> ForAgency([NotBody] Caller caller, IDocumentStore store, CancellationToken ct) =>
        RefusalLog.ListAsync(store, caller.Agency, ct);

    [WolverineGet("/api/peers/refusals")]
    [Tags("Instalasi")]
    [EndpointSummary("Every envelope and receipt this installation refused, newest first, at most 200 (the installation operator)")]
    [Authorize(Policy = Policies.Operator)]
    public static Task<IReadOnlyList<ExchangeRefusal>> All(IDocumentStore store, CancellationToken ct) => RefusalLog.ListAsync(store, null, ct);
}
