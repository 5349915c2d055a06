using Arsip.ReferenceData;
using Marten.Events.Aggregation;

namespace Arsip.Correspondence;

public sealed record ReviewStep(Guid PositionId, string? Reviewer, DateTimeOffset? InitialedAt, string? Comment);
/// <summary>Where an imported letter came from: the import run, the register's file and line, and the register's remarks.</summary>
public sealed record ImportedFrom(Guid ImportId, string Source, int Line, string? Remarks, string ImportedBy, DateTimeOffset ImportedAt);
public sealed record ReviewNote(int DraftVersion, string Reviewer, string Comments, DateTimeOffset At);

public sealed class OutgoingLetterView
{
    public Guid Id { get; set; }
    public OutgoingStatus Status { get; set; }
    public LetterContent Content { get; set; } = null!;
    public int DraftVersion { get; set; }
    public List<ReviewStep> Reviews { get; set; } = [];
    public List<ReviewNote> ReturnNotes { get; set; } = [];
    public Guid SignatoryPositionId { get; set; }
    public string? Signatory { get; set; }
    public string DraftedBy { get; set; } = "";
    public Guid? DraftedByUnitId { get; set; }
    public DateTimeOffset DraftedAt { get; set; }
    public string? LetterNumber { get; set; }
    public int? Year { get; set; }
    public int? Sequence { get; set; }
    public DateOnly? LetterDate { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public bool SignedOnPaper { get; set; }
    /// <summary>Set on a letter of an old outgoing register brought in by an import (its number came from the register).</summary>
    public ImportedFrom? Imported { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    /// <summary>The day the letter went out (tanggal kirim in the outgoing agenda book): its earliest delivery's day.</summary>
    public DateOnly? SentOn { get; set; }
    public List<Delivery> Deliveries { get; set; } = [];
    public List<OutgoingLetterDeliveryReceipted> Receipts { get; set; } = [];
    public List<OutgoingLetterDeliveryRefused> Refusals { get; set; } = [];
    /// <summary>Recipients' first disposition and first read ("didisposisikan", "dibaca"), when their agency tells.</summary>
    public List<OutgoingLetterDeliveryProgressed> Progress { get; set; } = [];
    public string? CancelReason { get; set; }
    public string[] AccessTokens { get; set; } = [];
    public string? IssuedPdfSha256 { get; set; }
    public long? IssuedPdfLength { get; set; }
    public string? VerificationCode { get; set; }
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid? AwaitingPosition => Status switch
    {
        OutgoingStatus.InReview => Reviews.FirstOrDefault(r => r.InitialedAt is null)?.PositionId,
        OutgoingStatus.Approved => SignatoryPositionId,
        _ => null,
    };

    public List<LetterFile> Files { get; set; } = [];

    /// <summary>Set when its content was destroyed (pemusnahan): only the tombstone's metadata is left.</summary>
    public ContentTombstone? Destroyed { get; set; }
}

public sealed partial class OutgoingLetterViewProjection : SingleStreamProjection<OutgoingLetterView, Guid>
{
    public OutgoingLetterView Create(OutgoingLetterDrafted e) => new()
    {
        Id = e.LetterId, Status = OutgoingStatus.Draft, Content = e.Content, DraftVersion = 1,
        Reviews = e.Reviewers.Select(r => new ReviewStep(r, null, null, null)).ToList(),
        SignatoryPositionId = e.SignatoryPositionId, DraftedBy = e.DraftedBy, DraftedByUnitId = e.DraftedByUnitId, DraftedAt = e.DraftedAt,
        AccessTokens = OutgoingLetter.AccessTokens(e.Content, e.Reviewers, e.SignatoryPositionId, e.DraftedByPersonId, e.DraftedByUnitId),
    };

    public OutgoingLetterView Create(OutgoingLetterNumberReserved e) => new()
    {
        Id = e.LetterId, Status = OutgoingStatus.Signed, Content = e.Content, DraftVersion = 1, SignatoryPositionId = e.SignatoryPositionId,
        DraftedBy = e.ReservedBy, DraftedByUnitId = e.ReservedByUnitId, DraftedAt = e.ReservedAt, LetterNumber = e.LetterNumber,
        Year = e.Year, Sequence = e.Sequence, LetterDate = e.LetterDate, SignedAt = e.ReservedAt, SignedOnPaper = true,
        AccessTokens = OutgoingLetter.AccessTokens(e.Content, [], e.SignatoryPositionId, e.ReservedByPersonId, e.ReservedByUnitId),
    };

    /// <summary>Sent by hand to each addressee on the register's day (or its letter date): the end state of the outgoing workflow.</summary>
    public OutgoingLetterView Create(OutgoingLetterImported e) => new()
    {
        Id = e.LetterId, Status = OutgoingStatus.Dispatched, Content = e.Content, DraftVersion = 1, SignatoryPositionId = e.SignatoryPositionId,
        Signatory = e.Signatory, DraftedBy = e.ImportedBy, DraftedByUnitId = e.UnitId, DraftedAt = StartOf(e.LetterDate), LetterNumber = e.LetterNumber,
        Year = e.Year, Sequence = e.Sequence, LetterDate = e.LetterDate, SignedAt = StartOf(e.LetterDate), SignedOnPaper = true,
        DispatchedAt = StartOf(e.SentOn), SentOn = e.SentOn,
        Deliveries = e.Content.Addressees.Select((a, i) => new Delivery(ImportedDeliveryId(e.LetterId, i), a, ImportedMethod, false, SentOn: e.SentOn)).ToList(),
        Imported = new ImportedFrom(e.ImportId, e.Source, e.Line, e.Remarks, e.ImportedBy, e.ImportedAt),
        AccessTokens = OutgoingLetter.AccessTokens(e.Content, [], e.SignatoryPositionId, e.ImportedByPersonId, e.UnitId),
    };

    /// <summary>The register knows days, not moments: an imported letter was drafted and signed on its letter date (so lists ordered by
    /// drafting place it among the letters of its day) and sent on its sending day, at their start in the default agency zone.</summary>
    private static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, DefaultZone.Value.GetUtcOffset(local));
    }

