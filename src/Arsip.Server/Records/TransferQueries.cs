using Arsip.Documents;
using Arsip.Organization;
using Arsip.Pdf;
using Arsip.ReferenceData;

namespace Arsip.Records;

public sealed record TransferSummary(
    Guid Id, Guid UnitId, string UnitName, TransferStatus Status, int CaseFiles, string ProposedBy, DateTimeOffset ProposedAt,
    DateOnly? AcceptedOn, string? ReportNumber);

/// <summary>A proposal with what the caller may do next on it (the page shows only those buttons).</summary>
public sealed record TransferDetail(TransferProposal Transfer, string? RecordsCentreName, IReadOnlyList<string> NextSteps);

/// <summary>A berkas that may go on a transfer now: closed, inactive, with its unit, on no proposal, not held.</summary>
public sealed record TransferCandidate(TransferItem Item, DateOnly? ActiveUntil, DateOnly? InactiveUntil);

public static class TransferQueries
{
    public const string Edit = "edit", Submit = "submit", Approve = "approve", Reject = "reject", Accept = "accept", Refuse = "refuse", Withdraw = "withdraw";

    private static ProblemDetails Forbidden => Problems.Forbidden(
        "Usulan pemindahan hanya untuk unit pengolah, unit kearsipan, arsiparis, auditor dan administrator (only the unit, the records centre and agency-wide roles read it).");

    public static async Task<IReadOnlyList<TransferSummary>> ListAsync(IQuerySession session, Caller caller, TransferStatus? status, Guid? unitId, CancellationToken ct)
    {
        var positions = await session.Query<Position>().ToListAsync(ct);
        var query = session.Query<TransferProposal>().AsQueryable();
        if (status is { } s) query = query.Where(t => t.Status == s);
        if (unitId is { } u) query = query.Where(t => t.UnitId == u);
        var all = await query.OrderByDescending(t => t.ProposedAt).ToListAsync(ct);
        return all.Where(t => TransferRules.MayRead(caller, positions, t.UnitId))
            .Select(t => new TransferSummary(t.Id, t.UnitId, t.UnitName, t.Status, t.Items.Count, t.ProposedBy, t.ProposedAt, t.AcceptedOn, t.ReportNumber)).ToList();
    }

