using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;

namespace Arsip.Audit;

public sealed record HistoryEntry(long Version, long Sequence, string Type, DateTimeOffset Timestamp, string? Actor, string? Hash, object Data);

public static class LetterHistory
{
    public static async Task<bool> CanSeeAsync(IQuerySession session, Guid id, Caller caller, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var incoming = batch.Load<IncomingLetterView>(id);
        var outgoing = batch.Load<OutgoingLetterView>(id);
        await batch.Execute(ct);
        var tokens = (await incoming)?.AccessTokens ?? (await outgoing)?.AccessTokens;
        return tokens is not null && LetterAccess.CanSee(caller, tokens);
    }

    public static HistoryEntry Entry(IEvent e) => new(
        e.Version, e.Sequence, e.EventTypeName, e.Timestamp,
        e.GetHeader(HashChain.ActorHeader)?.ToString(), e.GetHeader(HashChain.HashHeader)?.ToString(), e.Data);

    public static async Task<IReadOnlyList<HistoryEntry>?> EntriesAsync(IQuerySession session, Guid id, Caller caller, CancellationToken ct) =>
        await CanSeeAsync(session, id, caller, ct) ? (await session.Events.FetchStreamAsync(id, token: ct)).Select(Entry).ToList() : null;
}

public static class LetterHistoryEndpoint
{
    [WolverineGet("/api/letters/{id}/history")]
    [Tags("Audit")]
    [EndpointSummary("Every event of a letter, in order, with who, when and its hash")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct) =>
        await LetterHistory.EntriesAsync(session, id, caller, ct) is { } entries ? Results.Ok(entries) : Results.Problem(Problems.NotFound("Surat", id));
}
