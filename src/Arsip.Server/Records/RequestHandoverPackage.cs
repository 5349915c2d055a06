namespace Arsip.Records;

public sealed record RequestHandoverPackageCommand(Guid HandoverId, Caller Caller);

public sealed record HandoverPackageRequest(HandoverStatus Status, int Done, int Total, string Message);

public static class RequestHandoverPackageHandler
{
    /// <summary>Starts (again) the build of an approved handover's package, e.g. after a crash; a build already running elsewhere makes the
    /// new one stop at once. A package already built: nothing happens, and the answer says so.</summary>
    public static Decision Decide(RequestHandoverPackageCommand command, HandoverProposal? handover)
    {
        if (handover is null) return Decision.Refuse(Problems.NotFound("Penyerahan", command.HandoverId));
        if (!HandoverRules.MayHandle(command.Caller))
            return Decision.Refuse(Problems.Forbidden("Paket penyerahan dibuat oleh arsiparis atau administrator (only archivists and administrators build the package)."));
        if (handover.Status == HandoverStatus.Proposed)
            return Decision.Refuse(Problems.Conflict($"Penyerahan {handover.Label} belum disetujui kepala instansi (not approved yet)."));
        return Decision.Accept();
    }

    public static async Task<Outcome<HandoverPackageRequest>> Handle(RequestHandoverPackageCommand command, IDocumentSession session, IMessageContext messages, CancellationToken ct)
    {
        var handover = await session.LoadAsync<HandoverProposal>(command.HandoverId, ct);
        var decision = Decide(command, handover);
        if (decision.Refused) return new(decision, null);
        if (handover!.Status is HandoverStatus.Built or HandoverStatus.Accepted)
            return new(decision, new(handover.Status, handover.Total, handover.Total, "Paket sudah selesai dibuat; tidak ada yang dikerjakan (the package is already built; nothing done)."));
        await messages.PublishAsync(new BuildHandoverPackage(command.Caller.Agency, handover.Id));
        return new(decision, new(handover.Status, handover.Done, handover.Total, "Pembuatan paket dijalankan (the build was started; see its progress)."));
    }

    [WolverinePost("/api/handovers/{id}/package")]
    [Tags("Arsip")]
    [EndpointSummary("(Re)start building an approved handover's package (202); when it is already built, 200 and nothing is done")]
    [ProducesResponseType<HandoverPackageRequest>(StatusCodes.Status200OK)]
    [ProducesResponseType<HandoverPackageRequest>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<HandoverPackageRequest>>(caller.Agency, new RequestHandoverPackageCommand(id, caller), ct);
        return outcome.Decision.ToResult(() => outcome.Value!.Status is HandoverStatus.Built or HandoverStatus.Accepted
            ? Results.Ok(outcome.Value)
            : Results.Json(outcome.Value, statusCode: StatusCodes.Status202Accepted));
    }
}
