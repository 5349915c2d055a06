namespace Arsip.Records;

public enum HandoverStatus { Proposed, Approved, Building, Built, Accepted, Withdrawn, Rejected }

/// <summary>A handover list (daftar arsip statis yang diserahkan) proposed to <paramref name="Institution"/>, the static archive that will receive it.</summary>
public sealed record HandoverProposed(
    Guid HandoverId, int Year, int Number, string Institution, Guid[] CaseFileIds, Guid ProposedByPersonId, string ProposedBy, DateTimeOffset At);

public sealed record HandoverApproved(Guid HandoverId, Guid ApprovedByPersonId, string ApprovedBy, string PositionTitle, DateOnly ApprovedOn, DateTimeOffset At);

/// <summary>A berkas left the handover without being handed over (held since it was proposed); <paramref name="Note"/> says why.</summary>
/// <summary>Before approval: withdrawn by its proposer (or an archivist or administrator), with a reason; its berkas left it.</summary>
public sealed record HandoverWithdrawn(Guid HandoverId, string Reason, Guid ByPersonId, string By, DateTimeOffset At);

/// <summary>Before approval: rejected by the agency's head (or its Plt/Plh), with a reason; its berkas left it.</summary>
public sealed record HandoverRejected(Guid HandoverId, string Reason, Guid ByPersonId, string By, string PositionTitle, DateTimeOffset At);

public sealed record HandoverItemSkipped(Guid HandoverId, Guid CaseFileId, string Note, DateTimeOffset At);

/// <summary>A build of the package began; a later attempt discards whatever an interrupted one left on disk.</summary>
public sealed record HandoverPackageStarted(Guid HandoverId, int Attempt, int Total, DateTimeOffset At);

public sealed record HandoverPackageProgressed(Guid HandoverId, int Attempt, int Done, DateTimeOffset At);

/// <summary>The package is complete on disk; its SHA-256, the manifest's, and the two issued PDFs (stored like an issued letter's) are recorded here.</summary>
public sealed record HandoverPackageBuilt(
    Guid HandoverId, string FileName, string Sha256, long Bytes, string ManifestSha256, string ListPdfSha256, string BeritaAcaraPdfSha256,
    int CaseFiles, int Records, DateTimeOffset At);

public sealed record HandoverPackageDownloaded(Guid HandoverId, Guid ByPersonId, string By, DateTimeOffset At);

/// <summary>The static archive's receipt: its number and (local) date, the scan of the signed receipt when uploaded; the berkas now handed over.</summary>
public sealed record HandoverAccepted(
    Guid HandoverId, string ReceiptNumber, DateOnly ReceiptDate, string? ReceivedBy, string? ReceiptScanSha256, string? ReceiptScanContentType,
    Guid[] HandedOver, bool ContentKept, Guid ByPersonId, string By, DateTimeOffset At);

/// <summary>Arsip:Records:KeepContentAfterHandover=false: one batch of handed-over berkas whose letters' content was destroyed here
/// (tombstones naming the handover and the archive); <paramref name="Kept"/>: held since the acceptance, so kept.</summary>
public sealed record HandoverContentDestroyed(Guid HandoverId, Guid[] CaseFileIds, Guid[] Kept, int Records, DateTimeOffset At);

public sealed record HandoverSkip(Guid CaseFileId, string Note, DateTimeOffset At);

public sealed class HandoverProposal
{
    public Guid Id { get; set; }
    public int Year { get; set; }
    public int Number { get; set; }
    public string Institution { get; set; } = "";
    public HandoverStatus Status { get; set; }
    public List<Guid> CaseFileIds { get; set; } = [];
    public List<HandoverSkip> Skipped { get; set; } = [];
    public Guid ProposedByPersonId { get; set; }
    public string ProposedBy { get; set; } = "";
    public DateTimeOffset ProposedAt { get; set; }
    /// <summary>Why it was withdrawn or rejected, by whom and when.</summary>
    public string? ClosedReason { get; set; }
    public string? ClosedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public string? ApprovedAs { get; set; }
    public DateOnly? ApprovedOn { get; set; }
    public int Attempt { get; set; }
    public int Done { get; set; }
    public int Total { get; set; }
    public HandoverPackageBuilt? Package { get; set; }
    public int Downloads { get; set; }
    public DateTimeOffset? LastDownloadedAt { get; set; }
    public HandoverAccepted? Acceptance { get; set; }
    /// <summary>The handed-over berkas whose content is no longer kept here (or was kept under a hold): the destruction's progress.</summary>
    public List<Guid> ContentDone { get; set; } = [];
    public int ContentDestroyedRecords { get; set; }

    /// <summary>The handover's number as printed on its list and berita acara, e.g. "3/PNY/2026".</summary>
    public string Label => HandoverNumbers.Label(Number, Year);

    public static HandoverProposal Create(HandoverProposed e) => new()
    {
        Id = e.HandoverId, Year = e.Year, Number = e.Number, Institution = e.Institution, Status = HandoverStatus.Proposed,
        CaseFileIds = [.. e.CaseFileIds], ProposedByPersonId = e.ProposedByPersonId, ProposedBy = e.ProposedBy, ProposedAt = e.At,
    };