    public static async Task<(ProblemDetails? Refusal, TransferDetail? Detail)> DetailAsync(IQuerySession session, Caller caller, Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<TransferProposal>(id, ct) is not { } t) return (Problems.NotFound("Usulan pemindahan", id), null);
        var positions = await session.Query<Position>().ToListAsync(ct);
        if (!TransferRules.MayRead(caller, positions, t.UnitId)) return (Forbidden, null);
        var centreId = t.RecordsCentreUnitId ?? Authorities.RecordsCentreUnit(positions);
        var centre = centreId is { } c ? await session.LoadAsync<Unit>(c, ct) : null;
        var steps = new List<string>();
        var works = CaseFileRules.CanWork(caller, t.UnitId);
        if (t.Status == TransferStatus.Draft && works) steps.AddRange([Edit, Submit]);
        if (t.Status == TransferStatus.Submitted && TransferRules.MayApprove(caller, positions, t.UnitId)) steps.AddRange([Approve, Reject]);
        if (t.Status == TransferStatus.Approved && TransferRules.MayReceive(caller, positions)) steps.AddRange([Accept, Refuse]);
        if (t.Status is TransferStatus.Draft or TransferStatus.Submitted && Proposals.MayWithdraw(caller, t.ProposedByPersonId, [t.UnitId])) steps.Add(Withdraw);
        return (null, new TransferDetail(t, centre?.Name, steps));
    }

    /// <summary>The unit's berkas that may be proposed now (the caller must be able to work on the unit's berkas).</summary>
    public static async Task<(ProblemDetails? Refusal, IReadOnlyList<TransferCandidate>? Files)> EligibleAsync(
        IQuerySession session, Caller caller, Guid unitId, DateOnly today, CancellationToken ct)
    {
        if (await session.LoadAsync<Unit>(unitId, ct) is null) return (Problems.NotFound("Unit kerja", unitId), null);
        if (!CaseFileRules.CanWork(caller, unitId)) return (CaseFileRules.Forbidden, null);
        // active_until is a duplicated column: closed, past its active period, still within its inactive one
        var files = await session.Query<CaseFile>()
            .Where(f => f.UnitId == unitId && f.Status == CaseFileStatus.Closed && f.ActiveUntil <= today && f.InactiveUntil > today)
            .ToListAsync(ct);
        var open = files.Where(f => f.Custody == Custody.Unit && f.ProposalId == null).OrderBy(f => f.Year).ThenBy(f => f.Number).ToList();
        var held = await LegalHolds.CaseFilesHeldAsync(session, open, ct);
        var letters = await LettersOnFile.LoadAsync(session, caller, open.SelectMany(f => f.Letters).Select(l => l.LetterId).Distinct().ToList(), ct);
        return (null, open.Where(f => held[f.Id].Count == 0)
            .Select(f => new TransferCandidate(TransferRules.Item(f, f.Letters.Count(l => letters.GetValueOrDefault(l.LetterId) is { Visible: true })), f.ActiveUntil, f.InactiveUntil))
            .ToList());
    }

    /// <summary>The daftar arsip yang dipindahkan as it stands (the proposed list, or what was accepted).</summary>
    public static async Task<(ProblemDetails? Refusal, byte[]? Pdf, string? Name)> ListPdfAsync(
        IQuerySession session, ILetterheads letterheads, ArsipClock clock, Caller caller, Guid id, CancellationToken ct)
    {
        var (refusal, detail) = await DetailAsync(session, caller, id, ct);
        if (detail is null) return (refusal, null, null);
        var time = await AgencyTime.LoadAsync(session, ct);
        var positions = await session.Query<Position>().ToListAsync(ct);
        var list = await TransferDocuments.ListAsync(session, letterheads, caller, detail.Transfer, detail.Transfer.Items, positions, time.ToLocal(clock.GetUtcNow()), ct);
        return (null, TransferPdf.RenderList(list), $"daftar-arsip-dipindahkan-{id:N}.pdf");
    }

    [WolverineGet("/api/transfers")]
    [Tags("Arsip")]
    [EndpointSummary("Pemindahan proposals the caller may read, newest first; ?status=Draft|Submitted|Approved|Accepted|Rejected|Refused, ?unitId=")]
    [ProducesResponseType<IReadOnlyList<TransferSummary>>(StatusCodes.Status200OK)]
    public static async Task<IResult> List([NotBody] Caller caller, IQuerySession session, CancellationToken ct, TransferStatus? status = null, Guid? unitId = null) =>
        Results.Ok(await ListAsync(session, caller, status, unitId, ct));

    [WolverineGet("/api/transfers/{id}")]
    [Tags("Arsip")]
    [EndpointSummary("One pemindahan: its list, steps, and what the caller may do next")]
    [ProducesResponseType<TransferDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct)
    {
        var (refusal, detail) = await DetailAsync(session, caller, id, ct);
        return detail is null ? Results.Problem(refusal!) : Results.Ok(detail);
    }

    [WolverineGet("/api/transfers/eligible-case-files")]
    [Tags("Arsip")]
    [EndpointSummary("A unit's berkas that may be proposed for pemindahan now (closed, inactive, with the unit, on no proposal, not held)")]
    [ProducesResponseType<IReadOnlyList<TransferCandidate>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Eligible(Guid unitId, [NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct)
    {
        var (refusal, files) = await EligibleAsync(session, caller, unitId, (await AgencyTime.LoadAsync(session, ct)).Today(clock), ct);
        return files is null ? Results.Problem(refusal!) : Results.Ok(files);
    }

    [WolverineGet("/api/transfers/{id}/list.pdf")]
    [Tags("Arsip")]
    [EndpointSummary("The daftar arsip yang dipindahkan of a pemindahan as PDF/A")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/pdf")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> ListPdf(Guid id, [NotBody] Caller caller, IQuerySession session, ILetterheads letterheads, ArsipClock clock, CancellationToken ct)
    {
        var (refusal, pdf, name) = await ListPdfAsync(session, letterheads, clock, caller, id, ct);
        return pdf is null ? Results.Problem(refusal!) : Results.File(pdf, "application/pdf", name);
    }

    /// <summary>The stored berita acara pemindahan (issued on acceptance, never re-rendered), or 404 before acceptance.</summary>
    public static async Task<(ProblemDetails? Refusal, byte[]? Pdf)> ReportAsync(IQuerySession session, IIssuedPdfStore pdfs, Caller caller, Guid id, CancellationToken ct)
    {
        var (refusal, detail) = await DetailAsync(session, caller, id, ct);
        if (detail is null) return (refusal, null);
        if (detail.Transfer.ReportSha256 is not { Length: > 0 } sha || await pdfs.GetAsync(session, sha, ct) is not { } bytes)
            return (Problems.NotFound("Berita acara pemindahan (terbit saat diterima unit kearsipan; issued on acceptance)", id), null);
        return (null, bytes);
    }

    [WolverineGet("/api/transfers/{id}/berita-acara.pdf")]
    [Tags("Arsip")]
    [EndpointSummary("The berita acara pemindahan issued on acceptance (stored, immutable; its SHA-256 is in the acceptance event)")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/pdf")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Report(Guid id, [NotBody] Caller caller, IQuerySession session, IIssuedPdfStore pdfs, CancellationToken ct)
    {
        var (refusal, pdf) = await ReportAsync(session, pdfs, caller, id, ct);
        return pdf is null ? Results.Problem(refusal!) : Results.File(pdf, "application/pdf", $"berita-acara-pemindahan-{id:N}.pdf");
    }
}
