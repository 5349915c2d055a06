using Arsip.ReferenceData;
using Marten.Events.Projections;

namespace Arsip.Dispositions;

/// <summary>Kept inline so inbox lists and counts are single indexed queries.</summary>
public sealed class DispositionInboxRow
{
    public string Id { get; set; } = "";
    public Guid DispositionId { get; set; }
    public Guid LetterId { get; set; }
    public Guid? ParentId { get; set; }
    public Guid RecipientPositionId { get; set; }
    public Guid RecipientUnitId { get; set; }
    public string RecipientTitle { get; set; } = "";
    public bool Lead { get; set; }
    public LetterSummary Letter { get; set; } = null!;
    public Guid IssuerPositionId { get; set; }
    public string IssuerTitle { get; set; } = "";
    public string IssuerName { get; set; } = "";
    public string[] Instructions { get; set; } = [];
    public string? Note { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public string? ReadBy { get; set; }
    public RecipientStatus Status { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DispositionState State { get; set; }
    public bool IsOpen { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }

    public static string IdFor(Guid dispositionId, Guid positionId) => $"{dispositionId:N}:{positionId:N}";
    public static Guid PositionOf(string id) => Guid.ParseExact(id[(id.IndexOf(':') + 1)..], "N");

    public RecipientStatus StatusAt(DateTimeOffset now) => IsOpen && now > Deadline ? RecipientStatus.Overdue : Status;

    /// <summary>Stored so lists sort by urgency (the enum is stored as text).</summary>
    public int UrgencyRank => (int)(Letter?.Urgency ?? Kernel.Urgency.Biasa);
}

public sealed partial class DispositionInboxProjection : MultiStreamProjection<DispositionInboxRow, string>
{
    public DispositionInboxProjection()
    {
        Identities<DispositionIssued>(e => e.Recipients.Select(r => DispositionInboxRow.IdFor(e.DispositionId, r.PositionId)).ToArray());
        Identity<DispositionRead>(e => DispositionInboxRow.IdFor(e.DispositionId, e.PositionId));
        Identity<FollowUpReported>(e => DispositionInboxRow.IdFor(e.DispositionId, e.PositionId));
        Identity<DispositionForwarded>(e => DispositionInboxRow.IdFor(e.DispositionId, e.ByPositionId));
        Identity<DispositionCompleted>(e => DispositionInboxRow.IdFor(e.DispositionId, e.PositionId));
        Identities<DispositionWithdrawn>(e => e.RecipientPositionIds.Select(p => DispositionInboxRow.IdFor(e.DispositionId, p)).ToArray());
        Identities<DispositionClosed>(e => e.RecipientPositionIds.Select(p => DispositionInboxRow.IdFor(e.DispositionId, p)).ToArray());
        Identity<DispositionReminderSent>(e => DispositionInboxRow.IdFor(e.DispositionId, e.PositionId));
        Identities<DispositionEscalated>(e => e.OverduePositionIds.Select(p => DispositionInboxRow.IdFor(e.DispositionId, p)).ToArray());
    }

    /// <summary>Explicit rather than by convention: a row needs its own id (which recipient it is) when it is created.</summary>
    public override DispositionInboxRow? Evolve(DispositionInboxRow? snapshot, string id, IEvent e)
    {
        if (e.Data is DispositionIssued issued) return Issued(id, issued);
        if (snapshot is not { } row) return null;
        switch (e.Data)
        {
            case DispositionRead read:
                if (row.ReadAt is null) { row.ReadAt = read.ReadAt; row.ReadBy = read.PersonName; }
                if (row.Status == RecipientStatus.Unread) row.Status = RecipientStatus.Read;
                break;
            case FollowUpReported followUp: InProgress(row, followUp.ReportedAt); break;
            case DispositionForwarded forwarded: InProgress(row, forwarded.ForwardedAt); break;
            case DispositionCompleted completed:
                row.ReadAt ??= completed.CompletedAt;
                row.Status = RecipientStatus.Done;
                row.CompletedAt = completed.CompletedAt;
                row.IsOpen = false;
                break;
            case DispositionWithdrawn: row.State = DispositionState.Withdrawn; row.IsOpen = false; break;
            case DispositionClosed: row.State = DispositionState.Closed; row.IsOpen = false; break;
            case DispositionReminderSent reminder: row.RemindedAt ??= reminder.SentAt; break;
            case DispositionEscalated escalated: row.EscalatedAt ??= escalated.EscalatedAt; break;
        }
        return row;
    }

    private static DispositionInboxRow Issued(string id, DispositionIssued e)
    {
        var recipient = e.Recipients.First(r => r.PositionId == DispositionInboxRow.PositionOf(id));
        return new DispositionInboxRow
        {
            Id = id, DispositionId = e.DispositionId, LetterId = e.LetterId, ParentId = e.ParentId,
            RecipientPositionId = recipient.PositionId, RecipientUnitId = recipient.UnitId, RecipientTitle = recipient.Title, Lead = recipient.Lead,
            Letter = e.Letter, IssuerPositionId = e.IssuerPositionId, IssuerTitle = e.IssuerTitle, IssuerName = e.IssuerName,
            Instructions = e.Instructions, Note = e.Note, Deadline = e.Deadline, IssuedAt = e.IssuedAt,
            Status = RecipientStatus.Unread, State = DispositionState.Open, IsOpen = true,
        };
    }

    private static void InProgress(DispositionInboxRow row, DateTimeOffset at)
    {
        row.ReadAt ??= at;
        if (row.Status is RecipientStatus.Unread or RecipientStatus.Read) row.Status = RecipientStatus.InProgress;
    }
}

public sealed class DispositionNotification
{
    public string Id { get; set; } = "";
    public Guid PositionId { get; set; }
    public Guid DispositionId { get; set; }
    public Guid LetterId { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>As written when it was sent (in WIB); <see cref="Localized"/> says it in the agency's zone.</summary>
    public string Text { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Summary { get; set; } = "";
    public DateTimeOffset? Deadline { get; set; }
    public int OverdueRecipients { get; set; }

    /// <summary>Notifications stored before the deadline was kept keep their text.</summary>
    public DispositionNotification Localized(AgencyTime time)
    {
        if (Deadline is { } deadline) Text = TextOf(Kind, Summary, deadline, OverdueRecipients, time);
        return this;
    }

    public static string TextOf(string kind, string summary, DateTimeOffset deadline, int overdueRecipients, AgencyTime time) =>
        kind == DispositionNotificationProjection.Reminder
            ? $"Pengingat: batas waktu disposisi {time.Format(deadline)} untuk {summary} (reminder: deadline approaching)."
            : $"Disposisi melewati batas waktu {time.Format(deadline)}: {summary}, {overdueRecipients} penerima belum selesai (overdue, escalated to the issuer).";
}

public sealed partial class DispositionNotificationProjection : EventProjection
{
    public const string Reminder = "reminder";
    public const string Escalation = "escalation";

    public DispositionNotification Create(IEvent<DispositionReminderSent> e) => new()
    {
        Id = $"{e.Id:N}", PositionId = e.Data.PositionId, DispositionId = e.Data.DispositionId, LetterId = e.Data.LetterId, Kind = Reminder, At = e.Data.SentAt,
        Summary = e.Data.Summary, Deadline = e.Data.Deadline,
        Text = DispositionNotification.TextOf(Reminder, e.Data.Summary, e.Data.Deadline, 0, AgencyTime.Default),
    };

    public DispositionNotification Create(IEvent<DispositionEscalated> e) => new()
    {
        Id = $"{e.Id:N}", PositionId = e.Data.IssuerPositionId, DispositionId = e.Data.DispositionId, LetterId = e.Data.LetterId, Kind = Escalation, At = e.Data.EscalatedAt,
        Summary = e.Data.Summary, Deadline = e.Data.Deadline, OverdueRecipients = e.Data.OverduePositionIds.Length,
        Text = DispositionNotification.TextOf(Escalation, e.Data.Summary, e.Data.Deadline, e.Data.OverduePositionIds.Length, AgencyTime.Default),
    };
}
