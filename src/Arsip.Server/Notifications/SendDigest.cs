using Arsip.ReferenceData;

namespace Arsip.Notifications;

/// <summary>One item of a person's next daily digest.</summary>
public sealed class DigestItem
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string Title { get; set; } = "";
    public string[] Lines { get; set; } = [];
    public string Link { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>Scheduled (durable) for the person's chosen local hour when the first item of a digest waits.</summary>
public sealed record SendDigest(string Agency, Guid PersonId, DateTimeOffset DueAt);

public static class SendDigestHandler
{
    public static async Task Handle(SendDigest message, IDocumentSession session, IMessageContext bus, ArsipClock clock, CancellationToken ct)
    {
        var profile = await session.LoadAsync<NotificationProfile>(message.PersonId, ct);
        var items = await session.Query<DigestItem>().Where(i => i.PersonId == message.PersonId).OrderBy(i => i.At).ToListAsync(ct);
        if (profile is not null && profile.DigestDueAt == message.DueAt)
        {
            profile.DigestDueAt = null;
            session.Store(profile);
        }
        if (items.Count == 0 || profile?.Email is not { } to) return;
        var time = await AgencyTime.LoadAsync(session, ct);
        var text = NotificationMail.Digest(items.Select(i => (i.Title, i.Lines, i.Link)).ToList(), profile.Language, time.DateOf(clock.GetUtcNow()));
        var mail = new SendMail(NotifyHandler.MailId($"digest:{message.DueAt:O}", message.PersonId), message.Agency, message.PersonId, to, text.Subject, text.Text, text.Html);
        foreach (var item in items) session.Delete(item);
        session.Store(MailDelivery.Waiting(mail, "DailyDigest", clock.GetUtcNow()));
        await bus.PublishAsync(mail, new DeliveryOptions { TenantId = message.Agency });
    }
}
