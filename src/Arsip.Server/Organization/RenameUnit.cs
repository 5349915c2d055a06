using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Organization;

public sealed record RenameUnit(string? Name, string? Reason);

public sealed record RenameUnitCommand(Guid UnitId, RenameUnit Body);

public static class RenameUnitHandler
{
    public static Decision Decide(RenameUnitCommand command, Unit? unit)
    {
        var body = command.Body;
        if (string.IsNullOrWhiteSpace(body.Name) || string.IsNullOrWhiteSpace(body.Reason))
            return Decision.Refuse(Problems.BadRequest("name", "Nama baru dan alasan wajib diisi (new name and reason required)."));
        if (unit is null) return Decision.Refuse(Problems.NotFound("Unit", command.UnitId));
        var name = body.Name.Trim();
        return unit.Name == name ? Decision.Accept() : Decision.Accept(new UnitRenamed(unit.Id, name, body.Reason.Trim()));
    }

    public static Decision Handle(RenameUnitCommand command,
        [WriteAggregate(nameof(RenameUnitCommand.UnitId), Required = false)] IEventStream<Unit> stream)
    {
        return Decide(command, stream.Aggregate).AppendTo(stream);
    }

    [WolverinePut("/api/organization/units/{id}/name")]
    [Tags("Organisasi")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Put(Guid id, RenameUnit body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RenameUnitCommand(id, body), ct)).ToResult();
}
