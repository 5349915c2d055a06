using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Correspondence;

public static class OutgoingLetterAccess
{
    public static bool CanSee(Caller caller, OutgoingLetter? letter) =>
        letter is not null
        && LetterAccess.CanSee(caller, OutgoingLetter.AccessTokens(letter.Content, letter.Reviewers, letter.SignatoryPositionId, letter.DraftedByPersonId, letter.DraftedByUnitId));

    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("Surat keluar", id);

    public static ProblemDetails? Refusal(Guid id, Caller caller, OutgoingLetter? letter, Func<OutgoingLetter, ProblemDetails?> allowed) =>
        letter is null || !CanSee(caller, letter) ? NotFound(id) : allowed(letter);
}
