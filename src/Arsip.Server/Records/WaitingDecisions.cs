using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Records;

public enum WaitingKind { TransferApproval, TransferAcceptance, DisposalAssessment, DisposalApproval, HandoverApproval, ReappraisalDecision }

/// <summary>A movement waiting for the caller's decision: what is asked (<paramref name="Kind"/>, <paramref name="What"/>), which
/// proposal (<paramref name="Title"/>, its page at <paramref name="Url"/>), since when it waits (the instant and its local date) and
/// how many of the agency's days that is today.</summary>
public sealed record WaitingDecision(WaitingKind Kind, string What, Guid Id, string Title, string Url, DateTimeOffset Since, DateOnly SinceDate, int Days);

/// <summary>"Menunggu keputusan Anda": the transfers, disposals, handovers and re-appraisals whose next step is the caller's, asked
/// of the same rules the commands use; shared by the home page and <c>GET /api/records/waiting</c> (and the e-mail
/// notifications to come). Oldest first.</summary>
public static class WaitingDecisions
{
    public static async Task<IReadOnlyList<WaitingDecision>> ForAsync(IQuerySession session, Caller caller, ArsipClock clock, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var positionsQuery = batch.Query<Position>().ToList();
        var transfersQuery = batch.Query<TransferProposal>().Where(t => t.Status == TransferStatus.Submitted || t.Status == TransferStatus.Approved).ToList();
        var disposalsQuery = batch.Query<DisposalProposal>().Where(d => d.Status == DisposalStatus.Assessing || d.Status == DisposalStatus.AwaitingApproval).ToList();
        var handoversQuery = batch.Query<HandoverProposal>().Where(h => h.Status == HandoverStatus.Proposed).ToList();
        var reappraisalsQuery = batch.Query<ReappraisalTask>().Where(r => r.Status == ReappraisalStatus.Open).ToList();
        var calendarQuery = batch.Load<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream);
        await batch.Execute(ct);
        var positions = await positionsQuery;
        var time = AgencyTime.For((await calendarQuery)?.Settings);
        return Of(caller, positions, await transfersQuery, await disposalsQuery, await handoversQuery, await reappraisalsQuery, time, time.Today(clock));
    }

    /// <summary>The decisions waiting for <paramref name="caller"/> among these open proposals, on the agency's <paramref name="today"/>.</summary>
    public static IReadOnlyList<WaitingDecision> Of(Caller caller, IReadOnlyCollection<Position> positions, IEnumerable<TransferProposal> transfers,
        IEnumerable<DisposalProposal> disposals, IEnumerable<HandoverProposal> handovers, IEnumerable<ReappraisalTask> reappraisals, AgencyTime time, DateOnly today)
    {
        var waiting = new List<WaitingDecision>();
        void Add(WaitingKind kind, string what, Guid id, string title, string url, DateTimeOffset since)
        {
            var day = time.DateOf(since);
            waiting.Add(new(kind, what, id, title, url, since, day, Math.Max(0, today.DayNumber - day.DayNumber)));
        }

        var agencyHead = Authorities.AgencyHead(positions);
        var mayReceive = TransferRules.MayReceive(caller, positions);
        foreach (var t in transfers)
        {
            var title = $"Pemindahan {t.UnitName}: {t.Items.Count} berkas";
            if (t.Status == TransferStatus.Submitted && TransferRules.MayApprove(caller, positions, t.UnitId))
                Add(WaitingKind.TransferApproval, "Persetujuan pemindahan (kepala unit)", t.Id, title, $"/arsip/pemindahan/{t.Id}", t.SubmittedAt ?? t.ProposedAt);
            else if (t.Status == TransferStatus.Approved && mayReceive)
                Add(WaitingKind.TransferAcceptance, "Penerimaan pemindahan (unit kearsipan)", t.Id, title, $"/arsip/pemindahan/{t.Id}", t.ApprovedAt ?? t.ProposedAt);
        }
        foreach (var d in disposals)
        {
            var title = $"Usul musnah {d.Remaining.Count()} berkas ({d.ProposedBy})";
            if (d.Status == DisposalStatus.Assessing && d.Committee.Any(m => m.PersonId == caller.PersonId)
                && d.Remaining.Any(i => !d.HasAssessed(caller.PersonId, i.CaseFileId)))
                Add(WaitingKind.DisposalAssessment, "Penilaian usul musnah (panitia penilai)", d.Id, title, $"/arsip/pemusnahan/{d.Id}", d.ProposedAt);
            else if (d.Status == DisposalStatus.AwaitingApproval && d.Approval is null && d.Remaining.Any() && Authorities.Holds(caller, agencyHead))
                Add(WaitingKind.DisposalApproval, "Persetujuan pemusnahan (pimpinan instansi)", d.Id, title, $"/arsip/pemusnahan/{d.Id}",
                    d.Assessments.Count > 0 ? d.Assessments.Max(a => a.At) : d.ProposedAt);
        }
        if (HandoverRules.IsAgencyHead(caller, positions))
            foreach (var h in handovers.Where(h => h.Status == HandoverStatus.Proposed))
                Add(WaitingKind.HandoverApproval, "Persetujuan penyerahan (pimpinan instansi)", h.Id, $"Penyerahan {h.Label} ke {h.Institution}: {h.CaseFileIds.Count} berkas",
                    $"/arsip/penyerahan/{h.Id}", h.ProposedAt);
        if (ReappraisalRules.MayDecide(caller, positions))
            foreach (var r in reappraisals.Where(r => r.Status == ReappraisalStatus.Open))
                Add(WaitingKind.ReappraisalDecision, "Keputusan penilaian kembali (kepala unit kearsipan)", r.Id,
                    $"Penilaian kembali {r.Items.Count(i => r.OutcomeOf(i.CaseFileId) is null)} berkas ({r.OpenedBy})", $"/arsip/penilaian-kembali#reappraisal-{r.Id}", r.OpenedAt);
        return waiting.OrderBy(w => w.Since).ToList();
    }
}

public static class WaitingDecisionsEndpoint
{
    [WolverineGet("/api/records/waiting")]
    [Tags("Arsip")]
    [EndpointSummary("The movements waiting for the caller's decision: transfers to approve (unit head) or accept (records centre), disposals to assess (committee) or approve (agency head), handovers to approve, re-appraisals to decide; oldest first, with the local date since when each waits")]
    [ProducesResponseType<IReadOnlyList<WaitingDecision>>(StatusCodes.Status200OK)]
    [Authorize]
    public static Task<IReadOnlyList<WaitingDecision>> Get([NotBody] Caller caller, IQuerySession session, ArsipClock clock, CancellationToken ct) =>
        WaitingDecisions.ForAsync(session, caller, clock, ct);
}
