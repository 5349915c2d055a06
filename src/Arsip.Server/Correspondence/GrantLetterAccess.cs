using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;

namespace Arsip.Correspondence;

public sealed record GrantLetterAccess(Guid? PersonId, string? Reason);

public sealed record GrantLetterAccessCommand(Guid LetterId, Caller Caller, GrantLetterAccess Body);

public static class GrantLetterAccessHandler
{
    public static Decision Decide(GrantLetterAccessCommand command, IncomingLetterView? letter, bool visible, Person? person, DateTimeOffset now)
    {
        var (request, caller) = (command.Body, command.Caller);
        if (request.PersonId is not { } personId || string.IsNullOrWhiteSpace(request.Reason))
            return Decision.Refuse(Problems.BadRequest("personId", "personId dan alasan wajib diisi (person and reason required)."));
        if (letter is null || !visible) return Decision.Refuse(Problems.NotFound("Surat masuk", command.LetterId));
        // Holding the letter through a position (addressee, copy, chain) is what lets one pass it on; a grant is not re-grantable.
        if (!caller.Positions.Any(p => letter.AccessTokens.Contains(LetterAccess.PositionToken(p))))
            return Decision.Refuse(Problems.Forbidden(
                "Hanya pemegang jabatan tujuan, tembusan atau rantai disposisi yang dapat memberi akses (only the letter's addressed, copied or disposition positions may grant)."));
        if (person is null || person.Id != personId)
            return Decision.Refuse(Problems.BadRequest("personId", "Pegawai tidak ada di instansi ini (no such person in this agency)."));
        if (letter.GrantedPersonIds.Contains(personId)) return Decision.Accept();
        return Decision.Accept(new LetterAccessGranted(command.LetterId, personId, person.FullName, request.Reason.Trim(), caller.PersonId, caller.Name, now));
    }

    public static async Task<Decision> Handle(GrantLetterAccessCommand command,
        [WriteAggregate(nameof(GrantLetterAccessCommand.LetterId), Required = false)] IEventStream<IncomingLetter> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var letter = stream.Aggregate is null ? null : await session.LoadAsync<IncomingLetterView>(command.LetterId, ct);
        var person = command.Body.PersonId is { } personId ? await session.LoadAsync<Person>(personId, ct) : null;
        return Decide(command, letter, letter is not null && LetterAccess.CanSee(command.Caller, letter.AccessTokens), person, clock.GetUtcNow()).AppendTo(stream);
    }

    [WolverinePost("/api/incoming-letters/{id}/grants")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [Tags("Akses")]
    [EndpointSummary("Give one person explicit access to a letter (with a reason); only someone who sees it by its addressing or chain may grant")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Post(Guid id, GrantLetterAccess request, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new GrantLetterAccessCommand(id, caller, request), ct)).ToResult();
}
