using Arsip.Infrastructure;
using Arsip.Organization;

namespace Arsip.Access;

public sealed record RevokeApiTokenCommand(Caller Caller, Guid TokenId)
{
    public Guid PersonId => Caller.PersonId;
}

public static class RevokeApiTokenHandler
{
    public static Decision Decide(RevokeApiTokenCommand command, Person? person, DateTimeOffset now) =>
        person?.Tokens.FirstOrDefault(t => t.Id == command.TokenId) switch
        {
            null => Decision.Refuse(Problems.NotFound("Token", command.TokenId)),
            { RevokedAt: not null } => Decision.Accept(),
            _ => Decision.Accept(new ApiTokenRevoked(command.Caller.PersonId, command.TokenId, now)),
        };

    public static Decision Handle(RevokeApiTokenCommand command,
        [WriteAggregate(nameof(RevokeApiTokenCommand.PersonId), Required = false)] IEventStream<Person> stream, ArsipClock clock)
    {
        return Decide(command, stream.Aggregate, clock.GetUtcNow()).AppendTo(stream);
    }

    [WolverineDelete("/api/me/tokens/{id}")]
    [Tags("Akses")]
    [EndpointSummary("Revoke one of the caller's API tokens")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Delete(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RevokeApiTokenCommand(caller, id), ct)).ToResult();
}
