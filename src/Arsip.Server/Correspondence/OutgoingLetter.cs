using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;

namespace Arsip.Correspondence;

public enum OutgoingStatus { Draft, InReview, Approved, Signed, Dispatched, Cancelled }

/// <summary>A position here (delivered to its inbox), an agency on the system (durable message), or anyone else (sent by hand).</summary>
public sealed record Addressee(string Name, Guid? PositionId = null, string? Agency = null, string? Address = null);

public sealed record LetterContent(
    LetterKind Kind, string Classification, SecurityLevel SecurityLevel, Urgency Urgency, string Subject, string Body,
    string? Attachments, Addressee[] Addressees, Addressee[] CopyTo, LetterStructure? Structure = null);

public sealed record OutgoingLetterDrafted(
    Guid LetterId, LetterContent Content, Guid[] Reviewers, Guid SignatoryPositionId,
    Guid DraftedByPersonId, string DraftedBy, Guid? DraftedByUnitId, string? DraftedByUnitCode, DateTimeOffset DraftedAt);
public sealed record OutgoingLetterRevised(Guid LetterId, int DraftVersion, LetterContent Content, string RevisedBy, string? Note, DateTimeOffset RevisedAt);
public sealed record OutgoingLetterSubmitted(Guid LetterId, int DraftVersion, string SubmittedBy, DateTimeOffset SubmittedAt);
public sealed record OutgoingLetterInitialed(Guid LetterId, int DraftVersion, Guid ReviewerPositionId, Guid PersonId, string Reviewer, string? Comment, DateTimeOffset InitialedAt);
public sealed record OutgoingLetterReturned(Guid LetterId, int DraftVersion, Guid ReviewerPositionId, Guid PersonId, string Reviewer, string Comments, DateTimeOffset ReturnedAt);
public sealed record OutgoingLetterSigned(Guid LetterId, int DraftVersion, Guid SignatoryPositionId, Guid PersonId, string Signatory, string LetterNumber, int Sequence, int Year, DateOnly LetterDate, DateTimeOffset SignedAt);
public sealed record OutgoingLetterDispatched(Guid LetterId, Delivery[] Deliveries, string DispatchedBy, DateTimeOffset DispatchedAt);
/// <summary>The receiving installation refused the envelope (a signed refusal): the letter did not arrive there, and is not sent again.</summary>
public sealed record OutgoingLetterDeliveryRefused(Guid LetterId, Guid DeliveryId, string Agency, string Reason, DateTimeOffset RefusedAt);

public sealed record OutgoingLetterDeliveryReceipted(Guid LetterId, Guid DeliveryId, string Agency, int AgendaNumber, DateTimeOffset ReceivedAt);
/// <summary>A number taken for a letter signed on paper; the scan is attached afterwards.</summary>
public sealed record OutgoingLetterNumberReserved(
    Guid LetterId, LetterContent Content, Guid SignatoryPositionId, string LetterNumber, int Sequence, int Year, DateOnly LetterDate,
    Guid ReservedByPersonId, string ReservedBy, Guid? ReservedByUnitId, DateTimeOffset ReservedAt);
/// <summary>A letter of the agency's old outgoing register (buku agenda surat keluar), imported in its end state: numbered, signed on paper
/// and sent. <see cref="Sequence"/> is null for a number the agency's templates do not read (kept as the register wrote it).</summary>
public sealed record OutgoingLetterImported(
    Guid LetterId, LetterContent Content, string LetterNumber, int? Sequence, int Year, DateOnly LetterDate, DateOnly SentOn,
    Guid SignatoryPositionId, string? Signatory, Guid? UnitId, string? Remarks,
    Guid ImportId, string Source, int Line, Guid ImportedByPersonId, string ImportedBy, DateTimeOffset ImportedAt);
