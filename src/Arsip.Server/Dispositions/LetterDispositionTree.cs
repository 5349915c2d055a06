using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;

namespace Arsip.Dispositions;

public sealed record DispositionNode(
    Guid Id,
    Guid? ParentId,
    Guid IssuerPositionId,
    string IssuerTitle,
    string IssuerName,
    ActingKind? IssuerActing,
    string[] Instructions,
    string? Note,
    DateTimeOffset Deadline,
    DateTimeOffset IssuedAt,
    DispositionState State,
    bool Settled,
    IReadOnlyList<RecipientView> Recipients,
    IReadOnlyList<ReadRecord> Reads,
    IReadOnlyList<FollowUpRecord> FollowUps,
    IReadOnlyList<DispositionNode> Children);

public sealed record DispositionTree(Guid LetterId, bool Settled, IReadOnlyList<DispositionNode> Dispositions)
{
    /// <summary>A node is settled when closed, or when its work is done and every child not withdrawn is settled; a letter with no live disposition is not settled.</summary>
    public static DispositionTree Build(Guid letterId, IReadOnlyList<Disposition> dispositions, DateTimeOffset now)
    {
        var children = dispositions.Where(d => d.ParentId is not null).ToLookup(d => d.ParentId!.Value);
        DispositionNode Node(Disposition d)
        {
            var kids = children[d.Id].OrderBy(c => c.IssuedAt).Select(Node).ToList();
            var settled = d.State == DispositionState.Closed
                          || (d.State == DispositionState.Open && d.WorkDone && kids.Where(k => k.State != DispositionState.Withdrawn).All(k => k.Settled));
            return new DispositionNode(d.Id, d.ParentId, d.IssuerPositionId, d.IssuerTitle, d.IssuerName, d.IssuerActing, d.Instructions, d.Note,
                d.Deadline, d.IssuedAt, d.State, settled, DispositionDetail.Of(d, now).Recipients, d.Reads, d.FollowUps, kids);
        }
        var roots = dispositions.Where(d => d.ParentId is null).OrderBy(d => d.IssuedAt).Select(Node).ToList();
        var live = roots.Where(r => r.State != DispositionState.Withdrawn).ToList();
        return new DispositionTree(letterId, live.Count > 0 && live.All(r => r.Settled), roots);
    }

    public static async Task<DispositionTree?> LoadAsync(IQuerySession session, Caller caller, Guid letterId, DateTimeOffset now, CancellationToken ct)
    {
        if (await session.LoadAsync<IncomingLetterView>(letterId, ct) is not { } letter || !LetterAccess.CanSee(caller, letter.AccessTokens)) return null;
        return Build(letterId, await session.Query<Disposition>().Where(d => d.LetterId == letterId).ToListAsync(ct), now);
    }
}

public static class LetterDispositionTreeEndpoint
{
    [WolverineGet("/api/letters/{id}/dispositions")]
    [Tags("Disposisi")]
    [EndpointSummary("A letter's disposition tree with per-recipient status, reads and follow-ups, and whether the letter is settled")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct) =>
        await DispositionTree.LoadAsync(session, caller, id, clock.GetUtcNow(), ct) is { } tree ? Results.Ok(tree) : Results.Problem(Problems.NotFound("Surat", id));
}
