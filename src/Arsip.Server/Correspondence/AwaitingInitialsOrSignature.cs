using Arsip.Access;
using Marten;

namespace Arsip.Correspondence;

/// <summary>
/// Outgoing letters waiting for the caller: in review with one of the caller's positions as the current
/// reviewer (paraf), or approved with one of them as the signatory (<see cref="OutgoingLetterView.AwaitingPosition"/>).
/// </summary>
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
