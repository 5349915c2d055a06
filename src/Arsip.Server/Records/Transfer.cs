using Arsip.ReferenceData;

namespace Arsip.Records;

/// <summary>A berkas as the proposal lists it, with the facts the proposer saw (the letters counted are those the proposer may see).</summary>
public sealed record TransferItem(Guid CaseFileId, string Number, string Classification, string Title, string Period, int Letters, string Retention);

/// <summary>A pemindahan proposed by a unit: a draft until submitted to the unit head.</summary>
public sealed record TransferProposed(Guid TransferId, Guid UnitId, string UnitName, TransferItem[] Items, Guid ProposedByPersonId, string ProposedBy, DateTimeOffset At);

public sealed record TransferItemsChanged(Guid TransferId, TransferItem[] Added, Guid[] Removed, Guid ByPersonId, string By, DateTimeOffset At);

public sealed record TransferSubmitted(Guid TransferId, Guid ByPersonId, string By, DateTimeOffset At);

public sealed record TransferApproved(Guid TransferId, Guid PositionId, Guid ByPersonId, string By, DateOnly ApprovedOn, DateTimeOffset At);

/// <summary>The unit head sent the proposal back: every berkas leaves it.</summary>
public sealed record TransferRejected(Guid TransferId, string Reason, Guid ByPersonId, string By, DateTimeOffset At);

/// <summary>At acceptance a berkas held since the proposal stays with its unit: it leaves the proposal with this note.</summary>
public sealed record TransferItemSkipped(Guid TransferId, Guid CaseFileId, string Reason, DateTimeOffset At);

/// <summary>The records centre received the berkas on its local date: custody moved; the berita acara pemindahan, numbered and
/// stored immutably, is identified by its SHA-256.</summary>
public sealed record TransferAccepted(
    Guid TransferId, Guid RecordsCentreUnitId, Guid[] CaseFileIds, Guid ReceivedByPersonId, string ReceivedBy, DateOnly AcceptedOn,
    string ReportNumber, string ReportSha256, DateTimeOffset At);

/// <summary>The records centre refused the transfer: every berkas leaves it and stays with its unit.</summary>
public sealed record TransferRefused(Guid TransferId, string Reason, Guid ByPersonId, string By, DateTimeOffset At);

/// <summary>Before the unit head's approval the proposer (or whoever may work on the unit's berkas) withdrew it: every berkas leaves it.</summary>
public sealed record TransferWithdrawn(Guid TransferId, string Reason, Guid ByPersonId, string By, DateTimeOffset At);

public enum TransferStatus { Draft, Submitted, Approved, Accepted, Rejected, Refused, Withdrawn }

public sealed record TransferStep(string What, string By, DateTimeOffset At, string? Note = null);

/// <summary>A pemindahan (transfer of a unit's inactive berkas to the records centre): its own stream with an inline snapshot.</summary>
public sealed class TransferProposal
{
    public Guid Id { get; set; }
    public Guid UnitId { get; set; }
    public string UnitName { get; set; } = "";
    public TransferStatus Status { get; set; }
    public List<TransferItem> Items { get; set; } = [];
    public List<TransferItem> Skipped { get; set; } = [];
    public Guid ProposedByPersonId { get; set; }
    public string ProposedBy { get; set; } = "";
    public DateTimeOffset ProposedAt { get; set; }
    /// <summary>When it last went to the unit head, and when the head approved it: how long a decision has waited.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public Guid? ApprovedByPersonId { get; set; }
    public Guid? ApprovedAsPositionId { get; set; }
    public string? ApprovedBy { get; set; }
    public DateOnly? ApprovedOn { get; set; }
    public Guid? RecordsCentreUnitId { get; set; }
    public string? ReceivedBy { get; set; }
    public DateOnly? AcceptedOn { get; set; }
    public string? ReportNumber { get; set; }
    public string? ReportSha256 { get; set; }
    public string? Reason { get; set; }
    public List<TransferStep> Steps { get; set; } = [];

    /// <summary>While open, its berkas are on it (<see cref="CaseFile.ProposalId"/>) and on no other proposal.</summary>
    public bool Open => Status is TransferStatus.Draft or TransferStatus.Submitted or TransferStatus.Approved;

