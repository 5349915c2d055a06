using Wolverine.Attributes;

namespace Arsip.Correspondence;

public sealed record IncomingLetterRegistered(
    Guid LetterId,
    int AgendaNumber,
    int AgendaYear,
    string Sender,
    string SenderLetterNumber,
    DateOnly LetterDate,
    DateOnly ReceivedOn,
    string Subject,
    string Classification,
    SecurityLevel SecurityLevel,
    Urgency Urgency,
    string? Attachments,
    string? Remarks,
    Guid? AddresseePositionId,
    Guid? AddresseeUnitId,
    Guid[] CopyToPositionIds,
    Guid[] CopyToUnitIds,
    Guid RegisteredByPersonId,
    Guid? RegisteredByUnitId,
    string RegisteredBy,
    DateTimeOffset RegisteredAt);

/// <summary>Only names the stream and carries its version for optimistic concurrency: decisions read IncomingLetterView.</summary>
public sealed class IncomingLetter
{
    public Guid Id { get; set; }

    public static IncomingLetter Create(IncomingLetterRegistered e) => new() { Id = e.LetterId };
}

/// <summary>One corrected field: the history keeps both values, so nothing registered is ever lost.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

public sealed record IncomingLetterCorrected(Guid LetterId, FieldChange[] Changes, string Reason, string CorrectedBy, DateTimeOffset CorrectedAt);

/// <summary>Explicit access to one letter for one person: the way a secret letter reaches someone outside its chain.</summary>
public sealed record LetterAccessGranted(Guid LetterId, Guid PersonId, string PersonName, string Reason, Guid GrantedByPersonId, string GrantedBy, DateTimeOffset GrantedAt);

public enum AttachmentKind { Scan, Attachment }

/// <summary>A file stored with a letter; the SHA-256 proves which bytes were registered.</summary>
public sealed record IncomingLetterAttachmentAdded(
    Guid LetterId,
    string Sha256,
    string FileName,
    string ContentType,
    long Length,
    AttachmentKind Kind,
    string AddedBy,
    DateTimeOffset AddedAt,
    Guid AddedByPersonId);

public sealed record LetterDisposed(Guid LetterId, Guid DispositionId, Guid? ParentDispositionId, Guid IssuerPositionId, Guid[] RecipientPositionIds, DateTimeOffset IssuedAt);

/// <summary>Someone opened a Rahasia or Sangat Rahasia letter: part of its history, so an auditor can see who read it.</summary>
[MessageIdentity("Arsip.Audit.SecretLetterRead")] // the name its durable messages were stored under before it moved here
public sealed record SecretLetterRead(Guid LetterId, Guid PersonId, string PersonName, Guid[] Positions, DateTimeOffset ReadAt);
