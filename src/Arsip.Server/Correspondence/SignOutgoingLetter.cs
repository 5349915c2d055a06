using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Arsip.Correspondence;

public sealed record SignOutgoingLetterResponse(Guid Id, string LetterNumber);

public static class SignOutgoingLetterEndpoint
{
    [WolverinePost("/api/outgoing-letters/{id}/sign")]
    [Tags("Surat keluar")]
    [EndpointSummary("The signatory signs; the letter number is issued now, gapless per agency, kind and year, under the signing unit's code, with its PDF/A and verification code")]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, ILetterIssuer issuer, CancellationToken ct)
    {
        if (await OutgoingLetterWorkflow.LoadVisibleAsync(session, id, caller, ct) is not { Aggregate: { } letter } stream)
            return OutgoingLetterWorkflow.NotFound(id);
        if (letter.CanSign(caller) is { } refused) return OutgoingLetterWorkflow.Refuse(refused);

        var today = clock.Today;
        var unitCode = await LetterNumbers.SigningUnitCodeAsync(session, letter.SignatoryPositionId, ct) ?? letter.DraftedByUnitCode;
        var (number, sequence) = await LetterNumbers.IssueAsync(
            session, letter.Content.Kind, letter.Content.Classification, unitCode, letter.Content.SecurityLevel, today, ct);
        var signed = new OutgoingLetterSigned(id, letter.DraftVersion, letter.SignatoryPositionId, caller.PersonId, caller.Name, number, sequence, today.Year, today, clock.GetUtcNow());
        stream.AppendOne(signed);
        stream.AppendOne(await issuer.IssueAsync(session, letter, signed, ct));
        return Results.Ok(new SignOutgoingLetterResponse(id, number));
    }
}

public sealed record ReserveLetterNumber(DraftOutgoingLetter Letter, DateOnly? LetterDate);

[Authorize(Policy = Policies.Registrar)]
public static class ReserveLetterNumberEndpoint
{
    [WolverinePost("/api/outgoing-letters/reservations")]
    [Tags("Surat keluar")]
    [EndpointSummary("Reserve the next number for a letter signed on paper; attach its scan afterwards")]
    public static async Task<IResult> Post(ReserveLetterNumber request, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        if (request.Letter is null) return Results.Problem(Problems.BadRequest("letter", "Data surat wajib diisi (letter required)."));
        if (await DraftOutgoingLetterEndpoint.ValidateAsync(request.Letter, session, ct) is { } invalid && !ReferenceEquals(invalid, WolverineContinue.NoProblems))
            return Results.Problem(invalid);
        var date = request.LetterDate ?? clock.Today;
        if (date > clock.Today) return Results.Problem(Problems.BadRequest("letterDate", "Tanggal surat tidak boleh di masa depan (letter date is in the future)."));

        var unit = caller.Units.Count > 0 ? await session.LoadAsync<Unit>(caller.Units[0], ct) : null;
        var content = request.Letter.Content;
        var unitCode = await LetterNumbers.SigningUnitCodeAsync(session, request.Letter.SignatoryPositionId!.Value, ct) ?? unit?.Code;
        var (number, sequence) = await LetterNumbers.IssueAsync(session, content.Kind, content.Classification, unitCode, content.SecurityLevel, date, ct);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        session.Events.StartStream<OutgoingLetter>(id, new OutgoingLetterNumberReserved(
            id, content, request.Letter.SignatoryPositionId!.Value, number, sequence, date.Year, date, caller.PersonId, caller.Name, unit?.Id, now));
        return Results.Created($"/api/outgoing-letters/{id}", new SignOutgoingLetterResponse(id, number));
    }
}