    public void Apply(HandoverWithdrawn e) => (Status, ClosedReason, ClosedBy, ClosedAt) = (HandoverStatus.Withdrawn, e.Reason, e.By, e.At);

    public void Apply(HandoverRejected e) => (Status, ClosedReason, ClosedBy, ClosedAt) = (HandoverStatus.Rejected, e.Reason, $"{e.By} ({e.PositionTitle})", e.At);

    public void Apply(HandoverApproved e) => (Status, ApprovedBy, ApprovedAs, ApprovedOn) = (HandoverStatus.Approved, e.ApprovedBy, e.PositionTitle, e.ApprovedOn);

    public void Apply(HandoverItemSkipped e)
    {
        CaseFileIds.Remove(e.CaseFileId);
        Skipped.Add(new HandoverSkip(e.CaseFileId, e.Note, e.At));
    }

    public void Apply(HandoverPackageStarted e) => (Status, Attempt, Done, Total) = (HandoverStatus.Building, e.Attempt, 0, e.Total);

    public void Apply(HandoverPackageProgressed e)
    {
        if (e.Attempt == Attempt) Done = e.Done;
    }

    public void Apply(HandoverPackageBuilt e) => (Status, Package, Done) = (HandoverStatus.Built, e, Total);

    public void Apply(HandoverPackageDownloaded e) => (Downloads, LastDownloadedAt) = (Downloads + 1, e.At);

    public void Apply(HandoverAccepted e) => (Status, Acceptance) = (HandoverStatus.Accepted, e);

    public void Apply(HandoverContentDestroyed e)
    {
        ContentDone.AddRange(e.CaseFileIds.Concat(e.Kept));
        ContentDestroyedRecords += e.Records;
    }
}

public static class HandoverNumbers
{
    /// <summary>Per agency-local year, gapless (Sequences).</summary>
    public const string Sequence = "penyerahan";

    public static string Label(int number, int year) => $"{number}/PNY/{year}";
}

public static class HandoverRules
{
    public const int MaxCaseFiles = 10_000;
    public const int MaxText = 500;

    /// <summary>Why <paramref name="file"/> cannot go on a handover on <paramref name="today"/> (agency-local), or null: retention ended
    /// with permanen, not held (a hold blocks every penyusutan), on no other open proposal, neither destroyed nor handed over.</summary>
    public static string? Ineligible(CaseFile file, bool held, DateOnly today, Guid? forProposal = null)
    {
        if (file.Status == CaseFileStatus.Destroyed) return "sudah dimusnahkan (already destroyed)";
        if (file.Status == CaseFileStatus.HandedOver) return "sudah diserahkan (already handed over)";
        if (file.ProposalId is { } other && other != forProposal)
            return $"sudah ada pada usulan {MovementName(file.ProposalMovement)} lain yang masih terbuka (already on another open proposal)";
        if (held) return "sedang ditangguhkan (under a legal hold)";
        var stage = file.StageOn(today);
        if (stage != RetentionStage.RetentionEnded)
            return $"masa retensi inaktif belum berakhir{(file.InactiveUntil is { } until ? $" (sampai {until:yyyy-MM-dd})" : "")} (its inactive period has not ended)";
        if (file.FinalAction != ReferenceData.FinalAction.Permanen)
            return $"keterangan akhir {file.FinalAction} bukan permanen (its final action is not permanen)";
        return null;
    }

    /// <summary>True when the reason is about the record's retention, not about another process holding it.</summary>
    public static bool IsRetentionReason(string reason) => reason.StartsWith("masa retensi", StringComparison.Ordinal) || reason.StartsWith("keterangan akhir", StringComparison.Ordinal);

    public static string Label(CaseFile file) => $"{file.Number}/{file.Year}";

    /// <summary>Why a decision taken once (approval, withdrawal, rejection) cannot be taken on this handover again.</summary>
    public static ProblemDetails DecidedConflict(HandoverProposal handover) => Problems.Conflict(handover.Status switch
    {
        HandoverStatus.Withdrawn => $"Penyerahan {handover.Label} sudah ditarik kembali (already withdrawn; nothing done).",
        HandoverStatus.Rejected => $"Penyerahan {handover.Label} sudah ditolak (already rejected; nothing done).",
        HandoverStatus.Accepted => $"Penyerahan {handover.Label} sudah diterima lembaga kearsipan (already accepted; nothing done).",
        _ => $"Penyerahan {handover.Label} sudah disetujui (already approved; nothing done).",
    });

    public static bool IsAgencyHead(Caller caller, IReadOnlyCollection<Organization.Position> positions) => Authorities.Holds(caller, Authorities.AgencyHead(positions));

    /// <summary>The archivists and administrators (the records centre's work) build, download and record the acceptance.</summary>
    public static bool MayHandle(Caller caller) => caller.Has(Role.Archivist) || caller.Has(Role.Administrator);

    public static bool MayRead(Caller caller, IReadOnlyCollection<Organization.Position> positions) => CaseFileRules.ReadsAllUnits(caller) || IsAgencyHead(caller, positions);

    private static string MovementName(Movement? movement) => movement switch
    {
        Movement.Transfer => "pemindahan",
        Movement.Disposal => "pemusnahan",
        Movement.Handover => "penyerahan",
        Movement.Reappraisal => "penilaian kembali",
        _ => "",
    };
}
