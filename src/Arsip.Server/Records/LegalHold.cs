namespace Arsip.Records;

/// <summary>What a hold (penangguhan) covers: one letter, one berkas, or every letter matching a query, now and later.</summary>
public enum HoldTarget { Letter, CaseFile, Query }

/// <summary>A hold's query: a letter matches when every given part matches (classification code or below it, sender containing
/// the text, its date within the period, its unit: the registering, addressed or drafting unit, or its berkas's unit).</summary>
public sealed record HoldQuery(string? ClassificationPrefix, string? Sender, DateOnly? From, DateOnly? To, Guid? UnitId);

public sealed record LegalHoldPlaced(
    Guid HoldId, HoldTarget Target, Guid? LetterId, Guid? CaseFileId, HoldQuery? Query, string Reason, string Reference,
    Guid PlacedByPersonId, string PlacedBy, DateTimeOffset PlacedAt);

public sealed record LegalHoldReleased(Guid HoldId, string Reason, Guid ReleasedByPersonId, string ReleasedBy, DateTimeOffset ReleasedAt);

/// <summary>On the held letter's or berkas's own stream, so its history shows the hold.</summary>
public sealed record RecordHeld(Guid RecordId, Guid HoldId, string Reason, string Reference, string PlacedBy, DateTimeOffset PlacedAt);

public sealed record RecordHoldReleased(Guid RecordId, Guid HoldId, string Reason, string ReleasedBy, DateTimeOffset ReleasedAt);

public sealed class LegalHold
{
    public Guid Id { get; set; }
    public HoldTarget Target { get; set; }
    public Guid? LetterId { get; set; }
    public Guid? CaseFileId { get; set; }
    public HoldQuery? Query { get; set; }
    public string Reason { get; set; } = "";
    public string Reference { get; set; } = "";
    public string PlacedBy { get; set; } = "";
    public DateTimeOffset PlacedAt { get; set; }
    public bool Active { get; set; }
    public string? ReleaseReason { get; set; }
    public string? ReleasedBy { get; set; }
    public DateTimeOffset? ReleasedAt { get; set; }

    public static LegalHold Create(LegalHoldPlaced e) => new()
    {
        Id = e.HoldId, Target = e.Target, LetterId = e.LetterId, CaseFileId = e.CaseFileId, Query = e.Query,
        Reason = e.Reason, Reference = e.Reference, PlacedBy = e.PlacedBy, PlacedAt = e.PlacedAt, Active = true,
    };

    public void Apply(LegalHoldReleased e)
    {
        Active = false;
        ReleaseReason = e.Reason;
        ReleasedBy = e.ReleasedBy;
        ReleasedAt = e.ReleasedAt;
    }
}
