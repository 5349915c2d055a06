using Arsip.Access;
using Arsip.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Correspondence;

/// <summary>Who sees an outgoing letter, as the aggregate knows it; a letter the caller may not see is answered as absent.</summary>
public static class OutgoingLetterAccess
{
    public static bool CanSee(Caller caller, OutgoingLetter? letter) =>
        letter is not null
        && LetterAccess.CanSee(caller, OutgoingLetter.AccessTokens(letter.Content, letter.Reviewers, letter.SignatoryPositionId, letter.DraftedByPersonId, letter.DraftedByUnitId));

    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("Surat keluar", id);

    /// <summary>The refusal of a step on a letter the caller cannot see, or of a step the aggregate does not allow now.</summary>
    public static ProblemDetails? Refusal(Guid id, Caller caller, OutgoingLetter? letter, Func<OutgoingLetter, ProblemDetails?> allowed) =>
        letter is null || !CanSee(caller, letter) ? NotFound(id) : allowed(letter);
}
