using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.ReferenceData;

namespace Arsip.Dispositions;

public sealed record InboxSummary(
    int LettersAwaitingDisposition,
    int UnreadDispositions,
    int OpenWork,
    int OverdueWork,
    int CopiesToRead,
    IReadOnlyList<DispositionNotification> Notifications,
    int SentOpen = 0,
    int SentOverdue = 0);

public sealed record InboxItem(
    Guid DispositionId, Guid LetterId, Guid? ParentId, Guid RecipientPositionId, string RecipientTitle, bool Lead,
    int AgendaNumber, int AgendaYear, string Subject, string Sender, SecurityLevel SecurityLevel, Urgency Urgency,
    string IssuerTitle, string IssuerName, string[] Instructions, string? Note,
    DateTimeOffset IssuedAt, DateTimeOffset Deadline, RecipientStatus Status, DateTimeOffset? ReadAt, DateTimeOffset? CompletedAt,
    DispositionState State, DateTimeOffset? RemindedAt, DateTimeOffset? EscalatedAt);

public sealed record InboxPage(IReadOnlyList<InboxItem> Items, long Total, int Page, int PageSize);

public static class InboxQueries
{
    public static readonly string[] Statuses = ["open", "unread", "read", "inprogress", "done", "overdue", "all"];
    public static readonly string[] Sorts = ["deadline", "received", "oldest", "urgency"];

    public static async Task<InboxSummary> SummaryAsync(IQuerySession session, Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        var positions = caller.Positions.ToArray();
        var rows = session.Query<DispositionInboxRow>().Where(r => positions.Contains(r.RecipientPositionId) && r.IsOpen);
        var sent = SentDispositionQueries.Sent(session, caller).Where(d => d.AwaitingWork);
        var time = await AgencyTime.LoadAsync(session, ct);
        var notifications = await session.Query<DispositionNotification>().Where(n => positions.Contains(n.PositionId)).OrderByDescending(n => n.At).Take(20).ToListAsync(ct);
        return new InboxSummary(
            await AwaitingDisposition(session, caller).CountAsync(ct),
            await UnreadAsync(session, caller, ct),
            await rows.CountAsync(ct),
            await rows.CountAsync(r => r.Deadline < now, ct),
            await CopiesTo(session, caller).CountAsync(ct),
            notifications.Select(n => n.Localized(time)).ToList(),
            await sent.CountAsync(ct),
            await sent.CountAsync(d => d.Deadline < now, ct));
    }

    /// <summary>Open dispositions to the caller's positions that nobody holding them has opened yet (the header's badge).</summary>
    public static Task<int> UnreadAsync(IQuerySession session, Caller caller, CancellationToken ct)
    {
        var positions = caller.Positions.ToArray();
        return session.Query<DispositionInboxRow>()
            .CountAsync(r => positions.Contains(r.RecipientPositionId) && r.IsOpen && r.Status == RecipientStatus.Unread, ct);
    }

    /// <summary>The addressee sees them by its position token.</summary>
    public static IQueryable<IncomingLetterView> AwaitingDisposition(IQuerySession session, Caller caller)
    {
        var nullable = caller.Positions.Select(p => (Guid?)p).ToArray();
        return session.Query<IncomingLetterView>().Where(l => nullable.Contains(l.AddresseePositionId) && l.DispositionCount == 0);
    }

    public static IQueryable<IncomingLetterView> CopiesTo(IQuerySession session, Caller caller)
    {
        var positions = caller.Positions.ToArray();
        return session.Query<IncomingLetterView>().Where(l => l.CopyToPositionIds.Any(p => positions.Contains(p)));
    }

    public static async Task<(InboxPage? Page, ProblemDetails? Refusal)> ListAsync(
        IQuerySession session, Caller caller, DateTimeOffset now, string? status, string? sort, int page, int pageSize, CancellationToken ct)
    {
        status = (status ?? "open").ToLowerInvariant();
        sort = (sort ?? "deadline").ToLowerInvariant();
        if (!Statuses.Contains(status))
            return (null, Problems.BadRequest("status", $"Status tidak dikenal (unknown status); one of {string.Join(", ", Statuses)}."));
        if (!Sorts.Contains(sort))
            return (null, Problems.BadRequest("sort", $"Urutan tidak dikenal (unknown sort); one of {string.Join(", ", Sorts)}."));
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var positions = caller.Positions.ToArray();

        var query = session.Query<DispositionInboxRow>().Where(r => positions.Contains(r.RecipientPositionId));
        query = status switch
        {
            "open" => query.Where(r => r.IsOpen),
            "unread" => query.Where(r => r.IsOpen && r.Status == RecipientStatus.Unread),
            "read" => query.Where(r => r.IsOpen && r.Status == RecipientStatus.Read),
            "inprogress" => query.Where(r => r.IsOpen && r.Status == RecipientStatus.InProgress),
            "done" => query.Where(r => r.Status == RecipientStatus.Done),
            "overdue" => query.Where(r => r.IsOpen && r.Deadline < now),
            _ => query,
        };
        // count and page as two queries: a paged query with count(*) over () reads every matching row before the limit
        var total = await query.CountAsync(ct);
        var ordered = sort switch
        {
            "received" => query.OrderByDescending(r => r.IssuedAt),
            "oldest" => query.OrderBy(r => r.IssuedAt),
            "urgency" => query.OrderByDescending(r => r.UrgencyRank).ThenBy(r => r.Deadline),
            _ => query.OrderBy(r => r.Deadline),
        };
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return (new InboxPage(rows.Select(r => Item(r, now)).ToList(), total, page, pageSize), null);
    }

    public static InboxItem Item(DispositionInboxRow r, DateTimeOffset now) => new(
        r.DispositionId, r.LetterId, r.ParentId, r.RecipientPositionId, r.RecipientTitle, r.Lead,
        r.Letter.AgendaNumber, r.Letter.AgendaYear, r.Letter.Subject, r.Letter.Sender, r.Letter.SecurityLevel, r.Letter.Urgency,
        r.IssuerTitle, r.IssuerName, r.Instructions, r.Note, r.IssuedAt, r.Deadline, r.StatusAt(now), r.ReadAt, r.CompletedAt,
        r.State, r.RemindedAt, r.EscalatedAt);
}

public static class InboxEndpoints
{
    [WolverineGet("/api/inbox")]
    [Tags("Disposisi")]
    [EndpointSummary("Counts: letters awaiting the caller's disposition, unread dispositions, open and overdue work, copies, dispositions the caller sent still open and overdue; and recent notifications")]
    public static Task<InboxSummary> Get([NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct) =>
        InboxQueries.SummaryAsync(session, caller, clock.GetUtcNow(), ct);

    [WolverineGet("/api/inbox/dispositions")]
    [Tags("Disposisi")]
    [EndpointSummary("Dispositions to the caller's positions; status=open|unread|read|inprogress|done|overdue|all, sort=deadline|received|oldest|urgency " +
                     "(received: newest first; urgency: Sangat Segera first, then the nearest deadline)")]
    public static async Task<IResult> List(
        [NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct,
        string? status = null, string? sort = null, int page = 1, int pageSize = 25)
    {
        var (found, refusal) = await InboxQueries.ListAsync(session, caller, clock.GetUtcNow(), status, sort, page, pageSize, ct);
        return refusal.ToResult(() => Results.Ok(found));
    }
}
