namespace Arsip.Onboarding;

public sealed record SuspendAgency(string? Reason);

public sealed record SuspendAgencyCommand(string AgencyId, SuspendAgency Body, string By)
{
    public Guid StreamId => AgencyStreams.For(AgencyId);
}

/// <summary>Sign-ins, cookies and API tokens of the agency stop at the next request; every record stays.</summary>
public static class SuspendAgencyHandler
{
    public static Decision Decide(SuspendAgencyCommand command, RegisteredAgency? agency, DateTimeOffset now)
    {
        if (agency is null) return Decision.Refuse(Problems.NotFound("Instansi", command.AgencyId));
        var reason = command.Body.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500)
            return Decision.Refuse(Problems.BadRequest("reason", "Alasan penangguhan wajib diisi, paling panjang 500 karakter (a reason of at most 500 characters is required)."));
        if (agency.Suspended) return Decision.Refuse(Problems.Conflict($"Instansi {agency.AgencyId} sudah ditangguhkan (already suspended)."));
        return Decision.Accept(new AgencySuspended(agency.AgencyId, reason, command.By, now));
    }

    public static Decision Handle(SuspendAgencyCommand command,
        [WriteAggregate(nameof(SuspendAgencyCommand.StreamId), Required = false)] IEventStream<RegisteredAgency> stream, ArsipClock clock) =>
        Decide(command, stream.Aggregate, clock.GetUtcNow()).AppendTo(stream);

    [WolverinePost("/api/agencies/{id}/suspension")]
    [Tags("Instansi")]
    [EndpointSummary("Suspend an agency: its sign-ins and API tokens stop at once, its records stay (installation operator)")]
    [Authorize(Policy = Policies.Operator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(string id, SuspendAgency body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(Installation.Tenant, new SuspendAgencyCommand(id, body, caller.Name), ct)).ToResult();
}

public sealed record ReactivateAgencyCommand(string AgencyId, string By)
{
    public Guid StreamId => AgencyStreams.For(AgencyId);
}

public static class ReactivateAgencyHandler
{
    public static Decision Decide(ReactivateAgencyCommand command, RegisteredAgency? agency, DateTimeOffset now)
    {
        if (agency is null) return Decision.Refuse(Problems.NotFound("Instansi", command.AgencyId));
        if (!agency.Suspended) return Decision.Refuse(Problems.Conflict($"Instansi {agency.AgencyId} tidak sedang ditangguhkan (not suspended)."));
        return Decision.Accept(new AgencyReactivated(agency.AgencyId, command.By, now));
    }

    public static Decision Handle(ReactivateAgencyCommand command,
        [WriteAggregate(nameof(ReactivateAgencyCommand.StreamId), Required = false)] IEventStream<RegisteredAgency> stream, ArsipClock clock) =>
        Decide(command, stream.Aggregate, clock.GetUtcNow()).AppendTo(stream);

    [WolverineDelete("/api/agencies/{id}/suspension")]
    [Tags("Instansi")]
    [EndpointSummary("Reactivate a suspended agency (installation operator)")]
    [Authorize(Policy = Policies.Operator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Delete(string id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(Installation.Tenant, new ReactivateAgencyCommand(id, caller.Name), ct)).ToResult();
}
