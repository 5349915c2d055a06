using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Organization;

public sealed record CreatePosition(string? Title, Guid? UnitId, Guid? ReportsTo, Role[]? Roles);

public sealed record CreatePositionCommand(Guid PositionId, CreatePosition Body);

public static class CreatePositionHandler
{
    public static Decision Decide(CreatePositionCommand command, bool unitExists, bool superiorExists)
    {
        var body = command.Body;
        if (string.IsNullOrWhiteSpace(body.Title))
            return Decision.Refuse(Problems.BadRequest("title", "Nama jabatan wajib diisi (title required)."));
        if (body.UnitId is not { } unitId || !unitExists)
            return Decision.Refuse(Problems.BadRequest("unitId", "Unit tidak ada (unit does not exist)."));
        if (body.ReportsTo is not null && !superiorExists)
            return Decision.Refuse(Problems.BadRequest("reportsTo", "Jabatan atasan tidak ada (superior position does not exist)."));
        return Decision.Accept(new PositionCreated(command.PositionId, body.Title.Trim(), unitId, body.ReportsTo, body.Roles?.Distinct().ToArray() ?? []));
    }

    public static async Task<Decision> Handle(CreatePositionCommand command, IDocumentSession session, CancellationToken ct)
    {
        var unitExists = command.Body.UnitId is { } unit && await session.LoadAsync<Unit>(unit, ct) is not null;
        var superiorExists = command.Body.ReportsTo is { } superior && await session.LoadAsync<Position>(superior, ct) is not null;
        var decision = Decide(command, unitExists, superiorExists);
        if (!decision.Refused) session.Events.StartStream<Position>(command.PositionId, decision.Events);
        return decision;
    }

    [WolverinePost("/api/organization/positions")]
    [Tags("Organisasi")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType<Created>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(CreatePosition body, [NotBody] Caller caller, IMessageBus bus, ArsipClock clock, CancellationToken ct)
    {
        var command = new CreatePositionCommand(Guid.CreateVersion7(clock.GetUtcNow()), body);
        return (await bus.InvokeForTenantAsync<Decision>(caller.Agency, command, ct))
            .ToResult(() => Results.Created($"/api/organization/positions/{command.PositionId}", new Created(command.PositionId)));
    }
}
