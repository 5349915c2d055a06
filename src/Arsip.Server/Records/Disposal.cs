using System.Globalization;

namespace Arsip.Records;

/// <summary>A member of the panitia penilai named on a proposal; <paramref name="Archivist"/> when one of their positions has the Archivist role.</summary>
public sealed record CommitteeMember(Guid PersonId, string Name, string Position, bool Archivist, bool Chair);

/// <summary>A berkas as the daftar arsip usul musnah lists it, fixed when proposed: its unit, number, class, title, period,
/// letter count and the retention fixed on it (active + inactive years decide whether external approval is needed).</summary>
public sealed record DisposalItem(
    Guid CaseFileId, Guid UnitId, string UnitName, int Number, int Year, string Classification, string Title, DateOnly? PeriodFrom, DateOnly? PeriodTo,
    int Letters, int ActiveYears, int InactiveYears, DateOnly? InactiveUntil)
{
    /// <summary>Retention of 10 years or more (aktif + inaktif) needs ANRI's or the regional archive's approval first (PP 28/2012, pasal 67).</summary>
    public bool NeedsExternalApproval => ActiveYears + InactiveYears >= DisposalRules.ExternalApprovalYears;
}

public enum AssessmentVerdict { Agree, KeepLonger }

public enum DisposalStatus { Assessing, AwaitingApproval, Approved, Executing, Completed, Withdrawn, Rejected }

/// <summary>The archivist's proposal (daftar arsip usul musnah) with the panitia penilai named on it.</summary>
public sealed record DisposalProposed(
    Guid DisposalId, DisposalItem[] Items, CommitteeMember[] Committee, string? Note, Guid ProposedByPersonId, string ProposedBy, DateTimeOffset At);

/// <summary>One committee member's assessment of one berkas: agree, or keep it longer (with the reason and years).</summary>
public sealed record DisposalAssessed(
    Guid DisposalId, Guid CaseFileId, Guid PersonId, string Name, AssessmentVerdict Verdict, string? Reason, int? ExtraYears, DateTimeOffset At);

/// <summary>A berkas the panitia keeps longer leaves the proposal; its retention is extended (<see cref="CaseFileRetentionExtended"/>).</summary>
public sealed record DisposalItemWithdrawn(Guid DisposalId, Guid CaseFileId, string Reason, DateTimeOffset At);

public sealed record DisposalApproved(Guid DisposalId, Guid PersonId, string Name, string Position, DateOnly ApprovedOn, DateTimeOffset At);

/// <summary>The approval letter of ANRI or the regional archive, its scan stored as a blob.</summary>
public sealed record DisposalExternalApprovalRecorded(
    Guid DisposalId, string Number, DateOnly Date, string Issuer, string Sha256, string ContentType, long Length, string FileName,
    Guid RecordedByPersonId, string RecordedBy, DateTimeOffset At);

/// <summary>Execution began: the berita acara's number (the destruction warrant names it), who executes it, how many berkas.</summary>
public sealed record DisposalExecutionStarted(Guid DisposalId, string Reference, Guid PersonId, string Name, string Position, int Total, DateTimeOffset At);

public sealed record DestroyedCaseFile(Guid CaseFileId, DestroyedLetter[] Letters);

/// <summary>A berkas held since approval: not destroyed, it left the proposal.</summary>
public sealed record SkippedCaseFile(Guid CaseFileId, string Note);

/// <summary>One batch of the execution, one transaction: these berkas destroyed, those skipped.</summary>
public sealed record DisposalBatchExecuted(Guid DisposalId, DestroyedCaseFile[] Destroyed, SkippedCaseFile[] Skipped, DateTimeOffset At);

/// <summary>Every batch done: the berita acara pemusnahan issued and stored (immutable, its hash here).</summary>
public sealed record DisposalCompleted(Guid DisposalId, string Reference, DateOnly CompletedOn, string BeritaAcaraSha256, DateTimeOffset At);

/// <summary>Before approval the proposer (or whoever may propose for all its units) withdrew the proposal with a reason: every berkas left it.</summary>
public sealed record DisposalWithdrawn(Guid DisposalId, string Reason, Guid ByPersonId, string By, DateTimeOffset At);

/// <summary>Before approval the head of the agency (or its Plt/Plh) rejected the proposal with a reason: every berkas left it.</summary>
public sealed record DisposalRejected(Guid DisposalId, string Reason, Guid ByPersonId, string By, string Position, DateTimeOffset At);

/// <summary>On the berkas stream: the panitia penilai kept it longer; the inactive period now ends on <paramref name="InactiveUntil"/>.</summary>
public sealed record CaseFileRetentionExtended(Guid CaseFileId, Guid ProposalId, int Years, DateOnly InactiveUntil, string Reason, DateTimeOffset At);

public sealed class DisposalProposal
{
    public Guid Id { get; set; }
    public DisposalStatus Status { get; set; }
    public List<DisposalItem> Items { get; set; } = [];
    public List<CommitteeMember> Committee { get; set; } = [];
    public string? Note { get; set; }
    public Guid ProposedByPersonId { get; set; }
    public string ProposedBy { get; set; } = "";
    public DateTimeOffset ProposedAt { get; set; }
    public List<DisposalAssessed> Assessments { get; set; } = [];
    /// <summary>Berkas that left the proposal (kept longer by the panitia, or held at execution), with why.</summary>
    public List<DisposalItemWithdrawn> Withdrawn { get; set; } = [];
    public DisposalApproved? Approval { get; set; }
    public DisposalExternalApprovalRecorded? ExternalApproval { get; set; }
    public DisposalExecutionStarted? Execution { get; set; }
    public List<DestroyedCaseFile> Destroyed { get; set; } = [];
    public List<SkippedCaseFile> Skipped { get; set; } = [];
    public DisposalCompleted? Completion { get; set; }
    public DisposalWithdrawn? Withdrawal { get; set; }
    public DisposalRejected? Rejection { get; set; }

