using Arsip.Attachments;
using Arsip.Dispositions;
using Arsip.Documents;
using Arsip.Organization;
using Arsip.Pdf;
using Arsip.ReferenceData;

namespace Arsip.Records;

/// <summary>What the caller may do next on a disposal, asked of the same rules the commands use.</summary>
public sealed record DisposalActions(bool Assess, bool Approve, bool RecordExternalApproval, bool Execute, bool Withdraw, bool Reject);

public sealed record DisposalSummary(
    Guid Id, DisposalStatus Status, string StatusLabel, int CaseFiles, int Letters, string ProposedBy, DateTimeOffset ProposedAt, int Done, int Total, string? Reference);

public sealed record DisposalDetail(DisposalProposal Disposal, string StatusLabel, bool NeedsExternalApproval, DisposalActions MayDo);

/// <summary>A berkas that may go on a disposal proposal now (retention ended, final action musnah, not held or proposed).</summary>
public sealed record EligibleCaseFile(Guid Id, Guid UnitId, string UnitName, int Number, int Year, string Classification, string Title, int Letters,
    DateOnly InactiveUntil, int RetentionYears);

public sealed record CommitteeOption(Guid PersonId, string Name, string Positions, bool Archivist);

public static class DisposalQueries
{
    /// <summary>Agency-wide roles, the agency head, the committee, and members of a unit whose berkas are listed.</summary>
    public static bool MayRead(Caller caller, DisposalProposal disposal, Position? agencyHead) =>
        CaseFileRules.ReadsAllUnits(caller) || Authorities.Holds(caller, agencyHead)
        || disposal.Committee.Any(m => m.PersonId == caller.PersonId) || disposal.Items.Any(i => caller.Units.Contains(i.UnitId));

    public static DisposalActions ActionsOf(Caller caller, DisposalProposal d, Position? agencyHead) => new(
        d.Status == DisposalStatus.Assessing && d.Committee.Any(m => m.PersonId == caller.PersonId)
            && d.Remaining.Any(i => !d.HasAssessed(caller.PersonId, i.CaseFileId)),
        d.Status == DisposalStatus.AwaitingApproval && d.Approval is null && d.Remaining.Any() && Authorities.Holds(caller, agencyHead),
        d.Status == DisposalStatus.AwaitingApproval && d.NeedsExternalApproval && d.ExternalApproval is null
            && (caller.Has(Role.Archivist) || caller.Has(Role.Administrator)),
        d.Status is DisposalStatus.Approved or DisposalStatus.Executing && (caller.Has(Role.Archivist) || caller.Has(Role.Administrator)),
        d.Undecided && Proposals.MayWithdraw(caller, d.ProposedByPersonId, d.Items.Select(i => i.UnitId)),
        d.Undecided && Authorities.Holds(caller, agencyHead));

    public static async Task<IReadOnlyList<DisposalSummary>> ListAsync(IQuerySession session, Caller caller, DisposalStatus? status, CancellationToken ct)
    {
        var head = Authorities.AgencyHead(await session.Query<Position>().ToListAsync(ct));
        var all = await session.Query<DisposalProposal>().ToListAsync(ct);
        return all.Where(d => (status is null || d.Status == status) && MayRead(caller, d, head))
            .OrderByDescending(d => d.ProposedAt)
            .Select(d => new DisposalSummary(d.Id, d.Status, DisposalRules.StatusLabel(d.Status), d.Remaining.Count(), d.Remaining.Sum(i => i.Letters),
                d.ProposedBy, d.ProposedAt, d.Done, d.Total, d.Execution?.Reference))
            .ToList();
    }

