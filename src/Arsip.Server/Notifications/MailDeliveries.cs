namespace Arsip.Notifications;

public sealed record MailDeliveryRow(Guid Id, string To, string Subject, string Kind, MailStatus Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? SentAt);

/// <summary>What the administrator sees: mails not sent (waiting for the server, or refused for good) with why, newest first.</summary>
public static class MailDeliveries
{
    public static async Task<IReadOnlyList<MailDeliveryRow>> UnsentAsync(IQuerySession session, CancellationToken ct) =>
        (await session.Query<MailDelivery>().Where(m => m.Status != MailStatus.Sent).OrderByDescending(m => m.CreatedAt).Take(500).ToListAsync(ct))
        .Select(m => new MailDeliveryRow(m.Id, m.To, m.Subject, m.Kind, m.Status, m.Attempts, m.LastError, m.CreatedAt, m.LastAttemptAt, m.SentAt)).ToList();

    [WolverineGet("/api/notifications/unsent-mail")]
    [Tags("Pemberitahuan")]
    [Authorize(Policy = Policies.Administrator)]
    [EndpointSummary("Mails not sent: waiting for the SMTP server (with the last reason) or refused for good (5xx), newest first")]
    public static Task<IReadOnlyList<MailDeliveryRow>> Get(IQuerySession session, CancellationToken ct) => UnsentAsync(session, ct);
}
