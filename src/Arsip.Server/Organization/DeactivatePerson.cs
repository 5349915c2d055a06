using Arsip.Infrastructure;

namespace Arsip.Organization;

public sealed record DeactivatePerson(string? Reason);

public sealed record DeactivatePersonCommand(Guid PersonId, Caller Caller, DeactivatePerson Body);

/// <summary>The account closes and every session and token ends at once; the record and history stay, as everything does.</summary>
public static class DeactivatePersonHandler
{
    public static Decision Decide(DeactivatePersonCommand command, Person? person, DateTimeOffset now, string newSessionStamp)
    {
        var reason = command.Body.Reason;
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
            return Decision.Refuse(Problems.BadRequest("reason", "Alasan wajib diisi, paling banyak 500 karakter (reason required, at most 500 characters)."));
        if (person is null) return Decision.Refuse(Problems.NotFound("Pegawai", command.PersonId));
        // the agency could otherwise be left with no one to manage it
        if (person.Id == command.Caller.PersonId)
            return Decision.Refuse(Problems.Conflict("Administrator tidak dapat menonaktifkan akunnya sendiri (an administrator cannot deactivate their own account)."));
        return person.DeactivatedAt is not null
            ? Decision.Accept()
            : Decision.Accept(new PersonDeactivated(person.Id, reason.Trim(), now), new SessionsEnded(person.Id, newSessionStamp, SessionEndReason.Deactivated, now));
    }

    public static Decision Handle(DeactivatePersonCommand command,
        [WriteAggregate(nameof(DeactivatePersonCommand.PersonId), Required = false)] IEventStream<Person> stream, ArsipClock clock)
    {
        return Decide(command, stream.Aggregate, clock.GetUtcNow(), Credentials.NewSessionStamp()).AppendTo(stream);
    }

    [WolverinePost("/api/organization/people/{id}/deactivation")]
    [Tags("Organisasi")]
    [EndpointSummary("Deactivate a person of the agency: no more sign-in, every session and token ends")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, DeactivatePerson body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new DeactivatePersonCommand(id, caller, body), ct)).ToResult();
}
