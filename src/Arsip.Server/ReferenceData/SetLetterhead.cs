using Arsip.Access;
using Microsoft.AspNetCore.Authorization;
using Arsip.Infrastructure;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Arsip.ReferenceData;

public sealed record LetterheadResponse(string Key, long Version, Letterhead Letterhead, string SetBy, DateTimeOffset SetAt)
{
    public static LetterheadResponse From(LetterheadView view) => new(view.Key, view.Version, view.Letterhead, view.SetBy, view.SetAt);
}

[Authorize(Policy = Policies.Administrator)]
public static class SetLetterheadEndpoint
{
    public static ProblemDetails Validate(string key, SetLetterhead command)
    {
        if (command is null) return Problems.BadRequest("body", "Isi permintaan kosong (empty request body).");
        var (_, errors) = LetterheadRules.Build(key, command);
        return errors.Count == 0
            ? WolverineContinue.NoProblems
            : new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Kop surat tidak valid (invalid letterhead)" };
    }

    [WolverinePut("/api/letterheads/{key}")]
    [Tags("Data referensi")]
    [EndpointSummary("Set the letterhead (kop surat) of the agency (key 'agency') or of a unit (its unit code)")]
    public static async Task<LetterheadResponse> Put(
        string key, SetLetterhead command, IDocumentSession session, ArsipClock clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var stream = LetterheadView.StreamFor(key);
        var current = await session.LoadAsync<LetterheadView>(stream, ct);
        var set = Decide(current, key, LetterheadRules.Build(key, command).Letterhead!, user.Identity?.Name ?? "sistem", clock.GetUtcNow());
        if (set is null) return LetterheadResponse.From(current!);
        if (current is null) session.Events.StartStream<LetterheadView>(stream, set);
        else session.Events.Append(stream, current.Version + 1, set);
        return new LetterheadResponse(key, (current?.Version ?? 0) + 1, set.Letterhead, set.SetBy, set.SetAt);
    }

    /// <summary>The decision: a new event, or none when the letterhead is already exactly this.</summary>
    public static LetterheadSet? Decide(LetterheadView? current, string key, Letterhead letterhead, string setBy, DateTimeOffset now) =>
        letterhead.SameAs(current?.Letterhead) ? null : new LetterheadSet(key, letterhead, setBy, now);
}
