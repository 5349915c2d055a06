using Arsip.Access;

namespace Arsip.Correspondence;

public static class AwaitingInitialsOrSignature
{
    public static async Task<IReadOnlyList<OutgoingLetterView>> ForAsync(Caller caller, IQuerySession session, CancellationToken ct)
    {
        var tokens = LetterAccess.TokensOf(caller);
        var candidates = await session.Query<OutgoingLetterView>()
            .Where(l => (l.Status == OutgoingStatus.InReview || l.Status == OutgoingStatus.Approved) && l.AccessTokens.Any(t => tokens.Contains(t)))
            .OrderBy(l => l.DraftedAt).ToListAsync(ct);
        return candidates.Where(l => IsWaitingFor(l, caller.Positions)).ToList();
    }

    public static bool IsWaitingFor(OutgoingLetterView letter, IReadOnlyCollection<Guid> positions) =>
        letter.AwaitingPosition is { } position && positions.Contains(position);
}
