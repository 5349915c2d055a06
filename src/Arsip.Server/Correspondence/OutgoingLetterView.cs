using Arsip.ReferenceData;
using Marten.Events.Aggregation;

namespace Arsip.Correspondence;

public sealed record ReviewStep(Guid PositionId, string? Reviewer, DateTimeOffset? InitialedAt, string? Comment);
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