    /// <summary>Withdrawn or rejected: nothing more happens on it; its berkas may be proposed again.</summary>
    public bool Ended => Status is DisposalStatus.Withdrawn or DisposalStatus.Rejected;

    /// <summary>Before the head's approval a proposal may still be withdrawn or rejected.</summary>
    public bool Undecided => Status is DisposalStatus.Assessing or DisposalStatus.AwaitingApproval && Approval is null;

    public IEnumerable<DisposalItem> Remaining => Items.Where(i => IsOn(i.CaseFileId));

    public bool IsOn(Guid caseFileId) => Withdrawn.All(w => w.CaseFileId != caseFileId) && Skipped.All(s => s.CaseFileId != caseFileId);

    public bool IsDone(Guid caseFileId) => Destroyed.Any(d => d.CaseFileId == caseFileId) || Skipped.Any(s => s.CaseFileId == caseFileId);

    /// <summary>Progress of the execution: berkas destroyed or skipped of those on the list when it started.</summary>
    public int Done => Destroyed.Count + Skipped.Count;
    public int Total => Execution?.Total ?? Remaining.Count();

    public bool NeedsExternalApproval => Remaining.Any(i => i.NeedsExternalApproval);

    public bool HasAssessed(Guid personId, Guid caseFileId) => Assessments.Any(a => a.PersonId == personId && a.CaseFileId == caseFileId);

    public bool FullyAssessed => Remaining.All(i => Committee.All(m => HasAssessed(m.PersonId, i.CaseFileId)));

    public static DisposalProposal Create(DisposalProposed e) => new()
    {
        Id = e.DisposalId, Status = DisposalStatus.Assessing, Items = [.. e.Items], Committee = [.. e.Committee], Note = e.Note,
        ProposedByPersonId = e.ProposedByPersonId, ProposedBy = e.ProposedBy, ProposedAt = e.At,
    };

    public void Apply(DisposalAssessed e)
    {
        Assessments.Add(e);
        Settle();
    }

    public void Apply(DisposalItemWithdrawn e)
    {
        Withdrawn.Add(e);
        Settle();
    }

    public void Apply(DisposalApproved e)
    {
        Approval = e;
        Settle();
    }

    public void Apply(DisposalExternalApprovalRecorded e)
    {
        ExternalApproval = e;
        Settle();
    }

    public void Apply(DisposalExecutionStarted e)
    {
        Execution = e;
        Status = DisposalStatus.Executing;
    }

    public void Apply(DisposalBatchExecuted e)
    {
        Destroyed.AddRange(e.Destroyed);
        Skipped.AddRange(e.Skipped);
    }

    public void Apply(DisposalCompleted e)
    {
        Completion = e;
        Status = DisposalStatus.Completed;
    }

    public void Apply(DisposalWithdrawn e) => (Withdrawal, Status) = (e, DisposalStatus.Withdrawn);

    public void Apply(DisposalRejected e) => (Rejection, Status) = (e, DisposalStatus.Rejected);

    private void Settle()
    {
        if (Status is DisposalStatus.Executing or DisposalStatus.Completed || Ended) return;
        Status = !FullyAssessed ? DisposalStatus.Assessing
            : Approval is null || NeedsExternalApproval && ExternalApproval is null ? DisposalStatus.AwaitingApproval
            : DisposalStatus.Approved;
    }
}

public static class DisposalRules
{
    public const int ExternalApprovalYears = 10;
    public const int MinimumCommittee = 3;
    public const int MaxCaseFiles = 1000;
    public const int MaxExtraYears = 50;

    public static string StatusLabel(DisposalStatus status) => status switch
    {
        DisposalStatus.Assessing => "Penilaian panitia",
        DisposalStatus.AwaitingApproval => "Menunggu persetujuan",
        DisposalStatus.Approved => "Disetujui, siap dimusnahkan",
        DisposalStatus.Executing => "Sedang dimusnahkan",
        DisposalStatus.Withdrawn => "Ditarik kembali",
        DisposalStatus.Rejected => "Ditolak pimpinan instansi",
        _ => "Selesai dimusnahkan",
    };

    /// <summary>The number of the berita acara: the agency's yearly sequence of disposals, e.g. "BA-PMS/3/2027".</summary>
    public static string Reference(int sequence, int year) => string.Create(CultureInfo.InvariantCulture, $"BA-PMS/{sequence}/{year}");

    public const string SequenceName = "berita-acara-pemusnahan";

    /// <summary>Withdrawing or rejecting a proposal the head already approved, or one already ended.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails DecidedConflict(DisposalProposal disposal) => Problems.Conflict(disposal.Status switch
    {
        DisposalStatus.Withdrawn => "Usul musnah ini sudah ditarik kembali (already withdrawn).",
        DisposalStatus.Rejected => "Usul musnah ini sudah ditolak (already rejected).",
        DisposalStatus.Executing or DisposalStatus.Completed => "Usul musnah ini sudah dilaksanakan (already executed).",
        _ => "Usul musnah ini sudah disetujui pimpinan instansi (already approved).",
    });
}
