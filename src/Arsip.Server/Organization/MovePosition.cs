using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Organization;

public sealed record MovePosition(Guid? UnitId, Guid? ReportsTo);

public sealed record MovePositionCommand(Guid PositionId, MovePosition Body);

public static class MovePositionHandler
{
    public static Decision Decide(MovePositionCommand command, Position? position, bool unitExists, bool superiorExists)
    {
        if (position is null) return Decision.Refuse(Problems.NotFound("Jabatan", command.PositionId));
        var body = command.Body;
        if (body.UnitId is not { } unitId || !unitExists)
            return Decision.Refuse(Problems.BadRequest("unitId", "Unit tidak ada (unit does not exist)."));
        if (body.ReportsTo is { } superior && (superior == position.Id || !superiorExists))
            return Decision.Refuse(Problems.BadRequest("reportsTo", "Jabatan atasan tidak ada atau jabatan itu sendiri (superior missing or the position itself)."));
        return position.UnitId == unitId && position.ReportsTo == body.ReportsTo
            ? Decision.Accept()
            : Decision.Accept(new PositionMoved(position.Id, unitId, body.ReportsTo));
    }

    public static async Task<Decision> Handle(MovePositionCommand command,
        [WriteAggregate(nameof(MovePositionCommand.PositionId), Required = false)] IEventStream<Position> stream,
        IDocumentSession session, CancellationToken ct)
    {
        var unitExists = command.Body.UnitId is { } unit && await session.LoadAsync<Unit>(unit, ct) is not null;
        var superiorExists = command.Body.ReportsTo is { } superior && await session.LoadAsync<Position>(superior, ct) is not null;
        return Decide(command, stream.Aggregate, unitExists, superiorExists).AppendTo(stream);
    }

    [WolverinePut("/api/organization/positions/{id}/placement")]
    [Tags("Organisasi")]
    [EndpointSummary("Move a position to another unit or reporting line")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Put(Guid id, MovePosition body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new MovePositionCommand(id, body), ct)).ToResult();
}
