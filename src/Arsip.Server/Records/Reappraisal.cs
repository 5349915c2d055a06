using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Records;

public sealed record ReappraisalItem(Guid CaseFileId, Guid UnitId, string UnitName, string Number, string Classification, string Title, string Period, int Letters, string Retention);

/// <summary>An archivist opened a re-appraisal of berkas whose retention ended with "dinilai kembali".</summary>
public sealed record ReappraisalOpened(Guid ReappraisalId, ReappraisalItem[] Items, Guid ByPersonId, string By, DateTimeOffset At);

/// <summary>The records centre's head decided one berkas: musnah or permanen, with the reason.</summary>
public sealed record ReappraisalOutcomeRecorded(
    Guid ReappraisalId, Guid CaseFileId, FinalAction Outcome, string Reason, Guid PositionId, Guid ByPersonId, string By, DateTimeOffset At);

/// <summary>While berkas still wait for their outcome, the archivist who opened it (or another archivist or administrator) withdrew it: those berkas leave it.</summary>
public sealed record ReappraisalWithdrawn(Guid ReappraisalId, string Reason, Guid ByPersonId, string By, DateTimeOffset At);

public enum ReappraisalStatus { Open, Completed, Withdrawn }

public sealed record ReappraisalOutcome(Guid CaseFileId, FinalAction Outcome, string Reason, string By, DateTimeOffset At);

/// <summary>A re-appraisal (penilaian kembali): its own stream with an inline snapshot; completed when every berkas has its outcome.</summary>
public sealed class ReappraisalTask
{
    public Guid Id { get; set; }
    public ReappraisalStatus Status { get; set; }
    public List<ReappraisalItem> Items { get; set; } = [];
    public List<ReappraisalOutcome> Outcomes { get; set; } = [];
    public Guid OpenedByPersonId { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public ReappraisalWithdrawn? Withdrawal { get; set; }

    public static ReappraisalTask Create(ReappraisalOpened e) => new() { Id = e.ReappraisalId, Items = [.. e.Items], OpenedByPersonId = e.ByPersonId, OpenedBy = e.By, OpenedAt = e.At };

    public void Apply(ReappraisalWithdrawn e) => (Withdrawal, Status) = (e, ReappraisalStatus.Withdrawn);

    public void Apply(ReappraisalOutcomeRecorded e)
    {
        Outcomes.Add(new(e.CaseFileId, e.Outcome, e.Reason, e.By, e.At));
        if (Items.TrueForAll(i => Outcomes.Exists(o => o.CaseFileId == i.CaseFileId))) Status = ReappraisalStatus.Completed;
    }

    public ReappraisalOutcome? OutcomeOf(Guid caseFileId) => Outcomes.Find(o => o.CaseFileId == caseFileId);
}

/// <summary>Who opens and who decides a re-appraisal. The decision is the records centre head's: judging an archive's value is
/// the unit kearsipan's professional call, and the agency head still approves whatever follows (the disposal or the
/// handover), so the head of the agency is not asked twice.</summary>
public static class ReappraisalRules
{
    public static bool MayOpen(Caller caller) => caller.Has(Role.Archivist) || caller.Has(Role.Administrator);

    public static bool MayWithdraw(Caller caller, ReappraisalTask task) => caller.PersonId == task.OpenedByPersonId || MayOpen(caller);

    public static bool MayDecide(Caller caller, IReadOnlyCollection<Position> positions) =>
        Authorities.RecordsCentreUnit(positions) is { } centre && Authorities.Holds(caller, Authorities.UnitHead(positions, centre));

    public static bool MayRead(Caller caller, IReadOnlyCollection<Position> positions) =>
        CaseFileRules.ReadsAllUnits(caller) || Authorities.RecordsCentreUnit(positions) is { } centre && caller.Units.Contains(centre);

    /// <summary>Why a berkas may not be re-appraised now, or null: retention ended, final action "dinilai kembali" not yet decided, on no proposal, not held.</summary>
    public static string? Ineligible(CaseFile file, bool held, DateOnly today) =>
        file.Status is CaseFileStatus.Destroyed or CaseFileStatus.HandedOver ? "sudah dimusnahkan atau diserahkan (destroyed or handed over)"
        : file.ProposalId is not null ? "sudah ada dalam usulan lain yang masih terbuka (already on another open proposal)"
        : held ? "ditangguhkan (under a legal hold)"
        : file.Retention?.FinalAction != FinalAction.DinilaiKembali ? "nasib akhirnya bukan dinilai kembali (its final action is not dinilai kembali)"
        : file.ReappraisedAs is not null ? "sudah dinilai kembali (already re-appraised)"
        : file.StageOn(today) != RetentionStage.RetentionEnded ? "masa retensinya belum berakhir (its retention has not ended)"
        : null;

    public static ReappraisalItem Item(CaseFile file, string unitName, int visibleLetters)
    {
        var t = TransferRules.Item(file, visibleLetters);
        return new(file.Id, file.UnitId, unitName, t.Number, t.Classification, t.Title, t.Period, t.Letters, t.Retention);
    }
}