public sealed record OutgoingLetterCancelled(Guid LetterId, string Reason, string CancelledBy, DateTimeOffset CancelledAt);
public sealed record OutgoingLetterFileAdded(
    Guid LetterId, string Sha256, string FileName, string ContentType, long Length, AttachmentKind Kind,
    string AddedBy, DateTimeOffset AddedAt, Guid AddedByPersonId);
/// <summary>The signed letter's PDF/A was rendered and stored; its SHA-256 and verification code identify it from now on.</summary>
public sealed record OutgoingLetterIssued(Guid LetterId, string Sha256, long Length, string VerificationCode, DateTimeOffset IssuedAt);

/// <summary>SentOn: the day the sender gave for one by hand, the agency's day of dispatch for the others (null on system copies recorded before it existed).</summary>
public sealed record Delivery(Guid DeliveryId, Addressee To, string Method, bool IsCopy, Guid? IncomingLetterId = null, DateOnly? SentOn = null);

public sealed class OutgoingLetter
{
    public Guid Id { get; set; }
    public OutgoingStatus Status { get; set; }
    public LetterContent Content { get; set; } = null!;
    public int DraftVersion { get; set; }
    public Guid[] Reviewers { get; set; } = [];
    public List<Guid> Initialed { get; set; } = [];
    public Guid SignatoryPositionId { get; set; }
    public Guid DraftedByPersonId { get; set; }
    public Guid? DraftedByUnitId { get; set; }
    public string? DraftedByUnitCode { get; set; }
    public string? LetterNumber { get; set; }

    public Guid? CurrentReviewer => Status == OutgoingStatus.InReview && Initialed.Count < Reviewers.Length ? Reviewers[Initialed.Count] : null;

    public static OutgoingLetter Create(OutgoingLetterDrafted e) => new()
    {
        Id = e.LetterId, Status = OutgoingStatus.Draft, Content = e.Content, DraftVersion = 1, Reviewers = e.Reviewers,
        SignatoryPositionId = e.SignatoryPositionId, DraftedByPersonId = e.DraftedByPersonId, DraftedByUnitId = e.DraftedByUnitId,
        DraftedByUnitCode = e.DraftedByUnitCode,
    };
    public static OutgoingLetter Create(OutgoingLetterNumberReserved e) => new()
    {
        Id = e.LetterId, Status = OutgoingStatus.Signed, Content = e.Content, DraftVersion = 1, SignatoryPositionId = e.SignatoryPositionId,
        DraftedByPersonId = e.ReservedByPersonId, DraftedByUnitId = e.ReservedByUnitId, LetterNumber = e.LetterNumber,
    };
    public static OutgoingLetter Create(OutgoingLetterImported e) => new()
    {
        Id = e.LetterId, Status = OutgoingStatus.Dispatched, Content = e.Content, DraftVersion = 1, SignatoryPositionId = e.SignatoryPositionId,
        DraftedByPersonId = e.ImportedByPersonId, DraftedByUnitId = e.UnitId, LetterNumber = e.LetterNumber,
    };
    public void Apply(OutgoingLetterRevised e) { Content = e.Content; DraftVersion = e.DraftVersion; Initialed.Clear(); Status = OutgoingStatus.Draft; }
    public void Apply(OutgoingLetterSubmitted _) { Status = Reviewers.Length == 0 ? OutgoingStatus.Approved : OutgoingStatus.InReview; Initialed.Clear(); }
    public void Apply(OutgoingLetterInitialed e) { Initialed.Add(e.ReviewerPositionId); if (Initialed.Count == Reviewers.Length) Status = OutgoingStatus.Approved; }
    public void Apply(OutgoingLetterReturned _) { Status = OutgoingStatus.Draft; Initialed.Clear(); }
    public void Apply(OutgoingLetterSigned e) { Status = OutgoingStatus.Signed; LetterNumber = e.LetterNumber; }
    public void Apply(OutgoingLetterDispatched _) => Status = OutgoingStatus.Dispatched;
    public void Apply(OutgoingLetterCancelled _) => Status = OutgoingStatus.Cancelled;

