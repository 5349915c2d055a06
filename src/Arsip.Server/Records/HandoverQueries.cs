using Arsip.ReferenceData;
using Arsip.Documents;
using Arsip.Organization;

namespace Arsip.Records;

public sealed record HandoverSummary(
    Guid Id, string Number, string Institution, HandoverStatus Status, int CaseFiles, int Skipped, string ProposedBy, DateTimeOffset ProposedAt,
    string? ApprovedBy, DateOnly? ApprovedOn, int Done, int Total, DateOnly? ReceiptDate);

public sealed record HandoverCaseFileLine(Guid Id, string Number, string Classification, string Title, string Unit, int Records, CaseFileStatus Status);

public sealed record HandoverSkippedLine(Guid CaseFileId, string? Number, string Note, DateTimeOffset At);

/// <summary>What the caller may do next on this handover (the page shows only these buttons).</summary>
public sealed record HandoverNextSteps(bool Approve, bool Build, bool Download, bool Accept, bool Withdraw = false, bool Reject = false);

public sealed record HandoverDetail(
    HandoverSummary Summary, IReadOnlyList<HandoverCaseFileLine> CaseFiles, IReadOnlyList<HandoverSkippedLine> Skipped, HandoverPackageBuilt? Package,
    int Downloads, HandoverAccepted? Acceptance, HandoverNextSteps Next, HandoverClosing? Closing = null, HandoverContentRemoval? ContentRemoval = null);

/// <summary>With Arsip:Records:KeepContentAfterHandover=false: how far the removal of the handed-over content here has come.</summary>
public sealed record HandoverContentRemoval(int Done, int Total, int Records);

/// <summary>Why a handover ended before approval: withdrawn or rejected, by whom, when.</summary>
public sealed record HandoverClosing(HandoverStatus Status, string Reason, string By, DateTimeOffset At);

public sealed record HandoverCandidate(Guid Id, string Number, string Classification, string Title, string Unit, int Records, DateOnly? InactiveUntil);

public static class HandoverQueries
{
    public const int MaxEligible = 1000;

    public static HandoverSummary Summary(HandoverProposal h) => new(h.Id, h.Label, h.Institution, h.Status, h.CaseFileIds.Count, h.Skipped.Count,
        h.ProposedBy, h.ProposedAt, h.ApprovedBy, h.ApprovedOn, h.Done, h.Total, h.Acceptance?.ReceiptDate);

    public static async Task<bool> MayReadAsync(IQuerySession session, Caller caller, CancellationToken ct) =>
        CaseFileRules.ReadsAllUnits(caller) || HandoverRules.IsAgencyHead(caller, await session.Query<Position>().ToListAsync(ct));

    public static async Task<IReadOnlyList<HandoverSummary>> ListAsync(IQuerySession session, HandoverStatus? status, CancellationToken ct)
    {
        var query = session.Query<HandoverProposal>().AsQueryable();
        if (status is { } s) query = query.Where(h => h.Status == s);
        return (await query.OrderByDescending(h => h.ProposedAt).Take(500).ToListAsync(ct)).Select(Summary).ToList();
    }

    public static async Task<HandoverDetail?> DetailAsync(IQuerySession session, Caller caller, Guid id, CancellationToken ct)
    {
        if (await session.LoadAsync<HandoverProposal>(id, ct) is not { } h) return null;
        var positions = await session.Query<Position>().ToListAsync(ct);
        var ids = h.CaseFileIds.Concat(h.Skipped.Select(s => s.CaseFileId)).Distinct().ToArray();
        var files = (await session.LoadManyAsync<CaseFile>(ct, ids)).ToDictionary(f => f.Id);
        var units = (await session.Query<Unit>().ToListAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        var lines = h.CaseFileIds.Where(files.ContainsKey).Select(fid => files[fid])
            .Select(f => new HandoverCaseFileLine(f.Id, HandoverRules.Label(f), f.Classification, f.Title, units.GetValueOrDefault(f.UnitId) ?? "", f.Letters.Count, f.Status))
            .OrderBy(l => l.Classification, StringComparer.Ordinal).ToList();
        var skipped = h.Skipped.Select(s => new HandoverSkippedLine(s.CaseFileId, files.TryGetValue(s.CaseFileId, out var f) ? HandoverRules.Label(f) : null, s.Note, s.At)).ToList();
        var handles = HandoverRules.MayHandle(caller);
        var next = new HandoverNextSteps(
            Approve: h.Status == HandoverStatus.Proposed && HandoverRules.IsAgencyHead(caller, positions),
            Build: handles && h.Status is HandoverStatus.Approved or HandoverStatus.Building,
            Download: handles && h.Package is not null,
            Accept: handles && h.Status == HandoverStatus.Built && h.Downloads > 0,
            Withdraw: h.Status == HandoverStatus.Proposed && (caller.PersonId == h.ProposedByPersonId || handles),
            Reject: h.Status == HandoverStatus.Proposed && HandoverRules.IsAgencyHead(caller, positions));
        var closing = h is { ClosedReason: { } reason, ClosedBy: { } by, ClosedAt: { } at } ? new HandoverClosing(h.Status, reason, by, at) : null;
        var removal = h.Acceptance is { ContentKept: false } accepted ? new HandoverContentRemoval(h.ContentDone.Count, accepted.HandedOver.Length, h.ContentDestroyedRecords) : null;
        return new HandoverDetail(Summary(h), lines, skipped, h.Package, h.Downloads, h.Acceptance, next, closing, removal);
    }

    /// <summary>Closed berkas past their inactive period, final action permanen, on no proposal and not held, on the agency's <paramref name="today"/>.</summary>
    public static async Task<IReadOnlyList<HandoverCandidate>> EligibleAsync(IQuerySession session, DateOnly today, CancellationToken ct)
    {
        var candidates = await session.Query<CaseFile>()
            .Where(f => f.Status == CaseFileStatus.Closed && f.InactiveUntil != null && f.InactiveUntil <= today)
            .OrderBy(f => f.InactiveUntil).Take(MaxEligible * 2).ToListAsync(ct);
        candidates = candidates.Where(f => HandoverRules.Ineligible(f, false, today) is null).ToList();
        var held = await LegalHolds.HeldCaseFileIdsAsync(session, candidates.Select(f => f.Id), ct);
        var units = (await session.Query<Unit>().ToListAsync(ct)).ToDictionary(u => u.Id, u => u.Name);
        return candidates.Where(f => !held.Contains(f.Id)).Take(MaxEligible)
            .Select(f => new HandoverCandidate(f.Id, HandoverRules.Label(f), f.Classification, f.Title, units.GetValueOrDefault(f.UnitId) ?? "", f.Letters.Count, f.InactiveUntil))
            .ToList();
    }
}

[Authorize]
public static class HandoverEndpoints
{
    private static ProblemDetails Forbidden => Problems.Forbidden(
        "Penyerahan dibaca oleh arsiparis, auditor, administrator dan kepala instansi (handovers are read by archivists, auditors, administrators and the agency's head).");

