using Arsip.Access;
using Arsip.Infrastructure;
using Marten;
using Wolverine;

namespace Arsip.Dispositions;

/// <summary><c>Arsip:Dispositions:ReminderLead</c>: how long before the deadline recipients are reminded (default 4 hours).</summary>
public sealed record DispositionSettings(TimeSpan ReminderLead)
{
    public static DispositionSettings From(IConfiguration configuration) =>
        new(configuration.GetValue<TimeSpan?>("Arsip:Dispositions:ReminderLead") ?? TimeSpan.FromHours(4));
}

/// <summary>Scheduled (durable) at issue: remind the recipients before the deadline.</summary>
public sealed record RemindDispositionRecipients(string Agency, Guid DispositionId);

/// <summary>Scheduled (durable) at issue: escalate to the issuer when the deadline passes with the work not done.</summary>
public sealed record EscalateOverdueDisposition(string Agency, Guid DispositionId);

/// <summary>
/// Reminders and escalations. They are scheduled when a disposition is issued and stored in the
/// Marten-backed Wolverine inbox, so they survive a restart. Nothing cancels them: the handlers
/// re-check the disposition against the clock and do nothing when the work is done, withdrawn or closed.
/// </summary>
public static class DispositionReminders
{
    public static async Task ScheduleAsync(IMessageBus bus, string agency, DispositionIssued issued, DateTimeOffset now, DispositionSettings settings)
    {
        var remindAt = issued.Deadline - settings.ReminderLead;
        if (remindAt > now) await bus.ScheduleAsync(new RemindDispositionRecipients(agency, issued.DispositionId), remindAt - now);
        await bus.ScheduleAsync(new EscalateOverdueDisposition(agency, issued.DispositionId), issued.Deadline - now);
    }

    /// <summary>Reminds each recipient not yet done (once), from the reminder time until the deadline.</summary>
    public static DispositionReminderSent[] DecideReminders(Disposition d, DateTimeOffset now, TimeSpan lead)
    {
        if (d.State != DispositionState.Open || now < d.Deadline - lead || now > d.Deadline) return [];
        return d.Recipients.Where(r => !r.IsDone && !d.RemindedPositions.Contains(r.PositionId))
            .Select(r => new DispositionReminderSent(d.Id, d.LetterId, r.PositionId, SummaryOf(d), d.Deadline, now)).ToArray();
    }

    /// <summary>Escalates once, when the deadline has passed and the lead (or all, without a lead) has not reported done.</summary>
    public static DispositionEscalated? DecideEscalation(Disposition d, DateTimeOffset now)
    {
        if (d.State != DispositionState.Open || now <= d.Deadline || d.EscalatedAt is not null || d.WorkDone) return null;
        return new DispositionEscalated(d.Id, d.LetterId, d.IssuerPositionId,
            d.Recipients.Where(r => !r.IsDone).Select(r => r.PositionId).ToArray(), SummaryOf(d), d.Deadline, now);
    }

    private static string SummaryOf(Disposition d) =>
        $"agenda {d.Letter.AgendaNumber}/{d.Letter.AgendaYear}: {LetterAccess.ListedSubject(d.Letter.SecurityLevel, d.Letter.Subject)}";
}

/// <summary>
/// The agency travels in the message (those scheduled by earlier versions carry no tenant id), so each handler opens
/// that agency's session itself and saves it: Wolverine's transaction would open the envelope's tenant's.
/// </summary>
public static class RemindDispositionRecipientsHandler
{
    public static async Task Handle(RemindDispositionRecipients message, IDocumentStore store, ArsipClock clock, DispositionSettings settings, CancellationToken ct)
    {
        await using var session = store.LightweightSession(message.Agency);
        var stream = await session.Events.FetchForWriting<Disposition>(message.DispositionId, ct);
        if (stream.Aggregate is not { } disposition) return;
        var events = DispositionReminders.DecideReminders(disposition, clock.GetUtcNow(), settings.ReminderLead);
        if (events.Length == 0) return;
        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
    }
}

public static class EscalateOverdueDispositionHandler
{
    public static async Task Handle(EscalateOverdueDisposition message, IDocumentStore store, ArsipClock clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession(message.Agency);
        var stream = await session.Events.FetchForWriting<Disposition>(message.DispositionId, ct);
        if (stream.Aggregate is not { } disposition || DispositionReminders.DecideEscalation(disposition, clock.GetUtcNow()) is not { } escalated) return;
        stream.AppendOne(escalated);
        await session.SaveChangesAsync(ct);
    }
}
