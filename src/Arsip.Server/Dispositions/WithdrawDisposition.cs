using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Dispositions;

public sealed record WithdrawDisposition(string? Reason = null);

public sealed record WithdrawDispositionCommand(Guid DispositionId, Caller Caller, WithdrawDisposition Body);

public static class WithdrawDispositionHandler
{
    public static Decision Decide(WithdrawDispositionCommand command, Disposition? d, bool visible, DateTimeOffset now)
    {
        if (d is null || !visible) return Decision.Refuse(Problems.NotFound("Disposisi", command.DispositionId));
        var caller = command.Caller;
        if (!DispositionAccess.IsIssuer(caller, d))
            return Decision.Refuse(DispositionProblems.Forbidden("Hanya pemberi disposisi yang dapat menariknya (only the issuer withdraws)."));
        if (d.State != DispositionState.Open) return Decision.Refuse(DispositionProblems.Ended(d));
        if (d.AnyRecipientActed)
            return Decision.Refuse(Problems.Conflict("Disposisi sudah dibaca penerima dan tidak dapat ditarik (a recipient has read it; it can no longer be withdrawn)."));
        var reason = command.Body.Reason;
        return Decision.Accept(new DispositionWithdrawn(d.Id, caller.PersonId, caller.Name, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), d.RecipientPositionIds, now));
    }

    public static async Task<Decision> Handle(WithdrawDispositionCommand command,
        [WriteAggregate(nameof(WithdrawDispositionCommand.DispositionId), Required = false)] IEventStream<Disposition> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var visible = await DispositionAccess.CanSeeAsync(session, command.Caller, stream.Aggregate, ct);
        return Decide(command, stream.Aggregate, visible, clock.GetUtcNow()).AppendTo(stream);
    }

    [WolverinePost("/api/dispositions/{id}/withdraw")]
    [Tags("Disposisi")]
    [EndpointSummary("The issuer withdraws a disposition, only while no recipient has read it")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize(Policy = Policies.Official)]
    public static async Task<IResult> Post(Guid id, WithdrawDisposition body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new WithdrawDispositionCommand(id, caller, body), ct)).ToResult();
}