    public static async Task<(DisposalDetail? Detail, ProblemDetails? Problem)> DetailAsync(IQuerySession session, Caller caller, Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<DisposalProposal>(id, ct) is not { } disposal) return (null, Problems.NotFound("Usul musnah", id));
        var head = Authorities.AgencyHead(await session.Query<Position>().ToListAsync(ct));
        if (!MayRead(caller, disposal, head))
            return (null, Problems.Forbidden("Usul musnah ini hanya untuk panitia, pimpinan, unit pengolahnya dan arsiparis (only its committee, the head, its units and agency-wide roles may read it)."));
        return (new DisposalDetail(disposal, DisposalRules.StatusLabel(disposal.Status), disposal.NeedsExternalApproval, ActionsOf(caller, disposal, head)), null);
    }

    /// <summary>The berkas the caller may propose now: retention ended with final action musnah, on no proposal, not held.</summary>
    public static async Task<IReadOnlyList<EligibleCaseFile>> EligibleAsync(IQuerySession session, Caller caller, DateOnly today, CancellationToken ct)
    {
        var files = await session.Query<CaseFile>().Where(f => f.Status == CaseFileStatus.Closed && f.InactiveUntil != null && f.InactiveUntil <= today).ToListAsync(ct);
        var units = (await session.Query<Unit>().ToListAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        var candidates = files.Where(f => f.ProposalId is null && f.FinalAction == FinalAction.Musnah && CaseFileRules.CanWork(caller, f.UnitId)).ToList();
        var holds = await LegalHolds.CaseFilesHeldAsync(session, candidates, ct);
        return candidates.Where(f => holds[f.Id].Count == 0).OrderBy(f => f.InactiveUntil).ThenBy(f => f.Year).ThenBy(f => f.Number)
            .Select(f => new EligibleCaseFile(f.Id, f.UnitId, units.GetValueOrDefault(f.UnitId) ?? "", f.Number, f.Year, f.Classification, f.Title, f.Letters.Count,
                f.InactiveUntil!.Value, f.Retention!.ActiveYears + f.Retention.InactiveYears + f.RetentionExtendedYears))
            .ToList();
    }

    public static async Task<IReadOnlyList<CommitteeOption>> CommitteeOptionsAsync(IQuerySession session, DateOnly today, CancellationToken ct)
    {
        var positions = await session.Query<Position>().ToListAsync(ct);
        var people = await session.Query<Person>().Where(p => p.DeactivatedAt == null).ToListAsync(ct);
        return people.Select(p => Candidate(p, positions, today)).Where(c => c.Positions.Count > 0)
            .Select(c => new CommitteeOption(c.PersonId, c.Name, string.Join(", ", c.Positions.Select(p => p.Title)), c.Positions.Any(p => p.Roles.Contains(Role.Archivist))))
            .OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The named people with the positions each holds or acts for today; ids not found are left out.</summary>
    public static async Task<IReadOnlyDictionary<Guid, CommitteeCandidate>> PeopleAsync(
        IQuerySession session, IReadOnlyCollection<Guid> ids, IReadOnlyList<Position> positions, DateOnly today, CancellationToken ct)
    {
        if (ids.Count == 0 || ids.Count > 100) return new Dictionary<Guid, CommitteeCandidate>();
        var people = await session.LoadManyAsync<Person>(ct, ids.Distinct());
        return people.Select(p => Candidate(p, positions, today)).ToDictionary(c => c.PersonId);
    }

    private static CommitteeCandidate Candidate(Person person, IReadOnlyList<Position> positions, DateOnly today)
    {
        var held = person.Acting.Where(a => a.From <= today && today <= a.Until).Select(a => a.PositionId).Prepend(person.PositionId ?? Guid.Empty).ToHashSet();
        return new(person.Id, person.FullName, positions.Where(p => held.Contains(p.Id)).ToList(), person.DeactivatedAt is null);
    }

    /// <summary>For each berkas, how many dispositions on its letters still wait for work (as closing a berkas checks).</summary>
    public static async Task<IReadOnlyDictionary<Guid, int>> OpenDispositionsAsync(IQuerySession session, IEnumerable<CaseFile> files, CancellationToken ct)
    {
        var fileOf = files.SelectMany(f => f.Letters.Select(l => (l.LetterId, f.Id))).ToDictionary(x => x.LetterId, x => x.Id);
        if (fileOf.Count == 0) return new Dictionary<Guid, int>();
        var letterIds = fileOf.Keys.ToArray();
        var open = await session.Query<Disposition>().Where(d => d.LetterId.IsOneOf(letterIds) && d.State == DispositionState.Open).ToListAsync(ct);
        return open.Where(d => d.AwaitingWork).GroupBy(d => fileOf[d.LetterId]).ToDictionary(g => g.Key, g => g.Count());
    }
}

/// <summary>The two printed documents of a disposal, built from its stream's snapshot.</summary>
public static class DisposalDocuments
{
    public static DisposalListDocument List(DisposalProposal d, PrintedLetterhead letterhead, AgencyTime time, DateTimeOffset generatedAt) => new()
    {
        Letterhead = letterhead,
        ProposedOn = time.DateOf(d.ProposedAt),
        ProposedBy = d.ProposedBy,
        Status = DisposalRules.StatusLabel(d.Status),
        GeneratedAt = generatedAt,
        Lines = d.Items.Select(i => new DisposalListLine
        {
            Unit = i.UnitName, Number = $"{i.Number}/{i.Year}", Classification = i.Classification, Title = i.Title,
            Period = CaseFileLists.Period(i.PeriodFrom, i.PeriodTo), Count = i.Letters,
            Retention = $"{i.ActiveYears} th aktif, {i.InactiveYears} th inaktif{(i.NeedsExternalApproval ? " (perlu persetujuan ANRI/LKD)" : "")}",
            Remarks = Remarks(d, i),
        }).ToList(),
    };

    private static string Remarks(DisposalProposal d, DisposalItem i)
    {
        if (d.Destroyed.Any(x => x.CaseFileId == i.CaseFileId)) return "Dimusnahkan";
        if (d.Skipped.FirstOrDefault(x => x.CaseFileId == i.CaseFileId) is { } skipped) return skipped.Note;
        if (d.Withdrawn.FirstOrDefault(x => x.CaseFileId == i.CaseFileId) is { } withdrawn) return withdrawn.Reason;
        var agreed = d.Assessments.Count(a => a.CaseFileId == i.CaseFileId && a.Verdict == AssessmentVerdict.Agree);
        return $"Disetujui musnah oleh {agreed} dari {d.Committee.Count} anggota panitia";
    }

    public static async Task<DisposalReportDocument> ReportAsync(IQuerySession session, DisposalProposal d, DisposalExecutionStarted execution,
        ILetterheads letterheads, DateOnly today, DateTimeOffset generatedAt, CancellationToken ct)
    {
        var items = d.Items.ToDictionary(i => i.CaseFileId);
        return new DisposalReportDocument
        {
            Letterhead = await letterheads.ForAsync(session, session.TenantId, null, ct),
            Reference = execution.Reference,
            Place = Letterheads.PlaceOf(session.TenantId),
            Date = today,
            Committee = d.Committee.Select(m => new NamedPerson(m.Name, $"{(m.Chair ? "Ketua" : "Anggota")} ({m.Position})")).ToList(),
            ApprovedBy = new NamedPerson(d.Approval!.Name, d.Approval.Position),
            ApprovedOn = d.Approval.ApprovedOn,
            ExternalApproval = d.ExternalApproval is { } x ? $"{x.Issuer} nomor {x.Number} tanggal {Pdf.IndonesianDate.Format(x.Date)}" : null,
            ExecutedBy = new NamedPerson(execution.Name, execution.Position.Length > 0 ? execution.Position : "Pelaksana"),
            Records = d.Items.SelectMany(i => d.Destroyed.Where(x => x.CaseFileId == i.CaseFileId).SelectMany(x => x.Letters).Select(l => new DestroyedRecordLine
            {
                CaseFile = $"{items[i.CaseFileId].Number}/{items[i.CaseFileId].Year} {items[i.CaseFileId].UnitName}",
                Number = l.Number ?? "-", Date = l.LetterDate, Correspondent = l.Correspondent, Subject = l.Subject, Classification = l.Classification,
            })).ToList(),
            SkippedNotes = d.Skipped.Select(s => s.Note).ToList(),
            GeneratedAt = generatedAt,
        };
    }
}

public static class DisposalEndpoints
{
    [WolverineGet("/api/disposals")]
    [Tags("Arsip")]
    [EndpointSummary("Disposal proposals the caller may read, newest first; ?status=Assessing|AwaitingApproval|Approved|Executing|Completed")]
    [ProducesResponseType<IReadOnlyList<DisposalSummary>>(StatusCodes.Status200OK)]
    public static Task<IReadOnlyList<DisposalSummary>> List([NotBody] Caller caller, IQuerySession session, CancellationToken ct, DisposalStatus? status = null) =>
        DisposalQueries.ListAsync(session, caller, status, ct);

    [WolverineGet("/api/disposals/eligible")]
    [Tags("Arsip")]
    [EndpointSummary("Berkas the caller may propose for disposal now: retention ended, final action musnah, on no proposal, not held")]
    [ProducesResponseType<IReadOnlyList<EligibleCaseFile>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<EligibleCaseFile>> Eligible([NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct) =>
        await DisposalQueries.EligibleAsync(session, caller, (await AgencyTime.LoadAsync(session, ct)).Today(clock), ct);

    [WolverineGet("/api/disposals/{id}")]
    [Tags("Arsip")]
    [EndpointSummary("One disposal: its berkas, committee and assessments, approvals, execution progress (done/total), and what the caller may do next")]
    [ProducesResponseType<DisposalDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct)
    {
        var (detail, problem) = await DisposalQueries.DetailAsync(session, caller, id, ct);
        return detail is null ? Results.Problem(problem!) : Results.Ok(detail);
    }

    [WolverineGet("/api/disposals/{id}/list.pdf")]
    [Tags("Arsip")]
    [EndpointSummary("The daftar arsip usul musnah as PDF/A, with what became of each berkas")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/pdf")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> ListPdf(Guid id, [NotBody] Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, CancellationToken ct)
    {
        var (detail, problem) = await DisposalQueries.DetailAsync(session, caller, id, ct);
        if (detail is null) return Results.Problem(problem!);
        var time = await AgencyTime.LoadAsync(session, ct);
        var document = DisposalDocuments.List(detail.Disposal, await letterheads.ForAsync(session, caller.Agency, null, ct), time, time.ToLocal(clock.GetUtcNow()));
        return Results.File(DisposalPdf.RenderList(document), "application/pdf", $"daftar-arsip-usul-musnah-{id}.pdf");
    }

    [WolverineGet("/api/disposals/{id}/berita-acara.pdf")]
    [Tags("Arsip")]
    [EndpointSummary("The berita acara pemusnahan arsip as issued and stored when the execution finished (404 until then)")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/pdf")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> BeritaAcara(Guid id, [NotBody] Caller caller, IQuerySession session, IIssuedPdfStore pdfs, CancellationToken ct)
    {
        var (detail, problem) = await DisposalQueries.DetailAsync(session, caller, id, ct);
        if (detail is null) return Results.Problem(problem!);
        if (detail.Disposal.Completion is not { } done || await pdfs.GetAsync(session, done.BeritaAcaraSha256, ct) is not { } bytes)
            return Results.Problem(Problems.NotFound("Berita acara pemusnahan usul", id));
        return Results.File(bytes, "application/pdf", $"berita-acara-pemusnahan-{done.Reference.Replace('/', '-')}.pdf");
    }

    [WolverineGet("/api/disposals/{id}/external-approval/scan")]
    [Tags("Arsip")]
    [EndpointSummary("The stored scan of the external approval (ANRI or the regional archive)")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/pdf", "image/png", "image/jpeg", "image/tiff")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> ExternalApprovalScan(Guid id, [NotBody] Caller caller, IQuerySession session, IBlobStore blobs, CancellationToken ct)
    {
        var (detail, problem) = await DisposalQueries.DetailAsync(session, caller, id, ct);
        if (detail is null) return Results.Problem(problem!);
        return detail.Disposal.ExternalApproval is { } approval && await blobs.OpenReadAsync(approval.Sha256, ct) is { } content
            ? Results.Stream(content, approval.ContentType, approval.FileName)
            : Results.Problem(Problems.NotFound("Pindaian persetujuan usul", id));
    }
}
