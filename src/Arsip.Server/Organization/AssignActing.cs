using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Organization;

public sealed record AssignActing(Guid? PositionId, ActingKind? Kind, DateOnly? From, DateOnly? Until);

public sealed record AssignActingCommand(Guid PersonId, AssignActing Body);

public static class AssignActingHandler
{
    public static Decision Decide(AssignActingCommand command, Person? person, Position? acted, IReadOnlyList<Person> othersActing)
    {
        if (command.Body is not { PositionId: { } position, Kind: { } kind, From: { } from, Until: { } until })
            return Decision.Refuse(Problems.BadRequest("positionId", "positionId, kind (Plt/Plh), from dan until wajib diisi (required)."));
        if (until < from) return Decision.Refuse(Problems.BadRequest("until", "Tanggal akhir sebelum tanggal mulai (until is before from)."));
        if (person is null) return Decision.Refuse(Problems.NotFound("Pegawai", command.PersonId));
        if (acted is null) return Decision.Refuse(Problems.BadRequest("positionId", "Jabatan tidak ada (position does not exist)."));
        if (person.Acting.Contains(new Acting(position, kind, from, until))) return Decision.Accept();
        // One acting official per position on any day: who signs and who receives for it must be unambiguous.
        if (othersActing.SelectMany(p => p.Acting.Where(a => a.PositionId == position && a.From <= until && from <= a.Until).Select(a => (p.FullName, a)))
                .FirstOrDefault() is ({ } holder, { } overlap))
            return Decision.Refuse(Problems.Conflict(
                $"{holder} sudah menjadi {overlap.Kind} {acted.Title} {overlap.From:dd-MM-yyyy} s.d. {overlap.Until:dd-MM-yyyy}; penugasan Plt/Plh " +
                "untuk satu jabatan tidak boleh tumpang tindih (overlaps an existing acting assignment for this position)."));
        return Decision.Accept(new ActingAssigned(person.Id, position, kind, from, until));
    }

    public static async Task<Decision> Handle(AssignActingCommand command,
        [WriteAggregate(nameof(AssignActingCommand.PersonId), Required = false)] IEventStream<Person> stream,
        IDocumentSession session, CancellationToken ct)
    {
        Position? acted = null;
        IReadOnlyList<Person> others = [];
        if (command.Body.PositionId is { } position)
        {
            acted = await session.LoadAsync<Position>(position, ct);
            others = await session.Query<Person>().Where(p => p.Acting.Any(a => a.PositionId == position)).ToListAsync(ct);
        }
        return Decide(command, stream.Aggregate, acted, others).AppendTo(stream);
    }

    [WolverinePost("/api/organization/people/{id}/acting")]
    [Tags("Organisasi")]
    [EndpointSummary("Let a person act (Plt/Plh) for another position between two dates")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, AssignActing body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new AssignActingCommand(id, body), ct)).ToResult();
}
