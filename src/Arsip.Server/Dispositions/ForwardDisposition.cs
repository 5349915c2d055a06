using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Arsip.Dispositions;

[Authorize(Policy = Policies.Official)]
public static class ForwardDispositionEndpoint
{
    [WolverinePost("/api/dispositions/{id}/dispositions")]
    [Tags("Disposisi")]
    [EndpointSummary("Dispose further down: a recipient issues a child disposition to positions below their own")]
    [ProducesResponseType<IssueDispositionResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(
        Guid id, IssueDisposition command, [NotBody] Caller caller, IDocumentSession session, IMessageBus bus,
        ArsipClock clock, DispositionSettings settings, CancellationToken ct)
    {
        if (await DispositionAccess.LoadVisibleAsync(session, caller, id, ct) is not { } parent)
            return Results.Problem(Problems.NotFound("Disposisi", id));
        if (parent.State != DispositionState.Open) return Results.Problem(DispositionProblems.Ended(parent));
        var issuer = DispositionIssuing.IssuerPosition(caller, parent.RecipientPositionIds, command.AsPositionId);
        if (issuer is null)
            return Results.Problem(DispositionProblems.Forbidden(
                "Hanya penerima disposisi ini yang dapat mendisposisi lebih lanjut (only this disposition's recipients dispose further)."));
        return await DispositionIssuing.IssueAsync(parent.LetterId, parent.Letter, parent.Id, issuer.Value, command, caller, session, bus, clock, settings, ct);
    }
}

/// <summary>Loading a disposition the caller may see: the letter's access tokens decide (see <see cref="LetterAccess"/>).</summary>
public static class DispositionAccess
{
    /// <summary>
    /// One step on a disposition: load it for writing (a concurrent step then fails with 409), answer 404
    /// unless the caller may see its letter, decide, and append what the decision returns.
    /// </summary>
    public static async Task<IResult> ActAsync(
        IDocumentSession session, Caller caller, Guid id, Func<Disposition, Decision> decide, CancellationToken ct, Func<Task>? beforeSave = null)
    {
        var stream = await session.Events.FetchForWriting<Disposition>(id, ct);
        if (stream.Aggregate is not { } disposition || await LoadVisibleAsync(session, caller, id, ct) is null)
            return Results.Problem(Problems.NotFound("Disposisi", id));
        var decision = decide(disposition);
        if (decision.Refusal is { } refusal) return Results.Problem(refusal);
        if (beforeSave is not null) await beforeSave();
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    public static async Task<bool> CanSeeAsync(IQuerySession session, Caller caller, Disposition? disposition, CancellationToken ct) =>
        disposition is not null && await session.LoadAsync<IncomingLetterView>(disposition.LetterId, ct) is { } letter
        && LetterAccess.CanSee(caller, letter.AccessTokens);

    public static async Task<Disposition?> LoadVisibleAsync(IQuerySession session, Caller caller, Guid id, CancellationToken ct)
    {
        var disposition = await session.LoadAsync<Disposition>(id, ct);
        if (disposition is null) return null;
        var letter = await session.LoadAsync<IncomingLetterView>(disposition.LetterId, ct);
        return letter is not null && LetterAccess.CanSee(caller, letter.AccessTokens) ? disposition : null;
    }

    /// <summary>The recipient position the caller holds or acts for on this disposition, if any.</summary>
    public static Guid? RecipientPosition(Caller caller, Disposition disposition, Guid? chosen = null) =>
        DispositionIssuing.IssuerPosition(caller, disposition.RecipientPositionIds, chosen);

    public static bool IsIssuer(Caller caller, Disposition disposition) => caller.Positions.Contains(disposition.IssuerPositionId);
}