    /// <summary>The delivery method of an imported letter: the register says it was sent, not how.</summary>
    public const string ImportedMethod = "register-lama";

    /// <summary>Stable per letter and addressee, so a rebuilt view gives the same ids.</summary>
    private static Guid ImportedDeliveryId(Guid letterId, int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        letterId.TryWriteBytes(bytes);
        bytes[15] ^= (byte)(index + 1);
        bytes[14] ^= (byte)((index + 1) >> 8);
        return new Guid(bytes);
    }

    public void Apply(OutgoingLetterView view, OutgoingLetterRevised e)
    {
        view.Content = e.Content;
        view.DraftVersion = e.DraftVersion;
        view.Status = OutgoingStatus.Draft;
        view.Reviews = view.Reviews.Select(r => new ReviewStep(r.PositionId, null, null, null)).ToList();
    }

    public void Apply(OutgoingLetterView view, OutgoingLetterSubmitted _) =>
        view.Status = view.Reviews.Count == 0 ? OutgoingStatus.Approved : OutgoingStatus.InReview;

    public void Apply(OutgoingLetterView view, OutgoingLetterInitialed e)
    {
        var index = view.Reviews.FindIndex(r => r.PositionId == e.ReviewerPositionId && r.InitialedAt is null);
        if (index >= 0) view.Reviews[index] = new ReviewStep(e.ReviewerPositionId, e.Reviewer, e.InitialedAt, e.Comment);
        if (view.Reviews.All(r => r.InitialedAt is not null)) view.Status = OutgoingStatus.Approved;
    }

    public void Apply(OutgoingLetterView view, OutgoingLetterReturned e)
    {
        view.Status = OutgoingStatus.Draft;
        view.ReturnNotes.Add(new ReviewNote(e.DraftVersion, e.Reviewer, e.Comments, e.ReturnedAt));
        view.Reviews = view.Reviews.Select(r => new ReviewStep(r.PositionId, null, null, null)).ToList();
    }

    public void Apply(OutgoingLetterView view, OutgoingLetterSigned e)
    {
        view.Status = OutgoingStatus.Signed;
        view.Signatory = e.Signatory;
        view.LetterNumber = e.LetterNumber;
        view.Year = e.Year;
        view.Sequence = e.Sequence;
        view.LetterDate = e.LetterDate;
        view.SignedAt = e.SignedAt;
    }

    public void Apply(OutgoingLetterView view, OutgoingLetterDispatched e)
    {
        view.Status = OutgoingStatus.Dispatched;
        view.DispatchedAt = e.DispatchedAt;
        view.SentOn = SentOnOf(e.Deliveries, e.DispatchedAt);
        view.Deliveries = e.Deliveries.ToList();
    }

    /// <summary>Deliveries recorded before they carried their day (all but by hand) went out on the dispatch moment's day in the default agency zone.</summary>
    public static DateOnly SentOnOf(IEnumerable<Delivery> deliveries, DateTimeOffset dispatchedAt)
    {
        var dispatchDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(dispatchedAt, DefaultZone.Value).DateTime);
        return deliveries.Select(d => d.SentOn ?? dispatchDay).DefaultIfEmpty(dispatchDay).Min();
    }

    private static readonly Lazy<TimeZoneInfo> DefaultZone = new(() => TimeZoneInfo.FindSystemTimeZoneById(CalendarSettings.DefaultTimeZone));

    public void Apply(OutgoingLetterView view, OutgoingLetterDeliveryReceipted e) => view.Receipts.Add(e);

    public void Apply(OutgoingLetterView view, OutgoingLetterDeliveryRefused e) => view.Refusals.Add(e);

    public void Apply(OutgoingLetterView view, OutgoingLetterDeliveryProgressed e) => view.Progress.Add(e);

    public void Apply(OutgoingLetterView view, OutgoingLetterCancelled e)
    {
        view.Status = OutgoingStatus.Cancelled;
        view.CancelReason = e.Reason;
    }

    public void Apply(OutgoingLetterView view, OutgoingLetterIssued e)
    {
        view.IssuedPdfSha256 = e.Sha256;
        view.IssuedPdfLength = e.Length;
        view.VerificationCode = e.VerificationCode;
    }

    public void Apply(OutgoingLetterView view, OutgoingLetterContentDestroyed e)
    {
        view.Destroyed = ContentTombstone.Of(e);
        view.Imported = view.Imported is null ? null : view.Imported with { Remarks = null };
        view.Content = ContentReduction.Reduce(view.Content);
        view.ReturnNotes = view.ReturnNotes.Select(n => n with { Comments = "" }).ToList();
        view.Reviews = view.Reviews.Select(r => r with { Comment = null }).ToList();
        view.CancelReason = view.CancelReason is null ? null : "";
        view.Files = [];
        view.IssuedPdfSha256 = null;
        view.IssuedPdfLength = null;
    }

    public void Apply(OutgoingLetterView view, OutgoingLetterFileAdded e)
    {
        if (view.Destroyed is not null) return;
        if (view.Files.Any(f => f.Sha256 == e.Sha256)) return;
        view.Files.Add(new LetterFile(e.FileName, e.Sha256, e.ContentType, e.Length, e.Kind, e.AddedAt));
    }
}
