using System.Text.Json;
using System.Text.Json.Serialization;
using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Audit;

public sealed record ReplayEvent(
    int Step, long Sequence, Guid StreamId, string Stream, long Version, string Type, DateTimeOffset Timestamp, string? Actor, string? Hash, object Data);

/// <summary>What one step changed: a path into the state (<c>letter/subject</c>, <c>dispositions/{id}/recipients/0/status</c>) and the values as JSON.</summary>
public sealed record StateChange(string Path, string? Before, string? After);

public sealed record ReplayIndex(Guid LetterId, string Direction, int Steps, IReadOnlyList<ReplayEvent> Events);

public sealed record ReplayStep(Guid LetterId, string Direction, int Step, int Steps, ReplayEvent Event, LetterState State, IReadOnlyList<StateChange> Changes);

public static class LetterReplay
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

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

    internal static ReplayEvent Event(LetterTimeline timeline, IEvent e, int step) => new(
        step, e.Sequence, e.StreamId, timeline.IsLetterEvent(e) ? "letter" : "disposition", e.Version, e.EventTypeName, e.Timestamp,
        e.GetHeader(HashChain.ActorHeader)?.ToString(), e.GetHeader(HashChain.HashHeader)?.ToString(), e.Data);

    /// <summary>The moment's holders, not the step's; read-only elements because a long letter's picture is built and compared several times faster than a JsonNode tree.</summary>
    private sealed record Pictured(JsonElement Letter, Dictionary<Guid, JsonElement> Dispositions);

    private static Pictured? Picture(LetterState? state) => state is null ? null : new(
        JsonSerializer.SerializeToElement(state.State, Json),
        state.Dispositions.ToDictionary(d => d.Id, d => JsonSerializer.SerializeToElement(d with { Recipients = d.Recipients.Select(r => r with { HeldBy = [] }).ToList() }, Json)));

    private static IReadOnlyList<StateChange> Changes(Pictured? before, Pictured? after)
    {
        var changes = new List<StateChange>();
        Diff(before?.Letter, after?.Letter, "letter", changes);
        foreach (var (id, element) in after?.Dispositions ?? [])
            Diff(before is not null && before.Dispositions.TryGetValue(id, out var old) ? old : null, element, $"dispositions/{id}", changes);
        return changes;
    }

    private static void Diff(JsonElement? before, JsonElement? after, string path, List<StateChange> changes)
    {
        before = before is { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? null : before;
        after = after is { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } ? null : after;
        if (before is { } b && after is { } a ? JsonElement.DeepEquals(b, a) : before is null && after is null) return;
        switch (before?.ValueKind, after?.ValueKind)
        {
            case (JsonValueKind.Object or null, JsonValueKind.Object or null):
                // something new (the letter at step 1, a disposition just issued) shows field by field
                var keys = new List<string>();
                foreach (var property in before?.EnumerateObject() ?? default) keys.Add(property.Name);
                foreach (var property in after?.EnumerateObject() ?? default) if (!keys.Contains(property.Name)) keys.Add(property.Name);
                foreach (var key in keys)
                    Diff(Property(before, key), Property(after, key), $"{path}/{key}", changes);
                break;
            case (JsonValueKind.Array, JsonValueKind.Array):
                // in step (indexing an array of objects scans it from the start)
                var (oldItems, newItems) = (before!.Value.EnumerateArray(), after!.Value.EnumerateArray());
                for (var i = 0; ; i++)
                {
                    var (hasOld, hasNew) = (oldItems.MoveNext(), newItems.MoveNext());
                    if (!hasOld && !hasNew) break;
                    Diff(hasOld ? oldItems.Current : null, hasNew ? newItems.Current : null, $"{path}/{i}", changes);
                }
                break;
            default:
                changes.Add(new StateChange(path, before?.GetRawText(), after?.GetRawText()));
                break;
        }
    }

    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out var value) ? value : null;
}

public static class LetterReplayEndpoint
{
    [WolverineGet("/api/letters/{id}/replay")]
    [Tags("Audit")]
    [EndpointSummary("Every event of a letter and of its dispositions, in recorded order, numbered as replay steps")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct)
    {
        if (!await LetterHistory.CanSeeAsync(session, id, caller, ct)) return Results.Problem(Problems.NotFound("Surat", id));
        var timeline = await LetterTimeline.ReadAsync(session, id, new Cutoff(), ct);
        return Results.Ok(new ReplayIndex(id, timeline.Direction, timeline.Events.Count, timeline.Events.Select((e, i) => LetterReplay.Event(timeline, e, i + 1)).ToList()));
    }

    [WolverineGet("/api/letters/{id}/replay/{step}")]
    [Tags("Audit")]
    [EndpointSummary("The state of a letter and its dispositions after one replay step, and what that step changed")]
    public static async Task<IResult> GetStep(Guid id, int step, [NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct)
    {
        if (!await LetterHistory.CanSeeAsync(session, id, caller, ct)) return Results.Problem(Problems.NotFound("Surat", id));
        if (step < 1) return Results.Problem(Problems.BadRequest("step", "Langkah mulai dari 1 (steps start at 1)."));
        var result = await LetterReplay.StepAsync(session, id, step, clock, ct);
        return result is null ? Results.Problem(Problems.NotFound("Langkah (step)", step)) : Results.Ok(result);
    }
}
