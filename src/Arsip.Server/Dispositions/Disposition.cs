using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.Dispositions;

public sealed record DispositionRecipient(Guid PositionId, Guid UnitId, string Title, bool Lead);

public sealed record LetterSummary(int AgendaNumber, int AgendaYear, string Subject, string Sender, SecurityLevel SecurityLevel, Urgency Urgency);

public sealed record DispositionIssued(
    Guid DispositionId,
    Guid LetterId,
    Guid? ParentId,
    LetterSummary Letter,
    Guid IssuerPositionId,
    string IssuerTitle,
    Guid IssuerPersonId,
    string IssuerName,
    ActingKind? IssuerActing,
    DispositionRecipient[] Recipients,
    string[] Instructions,
    string? Note,
    DateTimeOffset Deadline,
    DateTimeOffset IssuedAt);

public sealed record DispositionRead(Guid DispositionId, Guid PositionId, Guid PersonId, string PersonName, DateTimeOffset ReadAt);
public sealed record FollowUpReported(Guid DispositionId, Guid PositionId, Guid PersonId, string PersonName, string Text, DateTimeOffset ReportedAt, FollowUpFile[]? Files = null);
public sealed record FollowUpFile(string FileName, string Sha256, string ContentType, long Length);
public sealed record DispositionCompleted(Guid DispositionId, Guid PositionId, Guid PersonId, string PersonName, string? Note, DateTimeOffset CompletedAt);
public sealed record DispositionForwarded(Guid DispositionId, Guid ChildId, Guid ByPositionId, Guid PersonId, Guid[] RecipientPositionIds, DateTimeOffset ForwardedAt);
public sealed record DispositionWithdrawn(Guid DispositionId, Guid PersonId, string PersonName, string? Reason, Guid[] RecipientPositionIds, DateTimeOffset WithdrawnAt);
public sealed record DispositionClosed(Guid DispositionId, Guid PersonId, string PersonName, Guid[] RecipientPositionIds, DateTimeOffset ClosedAt);
public sealed record DispositionReminderSent(Guid DispositionId, Guid LetterId, Guid PositionId, string Summary, DateTimeOffset Deadline, DateTimeOffset SentAt);
public sealed record DispositionEscalated(Guid DispositionId, Guid LetterId, Guid IssuerPositionId, Guid[] OverduePositionIds, string Summary, DateTimeOffset Deadline, DateTimeOffset EscalatedAt);

public enum DispositionState { Open, Withdrawn, Closed }

/// <summary>Overdue is not stored: it is computed against the clock when read (<see cref="RecipientState.StatusAt"/>).</summary>
public enum RecipientStatus { Unread, Read, InProgress, Done, Overdue }

public sealed record ReadRecord(Guid PersonId, string PersonName, Guid PositionId, DateTimeOffset ReadAt);
public sealed record FollowUpRecord(Guid PositionId, Guid PersonId, string PersonName, string Text, DateTimeOffset ReportedAt, FollowUpFile[]? Files = null);

public sealed class RecipientState
{
    public Guid PositionId { get; set; }
    public Guid UnitId { get; set; }
    public string Title { get; set; } = "";
    public bool Lead { get; set; }
    public RecipientStatus Status { get; set; }
    public DateTimeOffset? FirstReadAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public string? CompletionNote { get; set; }

    public bool IsDone => Status == RecipientStatus.Done;

    public RecipientStatus StatusAt(DateTimeOffset now, DateTimeOffset deadline, DispositionState state) =>
        state == DispositionState.Open && !IsDone && now > deadline ? RecipientStatus.Overdue : Status;
}