    /// <summary>Addressees are not among them: they receive their own incoming copy at dispatch.</summary>
    public static string[] AccessTokens(LetterContent content, IEnumerable<Guid> reviewers, Guid signatory, Guid drafter, Guid? drafterUnit) =>
        LetterAccess.TokensFor(content.SecurityLevel, reviewers.Append(signatory), [], drafterUnit, [drafter]);


    public ProblemDetails? CanRevise(Caller caller) =>
        caller.PersonId != DraftedByPersonId ? Forbidden("Hanya penyusun yang dapat mengubah draf (only the drafter may revise).")
        : Status is not OutgoingStatus.Draft ? Conflict($"Draf hanya dapat diubah sebelum diajukan; status sekarang {Status} (only a draft can be revised).")
        : null;

    public ProblemDetails? CanSubmit(Caller caller) =>
        caller.PersonId != DraftedByPersonId ? Forbidden("Hanya penyusun yang dapat mengajukan draf (only the drafter may submit).")
        : Status is not OutgoingStatus.Draft ? Conflict($"Surat sudah diajukan; status {Status} (already submitted).")
        : null;

    public ProblemDetails? CanReview(Caller caller) =>
        CurrentReviewer is not { } reviewer ? Conflict($"Surat tidak sedang menunggu paraf; status {Status} (not awaiting review).")
        : !caller.Positions.Contains(reviewer) ? Forbidden("Surat ini menunggu paraf jabatan lain (awaiting another reviewer).")
        : null;

    /// <summary>The reviewer whose turn it is, or the signatory once every paraf is in (Kembalikan instead of signing).</summary>
    public ProblemDetails? CanReturn(Caller caller) =>
        Status is OutgoingStatus.Approved && caller.Positions.Contains(SignatoryPositionId) ? null : CanReview(caller);

    public ProblemDetails? CanSign(Caller caller) =>
        Status is OutgoingStatus.Signed or OutgoingStatus.Dispatched ? Conflict($"Surat sudah ditandatangani dengan nomor {LetterNumber} (already signed).")
        : Status is not OutgoingStatus.Approved ? Conflict($"Surat belum selesai diparaf; status {Status} (review not complete).")
        : !caller.Positions.Contains(SignatoryPositionId) ? Forbidden("Anda bukan penandatangan surat ini (you are not the signatory).")
        : null;

    /// <summary>The secretariat dispatches; the drafter and the signatory may send their own letter too.</summary>
    public ProblemDetails? CanDispatch(Caller caller) =>
        Status is OutgoingStatus.Dispatched ? Conflict("Surat sudah dikirim (already dispatched).")
        : Status is not OutgoingStatus.Signed ? Conflict($"Hanya surat yang sudah ditandatangani dapat dikirim; status {Status} (only signed letters can be dispatched).")
        : !caller.Roles.Contains(Role.Registrar) && caller.PersonId != DraftedByPersonId && !caller.Positions.Contains(SignatoryPositionId)
            ? Forbidden("Hanya sekretariat, penyusun atau penandatangan yang dapat mengirim surat (only the secretariat, drafter or signatory may dispatch).")
        : null;

    public ProblemDetails? CanCancel(Caller caller) =>
        Status is OutgoingStatus.Cancelled ? Conflict("Surat sudah dibatalkan (already cancelled).")
        : Status is OutgoingStatus.Dispatched ? Conflict("Surat yang sudah dikirim tidak dapat dibatalkan; buat surat ralat (a dispatched letter cannot be cancelled; issue a correcting letter).")
        : caller.PersonId != DraftedByPersonId && !caller.Positions.Contains(SignatoryPositionId)
            ? Forbidden("Hanya penyusun atau penandatangan yang dapat membatalkan (only the drafter or signatory may cancel).")
        : null;

    private static ProblemDetails Conflict(string detail) => Problems.Conflict(detail);
    private static ProblemDetails Forbidden(string detail) => Problems.Forbidden(detail);
}
