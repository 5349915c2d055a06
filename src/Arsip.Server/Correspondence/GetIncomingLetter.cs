using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Correspondence;

public static class GetIncomingLetterEndpoint
{
    [WolverineGet("/api/incoming-letters/{id}")]
    [Tags("Surat masuk")]
    [EndpointSummary("One incoming letter as registered (404 when it does not exist or is not visible to the caller)")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, IMessageBus bus, ArsipClock clock, CancellationToken ct)
    {
        if (await session.LoadAsync<IncomingLetterView>(id, ct) is not { } letter || !LetterAccess.CanSee(caller, letter.AccessTokens))
            return Results.Problem(Problems.NotFound("Surat masuk", id));
        if (LetterAccess.IsSecret(letter.SecurityLevel))
            await bus.PublishAsync(new SecretLetterRead(id, caller.PersonId, caller.Name, caller.Positions.ToArray(), clock.GetUtcNow()));
        if (DeliveredLetterReads.Counts(caller, letter)) await bus.PublishAsync(DeliveredLetterReads.Of(caller, id, clock.GetUtcNow()), new DeliveryOptions { TenantId = caller.Agency });
        return Results.Ok(letter);
    }
}
