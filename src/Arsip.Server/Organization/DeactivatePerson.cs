using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Arsip.Organization;

public sealed record DeactivatePerson(string? Reason);

/// <summary>
/// An administrator closes a person's account (left the agency, retired, a stolen password): the person can no
/// longer sign in, every cookie session of theirs ends at once and their API tokens stop working. Their record
/// and history stay, as everything does.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public static class DeactivatePersonEndpoint
{
    [WolverinePost("/api/organization/people/{id}/deactivation")]
    [Tags("Organisasi")]
    [EndpointSummary("Deactivate a person of the agency: no more sign-in, every session and token ends")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, DeactivatePerson command, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock)
    {
        if (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Length > 500)
            return Results.Problem(Problems.BadRequest("reason", "Alasan wajib diisi, paling banyak 500 karakter (reason required, at most 500 characters)."));
        if (await session.LoadAsync<Person>(id) is not { } person) return Results.Problem(Problems.NotFound("Pegawai", id));
        if (RefusalOf(person, caller) is { } refused) return Results.Problem(refused);

        var events = Decide(person, command.Reason.Trim(), Credentials.NewSessionStamp(), clock.GetUtcNow());
        if (events.Length == 0) return Results.NoContent();
        session.Events.Append(id, events);
        await session.SaveChangesAsync();
        return Results.NoContent();
    }

    /// <summary>An administrator may not close their own account: the agency could be left with no one to manage it.</summary>
    public static ProblemDetails? RefusalOf(Person person, Caller caller) => person.Id == caller.PersonId
        ? Problems.Conflict("Administrator tidak dapat menonaktifkan akunnya sendiri (an administrator cannot deactivate their own account).")
        : null;

    /// <summary>Deactivated once; a second request changes nothing.</summary>
    public static object[] Decide(Person person, string reason, string newSessionStamp, DateTimeOffset now) => person.DeactivatedAt is not null
        ? []
        : [new PersonDeactivated(person.Id, reason, now), new SessionsEnded(person.Id, newSessionStamp, SessionEndReason.Deactivated, now)];
}
