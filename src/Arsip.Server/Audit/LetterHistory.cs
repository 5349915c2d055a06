using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Marten;
using Wolverine.Http;

namespace Arsip.Audit;

public sealed record HistoryEntry(long Version, long Sequence, string Type, DateTimeOffset Timestamp, object Data);

public static class LetterHistoryEndpoint
{
    [WolverineGet("/api/letters/{id}/history")]
    [Tags("Audit")]
    [EndpointSummary("Every event of a letter, in order")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<IncomingLetterView>(id, ct) is not { } letter || !LetterAccess.CanSee(caller, letter.AccessTokens))
            return Results.Problem(Problems.NotFound("Surat", id));
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) return Results.Problem(Problems.NotFound("Surat", id));
        return Results.Ok(events.Select(e => new HistoryEntry(e.Version, e.Sequence, e.EventTypeName, e.Timestamp, e.Data)).ToList());
    }
}