    public static TransferProposal Create(TransferProposed e) => new()
    {
        Id = e.TransferId, UnitId = e.UnitId, UnitName = e.UnitName, Status = TransferStatus.Draft, Items = [.. e.Items],
        ProposedByPersonId = e.ProposedByPersonId, ProposedBy = e.ProposedBy, ProposedAt = e.At, Steps = [new("Diusulkan", e.ProposedBy, e.At, $"{e.Items.Length} berkas")],
    };

    public void Apply(TransferItemsChanged e)
    {
        Items.RemoveAll(i => e.Removed.Contains(i.CaseFileId));
        Items.AddRange(e.Added);
        Steps.Add(new("Daftar diubah", e.By, e.At, $"+{e.Added.Length} / -{e.Removed.Length} berkas"));
    }

    public void Apply(TransferSubmitted e)
    {
        Status = TransferStatus.Submitted;
        SubmittedAt = e.At;
        Steps.Add(new("Diajukan kepada kepala unit", e.By, e.At));
    }

    public void Apply(TransferApproved e)
    {
        Status = TransferStatus.Approved;
        ApprovedAt = e.At;
        (ApprovedByPersonId, ApprovedAsPositionId, ApprovedBy, ApprovedOn) = (e.ByPersonId, e.PositionId, e.By, e.ApprovedOn);
        Steps.Add(new("Disetujui kepala unit", e.By, e.At));
    }

    public void Apply(TransferRejected e)
    {
        Status = TransferStatus.Rejected;
        Reason = e.Reason;
        Steps.Add(new("Ditolak kepala unit", e.By, e.At, e.Reason));
    }

    public void Apply(TransferItemSkipped e)
    {
        Skipped.AddRange(Items.Where(i => i.CaseFileId == e.CaseFileId));
        Items.RemoveAll(i => i.CaseFileId == e.CaseFileId);
        Steps.Add(new("Berkas dilewati", "", e.At, e.Reason));
    }

    public void Apply(TransferAccepted e)
    {
        Status = TransferStatus.Accepted;
        (RecordsCentreUnitId, ReceivedBy, AcceptedOn, ReportNumber, ReportSha256) = (e.RecordsCentreUnitId, e.ReceivedBy, e.AcceptedOn, e.ReportNumber, e.ReportSha256);
        Steps.Add(new("Diterima unit kearsipan", e.ReceivedBy, e.At, $"Berita acara {e.ReportNumber}"));
    }

    public void Apply(TransferWithdrawn e)
    {
        Status = TransferStatus.Withdrawn;
        Reason = e.Reason;
        Steps.Add(new("Ditarik kembali", e.By, e.At, e.Reason));
    }

    public void Apply(TransferRefused e)
    {
        Status = TransferStatus.Refused;
        Reason = e.Reason;
        Steps.Add(new("Ditolak unit kearsipan", e.By, e.At, e.Reason));
    }
}

/// <summary>Who may do what on a pemindahan, and which berkas may go on one; shared by the decisions and the pages.</summary>
public static class TransferRules
{
    public const int MaxCaseFiles = 1000;

    public static bool MayApprove(Caller caller, IReadOnlyCollection<Organization.Position> positions, Guid unitId) =>
        Authorities.Holds(caller, Authorities.UnitHead(positions, unitId));

    public static bool MayReceive(Caller caller, IReadOnlyCollection<Organization.Position> positions) =>
        Authorities.RecordsCentreUnit(positions) is { } centre
        && (Authorities.Holds(caller, Authorities.UnitHead(positions, centre)) || caller.Has(Role.Archivist) && caller.Units.Contains(centre));

    public static bool MayRead(Caller caller, IReadOnlyCollection<Organization.Position> positions, Guid unitId) =>
        CaseFileRules.CanRead(caller, unitId) || Authorities.RecordsCentreUnit(positions) is { } centre && caller.Units.Contains(centre);

