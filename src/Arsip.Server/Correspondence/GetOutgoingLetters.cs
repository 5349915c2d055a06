using Arsip.Access;
using Arsip.Infrastructure;
using Marten.Pagination;

namespace Arsip.Correspondence;

public sealed record OutgoingLetterPage(IReadOnlyList<OutgoingLetterView> Items, long Total, int Page, int PageSize);

public static class OutgoingLetterQueries
{
    public static async Task<OutgoingLetterView?> VisibleAsync(IQuerySession session, Caller caller, Guid id, CancellationToken ct) =>
        await session.LoadAsync<OutgoingLetterView>(id, ct) is { } letter && LetterAccess.CanSee(caller, letter.AccessTokens) ? letter : null;

    public static async Task<OutgoingLetterPage> PageAsync(
        IQuerySession session, Caller caller, OutgoingStatus? status, int? year, int page, int pageSize, CancellationToken ct)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var tokens = LetterAccess.TokensOf(caller);
        var query = session.Query<OutgoingLetterView>().Where(l => l.AccessTokens.Any(t => tokens.Contains(t)));
        if (status is { } s) query = query.Where(l => l.Status == s);
        if (year is { } y) query = query.Where(l => l.Year == y);
        // imported letters share their day's drafting time: without the id, pages of a register's letters overlapped and skipped some
        var items = await query.OrderByDescending(l => l.DraftedAt).ThenByDescending(l => l.Id).ToPagedListAsync(page, pageSize, ct);
        return new OutgoingLetterPage(items.ToList(), items.TotalItemCount, page, pageSize);
    }
}

public static class GetOutgoingLettersEndpoints
{
    [WolverineGet("/api/outgoing-letters/{id}")]
    [Tags("Surat keluar")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct) =>
        await OutgoingLetterQueries.VisibleAsync(session, caller, id, ct) is { } letter
            ? Results.Ok(letter)
            : Results.Problem(Problems.NotFound("Surat keluar", id));

    [WolverineGet("/api/outgoing-letters")]
    [Tags("Surat keluar")]
    [EndpointSummary("Outgoing letters the caller may see: drafts, reviews, the outgoing agenda book")]
    public static Task<OutgoingLetterPage> List(
        [NotBody] Caller caller, IQuerySession session, CancellationToken ct, OutgoingStatus? status = null, int? year = null, int page = 1, int pageSize = 25) =>
        OutgoingLetterQueries.PageAsync(session, caller, status, year, page, pageSize, ct);
}
