using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Audit;

public sealed record LetterState(
    Guid Id, string Direction, long Version, DateTimeOffset? AsOf, object State, IReadOnlyList<DispositionAt> Dispositions, DateTimeOffset Moment);

/// <summary>Rebuilt through the same aggregators that keep the current read models.</summary>
public static class LetterAsOfEndpoint
{
    [WolverineGet("/api/letters/{id}")]
    [Tags("Audit")]
    [EndpointSummary("A letter's state and its dispositions (with who held each position) now, at a point in time (?asOf=) or after a given event (?version=)")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct, DateTimeOffset? asOf = null, long? version = null)
    {
        if (!await LetterHistory.CanSeeAsync(session, id, caller, ct)) return Results.Problem(Problems.NotFound("Surat", id));
        if (version is < 1) return Results.Problem(Problems.BadRequest("version", "Versi mulai dari 1 (versions start at 1)."));

        var state = await StateAsync(session, id, new Cutoff(Version: version, AsOf: version is null ? asOf : null), clock, ct);
        return state is null
            ? Results.Problem(Problems.NotFound("Surat pada waktu itu (the letter at that time)", asOf?.ToString("O") ?? version?.ToString() ?? id.ToString()))
            : Results.Ok(state with { AsOf = asOf });
    }

    public static async Task<LetterState?> StateAsync(IQuerySession session, Guid id, Cutoff cutoff, ArsipClock clock, CancellationToken ct)
    {
        var timeline = await LetterTimeline.ReadAsync(session, id, cutoff, ct);
        if (cutoff.Version is { } v && !timeline.Events.Any(e => timeline.IsLetterEvent(e) && e.Version == v)) return null;
        return await StateAfterAsync(session, timeline, timeline.Events.Count, cutoff.AsOf ?? (cutoff.Version is null && cutoff.Step is null ? clock.GetUtcNow() : null), clock, ct);
    }

    public static async Task<LetterState?> StateAfterAsync(IQuerySession session, LetterTimeline timeline, int count, DateTimeOffset? moment, ArsipClock clock, CancellationToken ct) =>
        await StateOfAsync(session, timeline, await timeline.FoldAsync(session, count, ct), count, moment, clock, ct);

    public static async Task<LetterState?> StateOfAsync(IQuerySession session, LetterTimeline timeline, (object? Letter, IReadOnlyList<Dispositions.Disposition> Dispositions) folded,
        int count, DateTimeOffset? moment, ArsipClock clock, CancellationToken ct, bool withHolders = true)
    {
        if (folded.Letter is null || count == 0) return null;
        var last = timeline.Events[count - 1];
        var at = moment ?? last.Timestamp;
        var holders = withHolders
            ? await LetterTimeline.HoldersAsync(session, LetterTimeline.RecipientPositions(folded.Dispositions), moment is null ? last.Sequence : null, at, (await ReferenceData.AgencyTime.LoadAsync(session, ct)).Zone, ct)
            : new Dictionary<Guid, IReadOnlyList<PositionHolder>>();
        var version = timeline.Events.Take(count).Where(timeline.IsLetterEvent).Max(e => e.Version);
        return new LetterState(timeline.LetterId, timeline.Direction, version, null, folded.Letter, LetterTimeline.Describe(folded.Dispositions, holders, at), at);
    }
}
