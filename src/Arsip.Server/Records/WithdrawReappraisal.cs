namespace Arsip.Records;

public sealed record WithdrawReappraisalCommand(Guid ReappraisalId, Caller Caller, ProposalReason Body);

public static class WithdrawReappraisalHandler
{
    /// <summary>While some berkas still wait for their outcome, the archivist who opened the re-appraisal (or another archivist or an
    /// administrator) withdraws it with a reason: those berkas leave it; the outcomes already recorded stay. A re-appraisal has
    /// no approval to reject: the records centre head's decision is per berkas.</summary>
    public static Decision Decide(WithdrawReappraisalCommand command, ReappraisalTask? task, DateTimeOffset now)
    {
        var caller = command.Caller;
        if (task is null) return Decision.Refuse(Problems.NotFound("Penilaian kembali", command.ReappraisalId));
        if (!ReappraisalRules.MayWithdraw(caller, task))
            return Decision.Refuse(Problems.Forbidden("Penilaian kembali ditarik oleh arsiparis yang membukanya, arsiparis lain, atau administrator (only archivists and administrators withdraw it)."));
        if (CaseFileRules.ReasonRefusal(command.Body.Reason) is { } noReason) return Decision.Refuse(noReason);
        if (task.Status != ReappraisalStatus.Open)
            return Decision.Refuse(Problems.Conflict(task.Status == ReappraisalStatus.Withdrawn
                ? "Penilaian kembali ini sudah ditarik kembali (already withdrawn)."
                : "Semua berkas dalam penilaian kembali ini sudah dinilai (every berkas is decided already)."));
        var reason = CaseFileRules.Reason(command.Body.Reason)!;
        var events = new List<object> { new ReappraisalWithdrawn(task.Id, reason, caller.PersonId, caller.Name, now) };
        events.AddRange(task.Items.Where(i => task.OutcomeOf(i.CaseFileId) is null)
            .Select(i => new CaseFileLeftProposal(i.CaseFileId, task.Id, $"penilaian kembali ditarik oleh {caller.Name}: {reason}", now)));
        return Decision.Accept([.. events]);
    }

    public static Decision Handle(WithdrawReappraisalCommand command,
        [WriteAggregate(nameof(WithdrawReappraisalCommand.ReappraisalId), Required = false)] IEventStream<ReappraisalTask> stream,
        IDocumentSession session, ArsipClock clock)
    {
        var decision = Decide(command, stream.Aggregate, clock.GetUtcNow());
        TransferRules.Append(session, decision.Events, stream.AppendMany);
        return decision;
    }

    [WolverinePost("/api/reappraisals/{id}/withdraw")]
    [Tags("Arsip")]
    [EndpointSummary("An archivist or administrator withdraws a penilaian kembali while berkas still wait for their outcome, with a reason; those berkas leave it")]
    [EndpointDescription("Neither its opener nor an archivist or administrator: 403; no reason: 400; every berkas decided already, or withdrawn already: 409.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, ProposalReason body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new WithdrawReappraisalCommand(id, caller, body), ct)).ToResult();
}
