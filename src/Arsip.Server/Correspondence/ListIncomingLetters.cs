using Arsip.Access;
using Marten.Pagination;

namespace Arsip.Correspondence;

public sealed record IncomingLetterPage(IReadOnlyList<IncomingLetterView> Items, long Total, int Page, int PageSize)
{
    public static async Task<IncomingLetterPage> LoadAsync(
        IQuerySession session, Caller caller, int? year, string? q, int page, int pageSize, bool unaddressed, CancellationToken ct)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var tokens = LetterAccess.TokensOf(caller);
        var query = session.Query<IncomingLetterView>().Where(l => l.AccessTokens.Any(t => tokens.Contains(t)));
        if (year is { } y) query = query.Where(l => l.AgendaYear == y);
        if (unaddressed) query = query.Where(l => l.AddresseePositionId == null);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(l => l.Subject.Contains(text, StringComparison.OrdinalIgnoreCase)
                                     || l.Sender.Contains(text, StringComparison.OrdinalIgnoreCase)
                                     || l.SenderLetterNumber.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
        var items = await query.OrderByDescending(l => l.AgendaYear).ThenByDescending(l => l.AgendaNumber)
            .ToPagedListAsync(page, pageSize, ct);
        return new IncomingLetterPage(items.ToList(), items.TotalItemCount, page, pageSize);
    }
}

public static class ListIncomingLettersEndpoint
{
    [WolverineGet("/api/incoming-letters")]
    [Tags("Surat masuk")]
    [EndpointSummary("The incoming agenda book: newest first, filtered by year and text; unaddressed=true lists the letters addressed to no position (in nobody's queue)")]
    public static Task<IncomingLetterPage> Get(
        [NotBody] Caller caller, IQuerySession session, CancellationToken ct, int? year = null, string? q = null, int page = 1, int pageSize = 25, bool unaddressed = false) =>
        IncomingLetterPage.LoadAsync(session, caller, year, q, page, pageSize, unaddressed, ct);
}
