using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Arsip.Access;
using Arsip.Infrastructure;
using JasperFx.Events;
using Marten;
using Wolverine.Http;

namespace Arsip.Audit;

/// <summary>One step of a letter's timeline: an event of the letter's stream or of one of its dispositions.</summary>
public sealed record ReplayEvent(
    int Step, long Sequence, Guid StreamId, string Stream, long Version, string Type, DateTimeOffset Timestamp, string? Actor, string? Hash, object Data);

/// <summary>What one step changed: a path into the state (<c>letter/subject</c>, <c>dispositions/{id}/recipients/0/status</c>) and the values as JSON.</summary>
public sealed record StateChange(string Path, string? Before, string? After);

public sealed record ReplayIndex(Guid LetterId, string Direction, int Steps, IReadOnlyList<ReplayEvent> Events);

public sealed record ReplayStep(Guid LetterId, string Direction, int Step, int Steps, ReplayEvent Event, LetterState State, IReadOnlyList<StateChange> Changes);

/// <summary>
/// The auditor's replay: every event of the letter and of its dispositions in recorded order, and for any
/// step the state after it (letter, dispositions, who held each position) with what that step changed.
/// </summary>
public static class LetterReplayEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [WolverineGet("/api/letters/{id}/replay")]
    [Tags("Audit")]
    [EndpointSummary("Every event of a letter and of its dispositions, in recorded order, numbered as replay steps")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct)
    {
        if (!await LetterHistoryEndpoint.CanSeeAsync(session, id, caller, ct)) return Results.Problem(Problems.NotFound("Surat", id));
        var timeline = await LetterTimeline.ReadAsync(session, id, new Cutoff(), ct);
        return Results.Ok(new ReplayIndex(id, timeline.Direction, timeline.Events.Count, timeline.Events.Select((e, i) => Event(timeline, e, i + 1)).ToList()));
    }

    [WolverineGet("/api/letters/{id}/replay/{step}")]
    [Tags("Audit")]
    [EndpointSummary("The state of a letter and its dispositions after one replay step, and what that step changed")]
    public static async Task<IResult> GetStep(Guid id, int step, [NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct)
    {
        if (!await LetterHistoryEndpoint.CanSeeAsync(session, id, caller, ct)) return Results.Problem(Problems.NotFound("Surat", id));
        if (step < 1) return Results.Problem(Problems.BadRequest("step", "Langkah mulai dari 1 (steps start at 1)."));
        var result = await StepAsync(session, id, step, clock, ct);
        return result is null ? Results.Problem(Problems.NotFound("Langkah (step)", step)) : Results.Ok(result);
    }

    /// <summary>Reads the timeline up to the step, folds it, and compares the state before and after the step's event.</summary>
    public static async Task<ReplayStep?> StepAsync(IQuerySession session, Guid id, int step, ArsipClock clock, CancellationToken ct)
    {
        var timeline = await LetterTimeline.ReadAsync(session, id, new Cutoff(Step: step), ct);
        if (step > timeline.Events.Count) return null;
        var e = timeline.Events[step - 1];
        // fold once to the step before, take its picture, then apply the step's event to the same aggregates
        var folded = await timeline.FoldAsync(session, step - 1, ct);
        var before = Picture(await LetterAsOfEndpoint.StateOfAsync(session, timeline, folded, step - 1, e.Timestamp, clock, ct, withHolders: false));
        folded = await timeline.ApplyAsync(session, folded, e, ct);
        var after = await LetterAsOfEndpoint.StateOfAsync(session, timeline, folded, step, null, clock, ct);
        return after is null ? null : new ReplayStep(id, timeline.Direction, step, timeline.Total, Event(timeline, e, step), after, Changes(before, Picture(after)));
    }

    private static ReplayEvent Event(LetterTimeline timeline, IEvent e, int step) => new(
        step, e.Sequence, e.StreamId, timeline.IsLetterEvent(e) ? "letter" : "disposition", e.Version, e.EventTypeName, e.Timestamp,
        e.GetHeader(HashChain.ActorHeader)?.ToString(), e.GetHeader(HashChain.HashHeader)?.ToString(), e.Data);

    /// <summary>A state as JSON: the letter, and each disposition without who held its posts (the moment's, not the step's).</summary>
    private sealed record Pictured(JsonNode? Letter, Dictionary<Guid, JsonNode?> Dispositions);

    private static Pictured? Picture(LetterState? state) => state is null ? null : new(
        JsonSerializer.SerializeToNode(state.State, Json),
        state.Dispositions.ToDictionary(d => d.Id, d => JsonSerializer.SerializeToNode(d with { Recipients = d.Recipients.Select(r => r with { HeldBy = [] }).ToList() }, Json)));

    /// <summary>Leaf differences between two states, the letter under <c>letter/</c> and each disposition under <c>dispositions/{id}/</c>.</summary>
    private static IReadOnlyList<StateChange> Changes(Pictured? before, Pictured? after)
    {
        var changes = new List<StateChange>();
        Diff(before?.Letter, after?.Letter, "letter", changes);
        foreach (var (id, node) in after?.Dispositions ?? [])
            Diff(before?.Dispositions.GetValueOrDefault(id), node, $"dispositions/{id}", changes);
        return changes;
    }

    private static void Diff(JsonNode? before, JsonNode? after, string path, List<StateChange> changes)
    {
        switch (before, after)
        {
            case (JsonObject or null, JsonObject or null) when before is not null || after is not null:
                // something new (the letter at step 1, a disposition just issued) shows field by field
                var oldObject = before as JsonObject;
                var newObject = after as JsonObject;
                foreach (var key in (oldObject?.Select(p => p.Key) ?? []).Union(newObject?.Select(p => p.Key) ?? []))
                    Diff(oldObject?[key], newObject?[key], $"{path}/{key}", changes);
                break;
            case (JsonArray b, JsonArray a):
                for (var i = 0; i < Math.Max(b.Count, a.Count); i++)
                    Diff(i < b.Count ? b[i] : null, i < a.Count ? a[i] : null, $"{path}/{i}", changes);
                break;
            default:
                if (!JsonNode.DeepEquals(before, after)) changes.Add(new StateChange(path, before?.ToJsonString(), after?.ToJsonString()));
                break;
        }
    }
}
