using Arsip.Correspondence;
using Arsip.Dispositions;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Wolverine.Marten.Subscriptions;

namespace Arsip.Notifications;

public enum NotificationKind
{
    DispositionReceived,
    DeadlineApproaching,
    DeadlinePassed,
    AwaitingInitials,
    AwaitingSignature,
    DraftReturned,
    LetterDelivered,
    RecordsDue,
}

/// <summary>
/// Something a person should hear about outside Arsip: published from the event log after the event's commit, so issuing a
/// disposition never waits on it; the positions' holders and people are resolved when it is handled.
/// </summary>
public sealed record Notify(string Agency, NotificationKind Kind, Guid SubjectId, Guid[] PositionIds, Guid[] PersonIds, Guid EventId, DateTimeOffset At);

/// <summary>
/// Reads the committed events (not the handlers, which other modules own) and publishes a <see cref="Notify"/> for each that
/// needs a person's attention. Wolverine moves the subscription's progress and the outgoing messages in one transaction, so a
/// crash neither loses nor repeats them; it starts from the present, so an upgrade mails nothing from the past.
/// </summary>
public sealed class NotificationSubscription : BatchSubscription
{
    public NotificationSubscription() : base("notifications")
    {
        IncludeType<DispositionIssued>();
        IncludeType<DispositionReminderSent>();
        IncludeType<DispositionEscalated>();
        IncludeType<OutgoingLetterSubmitted>();
        IncludeType<OutgoingLetterInitialed>();
        IncludeType<OutgoingLetterReturned>();
        IncludeType<IncomingLetterRegistered>();
        IncludeType<Records.RecordsCameDue>();
        Options.SubscribeFromPresent();
    }

    public static Notify? NoticeOf(IEvent e) => e.Data switch
    {
        DispositionIssued d => Of(e, NotificationKind.DispositionReceived, d.DispositionId, d.Recipients.Select(r => r.PositionId).ToArray(), []),
        DispositionReminderSent r => Of(e, NotificationKind.DeadlineApproaching, r.DispositionId, [r.PositionId], []),
        DispositionEscalated x => Of(e, NotificationKind.DeadlinePassed, x.DispositionId, [x.IssuerPositionId, .. x.OverduePositionIds], []),
        // who initials or signs next is read from the letter when handled: the event says only that the draft moved on
        OutgoingLetterSubmitted s => Of(e, NotificationKind.AwaitingInitials, s.LetterId, [], []),
        OutgoingLetterInitialed i => Of(e, NotificationKind.AwaitingInitials, i.LetterId, [], []),
        OutgoingLetterReturned r => Of(e, NotificationKind.DraftReturned, r.LetterId, [], []),
        // delivered by another agency: registered by the system, not a person
        IncomingLetterRegistered l when l.RegisteredByPersonId == Guid.Empty =>
            Of(e, NotificationKind.LetterDelivered, l.LetterId, l.AddresseePositionId is { } p ? [p] : [], []),
        // the daily records check: the archivists hear of berkas that became inactive or whose retention ended
        Records.RecordsCameDue r when r.BecameInactiveCount + r.RetentionEndedCount > 0 => Of(e, NotificationKind.RecordsDue, e.StreamId, [], []),
        _ => null,
    };

    private static Notify Of(IEvent e, NotificationKind kind, Guid subject, Guid[] positions, Guid[] people) =>
        new(e.TenantId, kind, subject, positions.Distinct().ToArray(), people, e.Id, e.Timestamp);

    public override async Task ProcessEventsAsync(EventRange page, ISubscriptionController controller, IDocumentOperations operations, IMessageBus bus, CancellationToken ct)
    {
        foreach (var e in page.Events)
            if (NoticeOf(e) is { } notice)
                await bus.PublishAsync(notice, new DeliveryOptions { TenantId = notice.Agency });
    }
}
