namespace Arsip.Records;

/// <summary>One berkas's assessment: agree to destroy, or keep it longer (reason and extra years required).</summary>
public sealed record BerkasAssessment(Guid CaseFileId, AssessmentVerdict? Verdict, string? Reason, int? ExtraYears);

public sealed record AssessDisposal(BerkasAssessment[]? Assessments);

public sealed record AssessDisposalCommand(Guid DisposalId, Caller Caller, AssessDisposal Body);

public static class AssessDisposalHandler
{
    /// <summary>A berkas any member keeps longer leaves the proposal (destruction needs the whole panitia's agreement): its inactive
    /// period is extended by the years given, from its end or from today when that has passed. <paramref name="files"/>: those berkas.</summary>
    public static Decision Decide(AssessDisposalCommand command, DisposalProposal? disposal, IReadOnlyDictionary<Guid, CaseFile> files, DateOnly today, DateTimeOffset now)
    {
        var caller = command.Caller;
        if (disposal is null) return Decision.Refuse(Problems.NotFound("Usul musnah", command.DisposalId));
        if (disposal.Committee.FirstOrDefault(m => m.PersonId == caller.PersonId) is not { } member)
            return Decision.Refuse(Problems.Forbidden("Hanya anggota panitia penilai yang menilai usul musnah ini (only members of this proposal's committee assess it)."));
        if (disposal.Status != DisposalStatus.Assessing)
            return Decision.Refuse(Problems.Conflict($"Penilaian usul musnah ini sudah selesai; statusnya: {DisposalRules.StatusLabel(disposal.Status)} (the assessment is closed)."));
        var items = command.Body.Assessments;
        if (items is null || items.Length == 0) return Decision.Refuse(Problems.BadRequest("assessments", "Nilai sedikitnya satu berkas (assess at least one berkas)."));
        if (items.Select(a => a.CaseFileId).Distinct().Count() != items.Length)
            return Decision.Refuse(Problems.BadRequest("assessments", "Berkas dinilai lebih dari sekali (a berkas is assessed twice)."));
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Length; i++)
        {
            var a = items[i];
            if (!disposal.Remaining.Any(x => x.CaseFileId == a.CaseFileId))
                errors[$"assessments[{i}].caseFileId"] = [$"Berkas {a.CaseFileId} tidak ada (lagi) dalam usul ini (not on this proposal)."];
            else if (a.Verdict is null)
                errors[$"assessments[{i}].verdict"] = ["Pilih: setuju dimusnahkan atau dipertahankan (Agree or KeepLonger)."];
            else if (a.Verdict == AssessmentVerdict.KeepLonger && CaseFileRules.Reason(a.Reason) is null)
                errors[$"assessments[{i}].reason"] = ["Alasan mempertahankan wajib diisi (a reason is required to keep a berkas longer)."];
            else if (a.Reason?.Length > CaseFileRules.MaxReason)
                errors[$"assessments[{i}].reason"] = [$"Alasan paling banyak {CaseFileRules.MaxReason} karakter (at most {CaseFileRules.MaxReason} characters)."];
            else if (a.Verdict == AssessmentVerdict.KeepLonger && a.ExtraYears is not (>= 1 and <= DisposalRules.MaxExtraYears))
                errors[$"assessments[{i}].extraYears"] = [$"Tambahan retensi 1 sampai {DisposalRules.MaxExtraYears} tahun (extra years 1 to {DisposalRules.MaxExtraYears})."];
        }
        if (errors.Count > 0)
            return Decision.Refuse(new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Permintaan tidak valid (invalid request)" });
        if (items.Where(a => disposal.HasAssessed(caller.PersonId, a.CaseFileId)).Select(a => a.CaseFileId).ToList() is { Count: > 0 } twice)
            return Decision.Refuse(Problems.Conflict($"Anda sudah menilai {twice.Count} berkas ini (already assessed; a duplicate request).").With("caseFileIds", twice));

        var events = new List<object>();
        foreach (var a in items)
        {
            var reason = CaseFileRules.Reason(a.Reason);
            events.Add(new DisposalAssessed(disposal.Id, a.CaseFileId, caller.PersonId, member.Name, a.Verdict!.Value, reason,
                a.Verdict == AssessmentVerdict.KeepLonger ? a.ExtraYears : null, now));
            if (a.Verdict != AssessmentVerdict.KeepLonger) continue;
            var why = $"Dipertahankan {a.ExtraYears} tahun oleh panitia penilai ({member.Name}): {reason}";
            events.Add(new DisposalItemWithdrawn(disposal.Id, a.CaseFileId, why, now));
            events.Add(new CaseFileLeftProposal(a.CaseFileId, disposal.Id, why, now));
            var from = files.GetValueOrDefault(a.CaseFileId)?.InactiveUntil is { } end && end > today ? end : today;
            events.Add(new CaseFileRetentionExtended(a.CaseFileId, disposal.Id, a.ExtraYears!.Value, from.AddYears(a.ExtraYears!.Value), reason!, now));
        }
        return Decision.Accept([.. events]);
    }

    public static async Task<Decision> Handle(AssessDisposalCommand command,
        [WriteAggregate(nameof(AssessDisposalCommand.DisposalId), Required = false)] IEventStream<DisposalProposal> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var kept = (command.Body.Assessments ?? []).Where(a => a.Verdict == AssessmentVerdict.KeepLonger).Select(a => a.CaseFileId).Distinct().ToArray();
        var files = kept.Length == 0 ? [] : (await session.LoadManyAsync<CaseFile>(ct, kept)).ToDictionary(f => f.Id);
        var time = await ReferenceData.AgencyTime.LoadAsync(session, ct);
        var decision = Decide(command, stream.Aggregate, files, time.Today(clock), clock.GetUtcNow());
        DisposalStreams.Append(session, stream, decision);
        return decision;
    }

    [WolverinePost("/api/disposals/{id}/assessments")]
    [Tags("Arsip")]
    [EndpointSummary("A panitia penilai member assesses berkas on the proposal: Agree, or KeepLonger with a reason and extra years (the berkas leaves the proposal, its retention extended)")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, AssessDisposal body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new AssessDisposalCommand(id, caller, body), ct)).ToResult();
}

/// <summary>Where a disposal decision's events go: the berkas events to their berkas (releasing its claim when it leaves), the rest to the disposal.</summary>
public static class DisposalStreams
{
    public static void Append(IDocumentSession session, IEventStream<DisposalProposal> stream, Decision decision)
    {
        foreach (var e in decision.Events)
        {
            switch (e)
            {
                case CaseFileLeftProposal left:
                    session.Events.Append(left.CaseFileId, left);
                    session.Delete<CaseFileOnProposal>(left.CaseFileId);
                    break;
                case CaseFileRetentionExtended extended: session.Events.Append(extended.CaseFileId, extended); break;
                case CaseFileDestroyed destroyed:
                    session.Events.Append(destroyed.CaseFileId, destroyed);
                    session.Delete<CaseFileOnProposal>(destroyed.CaseFileId);
                    break;
                default: stream.AppendOne(e); break;
            }
        }
    }
}