    /// <summary>Why a berkas may not go on a transfer proposal now, or null: closed, past its active period (inaktif), still with its unit, on no other proposal, not held.</summary>
    public static string? Ineligible(CaseFile file, Guid unitId, bool held, DateOnly today) =>
        file.UnitId != unitId ? "berkas unit lain (another unit's berkas)"
        : file.Status is CaseFileStatus.Destroyed or CaseFileStatus.HandedOver ? "sudah dimusnahkan atau diserahkan (destroyed or handed over)"
        : file.Custody != Custody.Unit ? "sudah dipindahkan ke unit kearsipan (already transferred)"
        : file.ProposalId is not null ? "sudah ada dalam usulan lain yang masih terbuka (already on another open proposal)"
        : held ? "ditangguhkan (under a legal hold)"
        : file.StageOn(today) != RetentionStage.Inactive ? "masa aktifnya belum berakhir atau bukan masa inaktif (not in its inactive period)"
        : null;

    /// <summary>A refusal naming each ineligible berkas: 409 when one is held, on a proposal or already moved; else 422.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails IneligibleProblem(IReadOnlyList<(CaseFile File, string Reason)> refused)
    {
        var conflict = refused.Any(r => r.File.ProposalId is not null || r.File.Custody != Custody.Unit || r.File.Status is CaseFileStatus.Destroyed or CaseFileStatus.HandedOver
                                        || r.Reason.StartsWith("ditangguhkan", StringComparison.Ordinal));
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity,
            Title = conflict ? "Konflik (conflict)" : "Berkas tidak memenuhi syarat (berkas not eligible)",
            Detail = "Berkas berikut tidak dapat dipindahkan (these berkas cannot be transferred): " +
                     string.Join("; ", refused.Select(r => $"{r.File.Number}/{r.File.Year}: {r.Reason}")),
        };
        problem.Extensions["caseFiles"] = refused.Select(r => new { id = r.File.Id, number = $"{r.File.Number}/{r.File.Year}", reason = r.Reason }).ToList();
        return problem;
    }

    public static TransferItem Item(CaseFile file, int visibleLetters) => new(
        file.Id, $"{file.Number}/{file.Year}", file.Classification, file.Title, CaseFileLists.Period(file.PeriodFrom, file.PeriodTo), visibleLetters,
        file.Retention is { } r ? $"{r.ActiveYears} th aktif, {r.InactiveYears} th inaktif, {FinalActions.Label(r.FinalAction)}" : "-");

    /// <summary>The ids of a request: required, distinct, at most 1,000.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails? IdsRefusal(Guid[]? ids, string field, bool required = true)
    {
        if (ids is null || ids.Length == 0)
            return required ? Problems.BadRequest(field, "Pilih sedikitnya satu berkas (at least one berkas).") : null;
        if (ids.Length > MaxCaseFiles)
            return new() { Status = StatusCodes.Status413PayloadTooLarge, Title = "Terlalu banyak berkas (too many berkas)",
                Detail = $"Paling banyak {MaxCaseFiles} berkas per usulan (at most {MaxCaseFiles} berkas per proposal)." };
        if (ids.Contains(Guid.Empty) || ids.Distinct().Count() != ids.Length)
            return Problems.BadRequest(field, "Berkas kosong atau tercantum lebih dari sekali (an empty or repeated berkas id).");
        return null;
    }

    /// <summary>Where a movement decision's events go: the proposal's to its stream, a berkas's to the berkas with its one-proposal claim.</summary>
    public static void Append(IDocumentSession session, IEnumerable<object> events, Action<object[]> appendOwn)
    {
        var own = new List<object>();
        foreach (var e in events)
        {
            switch (e)
            {
                case CaseFileProposed p:
                    session.Events.Append(p.CaseFileId, p);
                    session.Insert(new CaseFileOnProposal(p.CaseFileId, p.ProposalId, p.Movement));
                    break;
                case CaseFileLeftProposal l:
                    session.Events.Append(l.CaseFileId, l);
                    session.Delete<CaseFileOnProposal>(l.CaseFileId);
                    break;
                case CaseFileTransferred t:
                    session.Events.Append(t.CaseFileId, t);
                    session.Delete<CaseFileOnProposal>(t.CaseFileId);
                    break;
                case CaseFileReappraised r:
                    session.Events.Append(r.CaseFileId, r);
                    session.Delete<CaseFileOnProposal>(r.CaseFileId);
                    break;
                default: own.Add(e); break;
            }
        }
        if (own.Count > 0) appendOwn([.. own]);
    }
}
