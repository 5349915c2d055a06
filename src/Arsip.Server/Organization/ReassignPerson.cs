using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Organization;

public sealed record ReassignPerson(Guid? PositionId);

public sealed record ReassignPersonCommand(Guid PersonId, ReassignPerson Body);

public static class ReassignPersonHandler
{
    public static Decision Decide(ReassignPersonCommand command, Person? person, bool positionExists, DateOnly today)
    {
        if (person is null) return Decision.Refuse(Problems.NotFound("Pegawai", command.PersonId));
        if (command.Body.PositionId is not { } positionId || !positionExists)
            return Decision.Refuse(Problems.BadRequest("positionId", "Jabatan tidak ada (position does not exist)."));
        return person.PositionId == positionId ? Decision.Accept() : Decision.Accept(new PersonAssigned(person.Id, positionId, today));
    }

    public static async Task<Decision> Handle(ReassignPersonCommand command,
        [WriteAggregate(nameof(ReassignPersonCommand.PersonId), Required = false)] IEventStream<Person> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var positionExists = command.Body.PositionId is { } position && await session.LoadAsync<Position>(position, ct) is not null;
        return Decide(command, stream.Aggregate, positionExists, clock.Today).AppendTo(stream);
    }

    [WolverinePut("/api/organization/people/{id}/position")]
    [Tags("Organisasi")]
    [EndpointSummary("Reassign a person to another position from today")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Put(Guid id, ReassignPerson body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ReassignPersonCommand(id, body), ct)).ToResult();
}
