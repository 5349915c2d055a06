using Arsip.Access;
using Arsip.Infrastructure;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Arsip.Correspondence;

public sealed record ReviseOutgoingLetter(DraftOutgoingLetter Draft, string? Note);
public sealed record InitialOutgoingLetter(string? Comment);
public sealed record ReturnOutgoingLetter(string? Comments);
public sealed record CancelOutgoingLetter(string? Reason);

/// <summary>
/// The steps between draft and signature. Each loads the letter for writing (optimistic
/// concurrency: a concurrent step makes SaveChanges fail with 409), asks the aggregate whether
/// the caller may take the step, and appends the event.
/// </summary>
public static class OutgoingLetterWorkflow
{
    internal static async Task<IEventStream<OutgoingLetter>?> LoadVisibleAsync(IDocumentSession session, Guid id, Caller caller, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<OutgoingLetter>(id, ct);
        return stream.Aggregate is { } letter
               && LetterAccess.CanSee(caller, OutgoingLetter.AccessTokens(letter.Content, letter.Reviewers, letter.SignatoryPositionId, letter.DraftedByPersonId, letter.DraftedByUnitId))
            ? stream
            : null;
    }

    internal static IResult Refuse(ProblemDetails problem) => Results.Problem(problem);
    internal static IResult NotFound(Guid id) => Results.Problem(Problems.NotFound("Surat keluar", id));

    [WolverinePut("/api/outgoing-letters/{id}")]
    [Tags("Surat keluar")]
    [EndpointSummary("Revise a draft: a new draft version; reviews start again")]
    public static async Task<IResult> Revise(Guid id, ReviseOutgoingLetter request, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        if (request.Draft is null) return Refuse(Problems.BadRequest("draft", "Draf wajib diisi (draft required)."));
        if (await DraftOutgoingLetterEndpoint.ValidateAsync(request.Draft, session, ct) is { } invalid && !ReferenceEquals(invalid, WolverineContinue.NoProblems))
            return Refuse(invalid);
        if (await LoadVisibleAsync(session, id, caller, ct) is not { Aggregate: { } letter } stream) return NotFound(id);
        if (letter.CanRevise(caller) is { } refused) return Refuse(refused);
        if (request.Draft.Content == letter.Content) return Results.NoContent();
        stream.AppendOne(new OutgoingLetterRevised(id, letter.DraftVersion + 1, request.Draft.Content, caller.Name, request.Note?.Trim(), clock.GetUtcNow()));
        return Results.NoContent();
    }

    [WolverinePost("/api/outgoing-letters/{id}/submit")]
    [Tags("Surat keluar")]
    [EndpointSummary("Send the draft to its first reviewer (or straight to signing when it has none)")]
    public static async Task<IResult> Submit(Guid id, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        if (await LoadVisibleAsync(session, id, caller, ct) is not { Aggregate: { } letter } stream) return NotFound(id);
        if (letter.CanSubmit(caller) is { } refused) return Refuse(refused);
        stream.AppendOne(new OutgoingLetterSubmitted(id, letter.DraftVersion, caller.Name, clock.GetUtcNow()));
        return Results.NoContent();
    }

    [WolverinePost("/api/outgoing-letters/{id}/initial")]
    [Tags("Surat keluar")]
    [EndpointSummary("Paraf: the current reviewer approves this draft version")]
    public static async Task<IResult> Initial(Guid id, InitialOutgoingLetter request, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        if (await LoadVisibleAsync(session, id, caller, ct) is not { Aggregate: { } letter } stream) return NotFound(id);
        if (letter.CanReview(caller) is { } refused) return Refuse(refused);
        stream.AppendOne(new OutgoingLetterInitialed(id, letter.DraftVersion, letter.CurrentReviewer!.Value, caller.PersonId, caller.Name, request.Comment?.Trim(), clock.GetUtcNow()));
        return Results.NoContent();
    }

    [WolverinePost("/api/outgoing-letters/{id}/return")]
    [Tags("Surat keluar")]
    [EndpointSummary("The current reviewer returns the draft to its drafter with comments")]
    public static async Task<IResult> Return(Guid id, ReturnOutgoingLetter request, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Comments))
            return Refuse(Problems.BadRequest("comments", "Catatan pengembalian wajib diisi (comments required)."));
        if (await LoadVisibleAsync(session, id, caller, ct) is not { Aggregate: { } letter } stream) return NotFound(id);
        if (letter.CanReview(caller) is { } refused) return Refuse(refused);
        stream.AppendOne(new OutgoingLetterReturned(id, letter.DraftVersion, letter.CurrentReviewer!.Value, caller.PersonId, caller.Name, request.Comments.Trim(), clock.GetUtcNow()));
        return Results.NoContent();
    }

    [WolverinePost("/api/outgoing-letters/{id}/cancel")]
    [Tags("Surat keluar")]
    [EndpointSummary("Cancel a letter before dispatch; a signed letter keeps its number, marked cancelled")]
    public static async Task<IResult> Cancel(Guid id, CancelOutgoingLetter request, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
            return Refuse(Problems.BadRequest("reason", "Alasan pembatalan wajib diisi (reason required)."));
        if (await LoadVisibleAsync(session, id, caller, ct) is not { Aggregate: { } letter } stream) return NotFound(id);
        if (letter.CanCancel(caller) is { } refused) return Refuse(refused);
        stream.AppendOne(new OutgoingLetterCancelled(id, request.Reason.Trim(), caller.Name, clock.GetUtcNow()));
        return Results.NoContent();
    }
}
