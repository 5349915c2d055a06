using Arsip.ReferenceData;

namespace Arsip.Records;

public sealed record ReopenCaseFile(string? Reason);

public sealed record ReopenCaseFileCommand(Guid CaseFileId, Caller Caller, ReopenCaseFile Body);

public static class ReopenCaseFileHandler
{
    /// <summary>Only with a reason, and only while no retention stage has passed: once the active period has ended, never.</summary>
    public static Decision Decide(ReopenCaseFileCommand command, CaseFile? file, DateOnly today, DateTimeOffset now)
    {
        if (CaseFileRules.WorkRefusal(command.Caller, file, command.CaseFileId) is { } refused) return Decision.Refuse(refused);
        if (CaseFileRules.ReadOnlyRefusal(file) is { } readOnly) return Decision.Refuse(readOnly);
        if (CaseFileRules.ReasonRefusal(command.Body.Reason) is { } noReason) return Decision.Refuse(noReason);
        if (file!.Status != CaseFileStatus.Closed)
            return Decision.Refuse(Problems.Conflict($"Berkas {file.Number}/{file.Year} masih terbuka (the berkas is open; a duplicate request)."));
        if (file.ActiveUntil is { } activeUntil && today >= activeUntil)
            return Decision.Refuse(Problems.Conflict(
                $"Masa aktif berkas berakhir pada {activeUntil:dd-MM-yyyy}; berkas tidak dapat dibuka kembali (its active period has ended; it can no longer be reopened)."));
        return Decision.Accept(new CaseFileReopened(file.Id, CaseFileRules.Reason(command.Body.Reason)!, command.Caller.PersonId, command.Caller.Name, now));
    }

    public static async Task<Decision> Handle(ReopenCaseFileCommand command,
        [WriteAggregate(nameof(ReopenCaseFileCommand.CaseFileId), Required = false)] IEventStream<CaseFile> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var today = (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        var decision = Decide(command, stream.Aggregate, today, clock.GetUtcNow());
        CaseFileStreams.Append(session, stream, decision);
        return decision;
    }

    [WolverinePost("/api/case-files/{id}/reopen")]
    [Tags("Arsip")]
    [EndpointSummary("Reopen a closed berkas with a reason, before its active period has ended")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.CaseFiles)]
    public static async Task<IResult> Post(Guid id, ReopenCaseFile body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ReopenCaseFileCommand(id, caller, body), ct)).ToResult();
}
