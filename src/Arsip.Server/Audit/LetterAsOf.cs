using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Marten;
using Wolverine.Http;

namespace Arsip.Audit;

public sealed record LetterState(Guid Id, string Direction, long Version, DateTimeOffset? AsOf, object State);

/// <summary>
/// A letter as it was at a moment or a version, rebuilt from its events by Marten's live
/// aggregation through the same projection that keeps the current read model.
/// </summary>
public static class LetterAsOfEndpoint
{
    [WolverineGet("/api/letters/{id}")]
    [Tags("Audit")]
    [EndpointSummary("A letter's state now, at a point in time (?asOf=) or after a given event (?version=)")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct, DateTimeOffset? asOf = null, long? version = null)
    {
        if (!await LetterHistoryEndpoint.CanSeeAsync(session, id, caller, ct)) return Results.Problem(Problems.NotFound("Surat", id));
        if (version is < 1) return Results.Problem(Problems.BadRequest("version", "Versi mulai dari 1 (versions start at 1)."));

        var state = await session.Events.FetchStreamStateAsync(id, ct);
        var at = version ?? 0;
        var timestamp = asOf?.ToUniversalTime();
        object? letter = state?.AggregateType == typeof(OutgoingLetter)
            ? await session.Events.AggregateStreamAsync<OutgoingLetterView>(id, at, timestamp, token: ct)
            : await session.Events.AggregateStreamAsync<IncomingLetterView>(id, at, timestamp, token: ct);
        if (letter is null)
            return Results.Problem(Problems.NotFound("Surat pada waktu itu (the letter at that time)", asOf?.ToString("O") ?? version?.ToString() ?? id.ToString()));

        var events = await session.Events.FetchStreamAsync(id, at, timestamp, token: ct);
        return Results.Ok(new LetterState(id, state?.AggregateType == typeof(OutgoingLetter) ? "outgoing" : "incoming", events.Count == 0 ? 0 : events[^1].Version, asOf, letter));
    }
}