    [WolverineGet("/api/handovers")]
    [Tags("Arsip")]
    [EndpointSummary("The agency's handovers (penyerahan), newest first; ?status=Proposed|Approved|Building|Built|Accepted")]
    [ProducesResponseType<IReadOnlyList<HandoverSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public static async Task<IResult> List(HandoverStatus? status, [NotBody] Caller caller, IQuerySession session, CancellationToken ct) =>
        await HandoverQueries.MayReadAsync(session, caller, ct) ? Results.Ok(await HandoverQueries.ListAsync(session, status, ct)) : Results.Problem(Forbidden);

    [WolverineGet("/api/handovers/eligible")]
    [Tags("Arsip")]
    [EndpointSummary("Berkas that may be proposed for handover today: retention ended, final action permanen, not held, on no open proposal")]
    [ProducesResponseType<IReadOnlyList<HandoverCandidate>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public static async Task<IResult> Eligible([NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct) =>
        await HandoverQueries.MayReadAsync(session, caller, ct)
            ? Results.Ok(await HandoverQueries.EligibleAsync(session, (await AgencyTime.LoadAsync(session, ct)).Today(clock), ct))
            : Results.Problem(Forbidden);

    [WolverineGet("/api/handovers/{id}")]
    [Tags("Arsip")]
    [EndpointSummary("A handover: its berkas, those left out and why, the build's progress, the package and the acceptance, and what the caller may do next")]
    [ProducesResponseType<HandoverDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, CancellationToken ct) =>
        !await HandoverQueries.MayReadAsync(session, caller, ct) ? Results.Problem(Forbidden)
        : await HandoverQueries.DetailAsync(session, caller, id, ct) is { } detail ? Results.Ok(detail)
        : Results.Problem(Problems.NotFound("Penyerahan", id));

    [WolverineGet("/api/handovers/{id}/list.pdf")]
    [Tags("Arsip")]
    [EndpointSummary("The daftar arsip statis yang diserahkan (PDF/A), issued when the package was built")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/pdf")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static Task<IResult> ListPdf(Guid id, [NotBody] Caller caller, IQuerySession session, IIssuedPdfStore pdfs, CancellationToken ct) =>
        PdfAsync(id, caller, session, pdfs, p => p.ListPdfSha256, "daftar-arsip-statis", ct);

    [WolverineGet("/api/handovers/{id}/berita-acara.pdf")]
    [Tags("Arsip")]
    [EndpointSummary("The berita acara penyerahan (PDF/A, the list as lampiran), issued when the package was built")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/pdf")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public static Task<IResult> BeritaAcaraPdf(Guid id, [NotBody] Caller caller, IQuerySession session, IIssuedPdfStore pdfs, CancellationToken ct) =>
        PdfAsync(id, caller, session, pdfs, p => p.BeritaAcaraPdfSha256, "berita-acara-penyerahan", ct);

    private static async Task<IResult> PdfAsync(Guid id, Caller caller, IQuerySession session, IIssuedPdfStore pdfs, Func<HandoverPackageBuilt, string> sha,
        string name, CancellationToken ct)
    {
        if (!await HandoverQueries.MayReadAsync(session, caller, ct)) return Results.Problem(Forbidden);
        var handover = await session.LoadAsync<HandoverProposal>(id, ct);
        if (handover is null) return Results.Problem(Problems.NotFound("Penyerahan", id));
        if (handover.Package is not { } package || await pdfs.GetAsync(session, sha(package), ct) is not { } bytes)
            return Results.Problem(Problems.NotFound($"Dokumen penyerahan {handover.Label} (belum diterbitkan; issued when the package is built)", name));
        return Results.File(bytes, "application/pdf", $"{name}-{handover.Number}-{handover.Year}.pdf");
    }
}