/// <summary>Its own stream; this inline snapshot is the write model (FetchForWriting, so concurrent actions conflict) and a node of the letter's tree.</summary>
public sealed class Disposition
{
    public Guid Id { get; set; }
    public Guid LetterId { get; set; }
    public Guid? ParentId { get; set; }
    public LetterSummary Letter { get; set; } = new(0, 0, "", "", SecurityLevel.Biasa, Urgency.Biasa);
    public Guid IssuerPositionId { get; set; }
    public string IssuerTitle { get; set; } = "";
    public Guid IssuerPersonId { get; set; }
    public string IssuerName { get; set; } = "";
    public ActingKind? IssuerActing { get; set; }
    public List<RecipientState> Recipients { get; set; } = [];
    public string[] Instructions { get; set; } = [];
    public string? Note { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DispositionState State { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? WithdrawalReason { get; set; }
    public List<ReadRecord> Reads { get; set; } = [];
    public List<FollowUpRecord> FollowUps { get; set; } = [];
    public List<Guid> Children { get; set; } = [];
    public List<Guid> RemindedPositions { get; set; } = [];
    public DateTimeOffset? EscalatedAt { get; set; }
    /// <summary>Set when the letter's content was destroyed (pemusnahan): instructions, notes and follow-up reports are gone.</summary>
    public ContentTombstone? Destroyed { get; set; }

    public static Disposition Create(DispositionIssued e) => new()
    {
        Id = e.DispositionId,
        LetterId = e.LetterId,
        ParentId = e.ParentId,
        Letter = e.Letter,
        IssuerPositionId = e.IssuerPositionId,
        IssuerTitle = e.IssuerTitle,
        IssuerPersonId = e.IssuerPersonId,
        IssuerName = e.IssuerName,
        IssuerActing = e.IssuerActing,
        Recipients = e.Recipients.Select(r => new RecipientState { PositionId = r.PositionId, UnitId = r.UnitId, Title = r.Title, Lead = r.Lead }).ToList(),
        Instructions = e.Instructions,
        Note = e.Note,
        Deadline = e.Deadline,
        IssuedAt = e.IssuedAt,
    };

    public void Apply(DispositionRead e)
    {
        if (Reads.All(r => r.PersonId != e.PersonId)) Reads.Add(new ReadRecord(e.PersonId, e.PersonName, e.PositionId, e.ReadAt));
        if (Recipient(e.PositionId) is { } r)
        {
            r.FirstReadAt ??= e.ReadAt;
            if (r.Status == RecipientStatus.Unread) r.Status = RecipientStatus.Read;
        }
    }

    public void Apply(FollowUpReported e)
    {
        FollowUps.Add(new FollowUpRecord(e.PositionId, e.PersonId, e.PersonName, e.Text, e.ReportedAt, e.Files));
        if (Recipient(e.PositionId) is { IsDone: false } r) { r.Status = RecipientStatus.InProgress; r.FirstReadAt ??= e.ReportedAt; }
    }

    public void Apply(DispositionForwarded e)
    {
        Children.Add(e.ChildId);
        if (Recipient(e.ByPositionId) is { IsDone: false } r) { r.Status = RecipientStatus.InProgress; r.FirstReadAt ??= e.ForwardedAt; }
    }

    public void Apply(DispositionCompleted e)
    {
        if (Recipient(e.PositionId) is not { } r) return;
        r.Status = RecipientStatus.Done;
        r.FirstReadAt ??= e.CompletedAt;
        r.CompletedAt = e.CompletedAt;
        r.CompletedBy = e.PersonName;
        r.CompletionNote = e.Note;
    }

    public void Apply(DispositionContentDestroyed e)
    {
        Destroyed = ContentTombstone.Of(e);
        Instructions = [];
        Note = null;
        WithdrawalReason = WithdrawalReason is null ? null : "";
        FollowUps = FollowUps.Select(f => f with { Text = "", Files = f.Files?.Select(file => file with { FileName = "" }).ToArray() }).ToList();
        foreach (var recipient in Recipients) recipient.CompletionNote = null;
    }

    public void Apply(DispositionWithdrawn e) { State = DispositionState.Withdrawn; EndedAt = e.WithdrawnAt; WithdrawalReason = e.Reason; }
    public void Apply(DispositionClosed e) { State = DispositionState.Closed; EndedAt = e.ClosedAt; }
    public void Apply(DispositionReminderSent e) { if (!RemindedPositions.Contains(e.PositionId)) RemindedPositions.Add(e.PositionId); }
    public void Apply(DispositionEscalated e) => EscalatedAt ??= e.EscalatedAt;

    public RecipientState? Recipient(Guid positionId) => Recipients.FirstOrDefault(r => r.PositionId == positionId);

    /// <summary>Any recipient has opened or acted on it: from then on it can no longer be withdrawn.</summary>
    public bool AnyRecipientActed => Recipients.Any(r => r.Status != RecipientStatus.Unread) || Reads.Count > 0;

    public bool WorkDone => Recipients.FirstOrDefault(r => r.Lead) is { } lead ? lead.IsDone : Recipients.All(r => r.IsDone);

    public Guid[] RecipientPositionIds => Recipients.Select(r => r.PositionId).ToArray();

    /// <summary>Stored with the document so the issuer's sent list finds and orders what still waits for work: open and not done.</summary>
    public bool AwaitingWork => State == DispositionState.Open && !WorkDone;
}
