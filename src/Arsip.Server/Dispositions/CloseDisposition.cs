using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Dispositions;

public sealed record CloseDispositionCommand(Guid DispositionId, Caller Caller);

public static class CloseDispositionHandler
{
    public static Decision Decide(CloseDispositionCommand command, Disposition? d, bool visible, DateTimeOffset now)
    {
        if (d is null || !visible) return Decision.Refuse(Problems.NotFound("Disposisi", command.DispositionId));
        var caller = command.Caller;
        if (!DispositionAccess.IsIssuer(caller, d))
            return Decision.Refuse(DispositionProblems.Forbidden("Hanya pemberi disposisi yang dapat menutupnya (only the issuer closes)."));
        if (d.State != DispositionState.Open) return Decision.Refuse(DispositionProblems.Ended(d));
        if (!d.WorkDone)
            return Decision.Refuse(Problems.Conflict(d.Recipients.Any(r => r.Lead)
                ? "Penanggung jawab belum melaporkan selesai (the lead has not reported done)."
                : "Belum semua penerima melaporkan selesai (not every recipient has reported done)."));
        return Decision.Accept(new DispositionClosed(d.Id, caller.PersonId, caller.Name, d.RecipientPositionIds, now));
    }

    public static async Task<Decision> Handle(CloseDispositionCommand command,
        [WriteAggregate(nameof(CloseDispositionCommand.DispositionId), Required = false)] IEventStream<Disposition> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var visible = await DispositionAccess.CanSeeAsync(session, command.Caller, stream.Aggregate, ct);
        return Decide(command, stream.Aggregate, visible, clock.GetUtcNow()).AppendTo(stream);
    }

    [WolverinePost("/api/dispositions/{id}/close")]
    [Tags("Disposisi")]
    [EndpointSummary("The issuer closes a disposition once the lead (or every recipient, when there is no lead) has reported done")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Official)]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new CloseDispositionCommand(id, caller), ct)).ToResult();
}
