using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Marten;
using Wolverine.Http;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Correspondence;

public sealed record GrantLetterAccess(Guid? PersonId, string? Reason);

public static class GrantLetterAccessEndpoint
{
    [WolverinePost("/api/incoming-letters/{id}/grants")]
    [Tags("Akses")]
    [EndpointSummary("Give one person explicit access to a letter (with a reason); only someone who sees it by its addressing or chain may grant")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, GrantLetterAccess request, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        if (request.PersonId is not { } personId || string.IsNullOrWhiteSpace(request.Reason))
            return Results.Problem(Problems.BadRequest("personId", "personId dan alasan wajib diisi (person and reason required)."));
        var stream = await session.Events.FetchForWriting<IncomingLetter>(id, ct);
        var letter = await session.LoadAsync<IncomingLetterView>(id, ct);
        if (stream.Aggregate is null || letter is null || !LetterAccess.CanSee(caller, letter.AccessTokens))
            return Results.Problem(Problems.NotFound("Surat masuk", id));
        // Holding the letter through a position (addressee, copy, chain) is what lets one pass it on; a grant is not re-grantable.
        if (!caller.Positions.Any(p => letter.AccessTokens.Contains(LetterAccess.PositionToken(p))))
            return Results.Problem(Problems.Forbidden(
                "Hanya pemegang jabatan tujuan, tembusan atau rantai disposisi yang dapat memberi akses (only the letter's addressed, copied or disposition positions may grant)."));
        if (await session.LoadAsync<Person>(personId, ct) is not { } person)
            return Results.Problem(Problems.BadRequest("personId", "Pegawai tidak ada di instansi ini (no such person in this agency)."));
        if (letter.GrantedPersonIds.Contains(personId)) return Results.NoContent();

        stream.AppendOne(new LetterAccessGranted(id, personId, person.FullName, request.Reason.Trim(), caller.PersonId, caller.Name, clock.GetUtcNow()));
        return Results.NoContent();
    }
}
