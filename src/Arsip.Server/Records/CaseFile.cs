using Arsip.ReferenceData;

namespace Arsip.Records;

public enum LetterDirection { Incoming, Outgoing }

/// <summary>A letter as filed: which book it is from (its dispositions and follow-ups travel with it).</summary>
public sealed record FiledLetter(Guid LetterId, LetterDirection Direction);

public sealed record CaseFileCreated(
    Guid CaseFileId,
    Guid UnitId,
    int Year,
    int Number,
    string Classification,
    string Title,
    DateOnly? PeriodFrom,
    DateOnly? PeriodTo,
    string? Description,
    SecurityLevel SecurityLevel,
    bool Vital,
    Guid CreatedByPersonId,
    string CreatedBy,
    DateTimeOffset CreatedAt);

/// <summary>Letters put in the berkas; <paramref name="FromCaseFileId"/> and the reason are set when they were moved from another.</summary>
public sealed record LettersFiled(
    Guid CaseFileId, FiledLetter[] Letters, Guid? FromCaseFileId, string? Reason, Guid FiledByPersonId, string FiledBy, DateTimeOffset FiledAt);

public sealed record LettersMovedOut(
    Guid CaseFileId, Guid[] LetterIds, Guid ToCaseFileId, string Reason, Guid MovedByPersonId, string MovedBy, DateTimeOffset MovedAt);

/// <summary>The retention fixed on a berkas when it closed, from the scheme version then in force; later imports never change it.</summary>
public sealed record FixedRetention(
    int SchemeVersion, string Classification, int ActiveYears, int InactiveYears, FinalAction FinalAction, RetentionTrigger Trigger);

public sealed record CaseFileClosed(
    Guid CaseFileId, DateOnly ClosedOn, FixedRetention Retention, Guid ClosedByPersonId, string ClosedBy, DateTimeOffset ClosedAt);

public sealed record CaseFileReopened(Guid CaseFileId, string Reason, Guid ReopenedByPersonId, string ReopenedBy, DateTimeOffset ReopenedAt);

