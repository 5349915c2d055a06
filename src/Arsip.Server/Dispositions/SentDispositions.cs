using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;

namespace Arsip.Dispositions;

public sealed record SentDisposition(
    Guid DispositionId, Guid LetterId, Guid? ParentId, int AgendaNumber, int AgendaYear, string Subject, string Sender,
    SecurityLevel SecurityLevel, Urgency Urgency, Guid IssuerPositionId, string IssuerTitle, string[] Instructions, string? Note,
    DateTimeOffset IssuedAt, DateTimeOffset Deadline, DispositionState State, bool WorkDone, bool Overdue, IReadOnlyList<RecipientView> Recipients);

public sealed record SentDispositionPage(IReadOnlyList<SentDisposition> Items, long Total, int Page, int PageSize);

/// <summary>The issuing position is on the letter's disposition chain, so the caller sees every letter listed.</summary>
public static class SentDispositionQueries
{
    public static readonly string[] Statuses = ["all", "open", "overdue", "ended"];

    public static IQueryable<Disposition> Sent(IQuerySession session, Caller caller)
    {
        var positions = caller.Positions.ToArray();
        return session.Query<Disposition>().Where(d => positions.Contains(d.IssuerPositionId));
    }

    public static async Task<(SentDispositionPage? Page, ProblemDetails? Refusal)> PageAsync(
        IQuerySession session, Caller caller, DateTimeOffset now, string? status, int page, int pageSize, CancellationToken ct)
    {
        status = (status ?? "all").ToLowerInvariant();
        if (!Statuses.Contains(status))
            return (null, Problems.BadRequest("status", $"Status tidak dikenal (unknown status); one of {string.Join(", ", Statuses)}."));
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var sent = Sent(session, caller);
        // awaiting work in deadline order (so the overdue come first), then what has ended, newest first
        var awaiting = status switch
        {
            "ended" => null,
            "overdue" => sent.Where(d => d.AwaitingWork && d.Deadline < now),
            _ => sent.Where(d => d.AwaitingWork),
        };
        var ended = status is "all" or "ended" ? sent.Where(d => !d.AwaitingWork) : null;
        var awaitingCount = awaiting is null ? 0 : await awaiting.CountAsync(ct);
        var endedCount = ended is null ? 0 : await ended.CountAsync(ct);
        var skip = (page - 1) * pageSize;
        var items = new List<Disposition>();
        if (awaiting is not null && skip < awaitingCount)
            items.AddRange(await awaiting.OrderBy(d => d.Deadline).Skip(skip).Take(pageSize).ToListAsync(ct));
        if (ended is not null && items.Count < pageSize)
            items.AddRange(await ended.OrderByDescending(d => d.IssuedAt).Skip(Math.Max(0, skip - awaitingCount)).Take(pageSize - items.Count).ToListAsync(ct));
        return (new SentDispositionPage(items.Select(d => Item(d, now)).ToList(), awaitingCount + endedCount, page, pageSize), null);
    }

    public static SentDisposition Item(Disposition d, DateTimeOffset now)
    {
        var detail = DispositionDetail.Of(d, now);
        return new(d.Id, d.LetterId, d.ParentId, d.Letter.AgendaNumber, d.Letter.AgendaYear, d.Letter.Subject, d.Letter.Sender,
            d.Letter.SecurityLevel, d.Letter.Urgency, d.IssuerPositionId, d.IssuerTitle, d.Instructions, d.Note,
            d.IssuedAt, d.Deadline, d.State, d.WorkDone, detail.Overdue, detail.Recipients);
    }
}

public static class SentDispositionsEndpoint
{
    [WolverineGet("/api/dispositions/sent")]
    [Tags("Disposisi")]
    [EndpointSummary("Dispositions the caller sent, with each recipient's read and follow-up state; still awaiting work first (overdue first, by deadline), then the rest newest first")]
    [EndpointDescription("status=all (default) | open (awaiting work) | overdue | ended (work done, closed or withdrawn)")]
    [ProducesResponseType<SentDispositionPage>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        [NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct, string? status = null, int page = 1, int pageSize = 25)
    {
        var (found, refusal) = await SentDispositionQueries.PageAsync(session, caller, clock.GetUtcNow(), status, page, pageSize, ct);
        return refusal.ToResult(() => Results.Ok(found));
    }
}
