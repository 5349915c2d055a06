using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Dispositions;

/// <summary><c>Arsip:Dispositions:ReminderLead</c>: how long before the deadline recipients are reminded (default 4 hours).</summary>
public sealed record DispositionSettings(TimeSpan ReminderLead)
{
    public static DispositionSettings From(IConfiguration configuration) =>
        new(configuration.GetValue<TimeSpan?>("Arsip:Dispositions:ReminderLead") ?? TimeSpan.FromHours(4));
}

public sealed record RemindDispositionRecipients(string Agency, Guid DispositionId);

public sealed record EscalateOverdueDisposition(string Agency, Guid DispositionId);

/// <summary>Scheduled at issue in the durable Wolverine inbox, so they survive a restart; nothing cancels them: the handlers re-check and do nothing when the work is done, withdrawn or closed.</summary>
public static class DispositionReminders
{
    public static async Task ScheduleAsync(IMessageBus bus, string agency, DispositionIssued issued, DateTimeOffset now, DispositionSettings settings)
    {
        var remindAt = issued.Deadline - settings.ReminderLead;
        if (remindAt > now) await bus.ScheduleAsync(new RemindDispositionRecipients(agency, issued.DispositionId), remindAt - now);
        await bus.ScheduleAsync(new EscalateOverdueDisposition(agency, issued.DispositionId), issued.Deadline - now);
    }

    public static DispositionReminderSent[] DecideReminders(Disposition d, DateTimeOffset now, TimeSpan lead)
    {
        if (d.State != DispositionState.Open || now < d.Deadline - lead || now > d.Deadline) return [];
        return d.Recipients.Where(r => !r.IsDone && !d.RemindedPositions.Contains(r.PositionId))
            .Select(r => new DispositionReminderSent(d.Id, d.LetterId, r.PositionId, SummaryOf(d), d.Deadline, now)).ToArray();
    }

    public static DispositionEscalated? DecideEscalation(Disposition d, DateTimeOffset now)
    {
        if (d.State != DispositionState.Open || now <= d.Deadline || d.EscalatedAt is not null || d.WorkDone) return null;
        return new DispositionEscalated(d.Id, d.LetterId, d.IssuerPositionId,
            d.Recipients.Where(r => !r.IsDone).Select(r => r.PositionId).ToArray(), SummaryOf(d), d.Deadline, now);
    }

    private static string SummaryOf(Disposition d) =>
        $"agenda {d.Letter.AgendaNumber}/{d.Letter.AgendaYear}: {LetterAccess.ListedSubject(d.Letter.SecurityLevel, d.Letter.Subject)}";
}

/// <summary>Each handler opens the message's agency's session itself (earlier messages carry no tenant id): Wolverine's transaction would open the envelope's tenant's.</summary>
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