/// <summary>The event a JRA's trigger names happened on a (local) date, e.g. the rule "dinyatakan tidak berlaku" on 2027-03-01.</summary>
public sealed record RetentionTriggerRecorded(
    Guid CaseFileId, RetentionTrigger Trigger, DateOnly OccurredOn, string? Note, Guid RecordedByPersonId, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>On the letter's stream: the letter went into a berkas (or moved into it from another, with the reason).</summary>
public sealed record LetterFiledInCaseFile(
    Guid LetterId, Guid CaseFileId, Guid? FromCaseFileId, string? Reason, Guid FiledByPersonId, string FiledBy, DateTimeOffset FiledAt);

/// <summary>Destroyed and HandedOver end a berkas's life: nothing changes it afterwards.</summary>
public enum CaseFileStatus { Open, Closed, Destroyed, HandedOver }

public enum RetentionStage { Open, AwaitingTrigger, Active, Inactive, RetentionEnded, Destroyed, HandedOver }

/// <summary>The three movements of penyusutan, and the re-appraisal of a "dinilai kembali" berkas.</summary>
public enum Movement { Transfer, Disposal, Handover, Reappraisal }

/// <summary>Who keeps a closed berkas: its unit (aktif), the records centre after pemindahan (inaktif), the static archive after penyerahan.</summary>
public enum Custody { Unit, RecordsCentre, StaticArchive }

/// <summary>On the berkas stream: it was put on a movement's proposal (list); only one open proposal at a time.</summary>
public sealed record CaseFileProposed(Guid CaseFileId, Movement Movement, Guid ProposalId, DateTimeOffset At);

/// <summary>On the berkas stream: it left the proposal without the movement happening (withdrawn, kept longer by the panitia, proposal rejected).</summary>
public sealed record CaseFileLeftProposal(Guid CaseFileId, Guid ProposalId, string Reason, DateTimeOffset At);

/// <summary>Pemindahan accepted by the records centre: custody moved, the berkas is read-only for its unit.</summary>
public sealed record CaseFileTransferred(Guid CaseFileId, Guid ProposalId, Guid RecordsCentreUnitId, DateOnly AcceptedOn, DateTimeOffset At);

/// <summary>Pemusnahan executed: the content of its letters is destroyed, their tombstones kept.</summary>
public sealed record CaseFileDestroyed(Guid CaseFileId, Guid ProposalId, DateOnly DestroyedOn, DateTimeOffset At);

public sealed record CaseFileHandedOver(Guid CaseFileId, Guid ProposalId, DateOnly AcceptedOn, bool ContentKept, DateTimeOffset At);

/// <summary>A "dinilai kembali" berkas re-appraised: its final action is now musnah or permanen.</summary>
public sealed record CaseFileReappraised(Guid CaseFileId, Guid ProposalId, FinalAction Outcome, string Reason, DateTimeOffset At);

/// <summary>A berkas (case file): its own stream, and the document its decisions and lists read (a snapshot kept inline,
/// like a disposition). Retention dates are stored so the due list is one indexed range query.</summary>
public sealed class CaseFile
{
    public Guid Id { get; set; }
    public Guid UnitId { get; set; }
    public int Year { get; set; }
    public int Number { get; set; }
    public string Classification { get; set; } = "";
    public string Title { get; set; } = "";
    public DateOnly? PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }
    public string? Description { get; set; }
    public SecurityLevel SecurityLevel { get; set; }
    public bool Vital { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public CaseFileStatus Status { get; set; }
    public List<FiledLetter> Letters { get; set; } = [];
    public DateOnly? ClosedOn { get; set; }
    public FixedRetention? Retention { get; set; }
    /// <summary>When the trigger the retention waits for happened (null while waiting, or when closing is the trigger).</summary>
    public DateOnly? TriggeredOn { get; set; }
    /// <summary>The day the berkas becomes inactive (end of aktif); null while open or waiting for its trigger.</summary>
    public DateOnly? ActiveUntil { get; set; }
    /// <summary>The day the inactive period ends (end of inaktif) and the final action is due.</summary>
    public DateOnly? InactiveUntil { get; set; }
    public int Reopenings { get; set; }
    public Custody Custody { get; set; }
    /// <summary>The open proposal (of any movement) the berkas is on; a second proposal is refused while set.</summary>
    public Guid? ProposalId { get; set; }
    public Movement? ProposalMovement { get; set; }
    /// <summary>The final action decided by re-appraisal, overriding the fixed retention's "dinilai kembali".</summary>
    public FinalAction? ReappraisedAs { get; set; }
    public DateOnly? TransferredOn { get; set; }
    public DateOnly? DestroyedOn { get; set; }
    public DateOnly? HandedOverOn { get; set; }
    /// <summary>Years the panitia penilai added to the inactive period (keep longer), in total.</summary>
    public int RetentionExtendedYears { get; set; }

    /// <summary>The final action due when the inactive period ends (re-appraisal decides a "dinilai kembali").</summary>
    public FinalAction? FinalAction => ReappraisedAs ?? Retention?.FinalAction;

    public bool Holds(Guid letterId) => Letters.Exists(l => l.LetterId == letterId);

    public RetentionStage StageOn(DateOnly today) => Records.Retention.Stage(this, today);

    public static CaseFile Create(CaseFileCreated e) => new()
    {
        Id = e.CaseFileId, UnitId = e.UnitId, Year = e.Year, Number = e.Number, Classification = e.Classification,
        Title = e.Title, PeriodFrom = e.PeriodFrom, PeriodTo = e.PeriodTo, Description = e.Description,
        SecurityLevel = e.SecurityLevel, Vital = e.Vital, CreatedBy = e.CreatedBy, CreatedAt = e.CreatedAt,
        Status = CaseFileStatus.Open,
    };

    public void Apply(LettersFiled e) => Letters.AddRange(e.Letters.Where(l => !Holds(l.LetterId)));

    public void Apply(LettersMovedOut e) => Letters.RemoveAll(l => e.LetterIds.Contains(l.LetterId));

    public void Apply(CaseFileClosed e)
    {
        Status = CaseFileStatus.Closed;
        ClosedOn = e.ClosedOn;
        Retention = e.Retention;
        (ActiveUntil, InactiveUntil) = Records.Retention.Dates(e.Retention, e.ClosedOn, TriggeredOn);
    }

    public void Apply(CaseFileReopened e)
    {
        Status = CaseFileStatus.Open;
        Reopenings++;
        ClosedOn = null;
        Retention = null;
        ActiveUntil = InactiveUntil = null;
    }

    public void Apply(RetentionTriggerRecorded e)
    {
        TriggeredOn = e.OccurredOn;
        if (Retention is { } r && ClosedOn is { } closed) (ActiveUntil, InactiveUntil) = Records.Retention.Dates(r, closed, TriggeredOn);
    }

    public void Apply(CaseFileProposed e) => (ProposalId, ProposalMovement) = (e.ProposalId, e.Movement);

    public void Apply(CaseFileLeftProposal e)
    {
        if (ProposalId == e.ProposalId) (ProposalId, ProposalMovement) = (null, null);
    }

    public void Apply(CaseFileTransferred e)
    {
        Custody = Custody.RecordsCentre;
        TransferredOn = e.AcceptedOn;
        (ProposalId, ProposalMovement) = (null, null);
    }

    public void Apply(CaseFileDestroyed e)
    {
        Status = CaseFileStatus.Destroyed;
        DestroyedOn = e.DestroyedOn;
        (ProposalId, ProposalMovement) = (null, null);
    }

    public void Apply(CaseFileHandedOver e)
    {
        Status = CaseFileStatus.HandedOver;
        Custody = Custody.StaticArchive;
        HandedOverOn = e.AcceptedOn;
        (ProposalId, ProposalMovement) = (null, null);
    }

    public void Apply(CaseFileRetentionExtended e)
    {
        RetentionExtendedYears += e.Years;
        InactiveUntil = e.InactiveUntil;
    }

    public void Apply(CaseFileReappraised e)
    {
        ReappraisedAs = e.Outcome;
        (ProposalId, ProposalMovement) = (null, null);
    }
}

/// <summary>Inserted when a letter is first filed: its key makes two berkas racing for one letter a conflict (409), never a letter in both.</summary>
public sealed record LetterFiledOnce(Guid Id);

/// <summary>Which berkas a letter is in now (one document per filed letter, fed by the letter's own stream).</summary>
public sealed class LetterFiling
{
    public Guid Id { get; set; }
    public Guid CaseFileId { get; set; }
    public DateTimeOffset FiledAt { get; set; }

    public static LetterFiling Create(IEvent<LetterFiledInCaseFile> e) => new() { Id = e.StreamId, CaseFileId = e.Data.CaseFileId, FiledAt = e.Data.FiledAt };

    public void Apply(LetterFiledInCaseFile e)
    {
        CaseFileId = e.CaseFileId;
        FiledAt = e.FiledAt;
    }
}
