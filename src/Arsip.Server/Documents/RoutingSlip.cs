using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Pdf;

namespace Arsip.Documents;

/// <summary>Supplied by the Dispositions module so this module does not reach into its documents.</summary>
public interface IDispositionTrees
{
    Task<IReadOnlyList<DispositionNode>> ForLetterAsync(IQuerySession session, Guid incomingLetterId, CancellationToken ct);
}

public static class RoutingSlipEndpoint
{
    [WolverineGet("/api/incoming-letters/{id}/routing-slip.pdf")]
    [Tags("Dokumen")]
    [EndpointSummary("The lembar disposisi of an incoming letter, with its dispositions so far; 410 once the letter is destroyed")]
    [Microsoft.AspNetCore.Mvc.ProducesResponseType<Microsoft.AspNetCore.Mvc.ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, IDispositionTrees dispositions, ILetterheads letterheads, ArsipClock clock, CancellationToken ct)
    {
        if (await session.LoadAsync<IncomingLetterView>(id, ct) is not { } letter || !LetterAccess.CanSee(caller, letter.AccessTokens))
            return Results.Problem(Problems.NotFound("Surat masuk", id));
        if (letter.Destroyed is { } tombstone) return Results.Problem(tombstone.Gone($"Lembar disposisi surat {letter.SenderLetterNumber}"));
        var pdf = RoutingSlipPdf.Render(new RoutingSlipDocument
        {
            Letterhead = await letterheads.ForAsync(session, caller.Agency, letter.RegisteredByUnitId, ct),
            AgendaNumber = $"{letter.AgendaNumber}/{letter.AgendaYear}",
            ReceivedOn = letter.ReceivedOn,
            LetterNumber = letter.SenderLetterNumber,
            LetterDate = letter.LetterDate,
            Origin = letter.Sender,
            Subject = letter.Subject,
            Security = LetterModels.Map(letter.SecurityLevel),
            Urgency = LetterModels.Map(letter.Urgency),
            Classification = letter.Classification,
            Dispositions = await dispositions.ForLetterAsync(session, id, ct),
            GeneratedAt = clock.GetUtcNow(),
        });
        return Results.File(pdf, "application/pdf", $"lembar-disposisi-{letter.AgendaYear}-{letter.AgendaNumber}.pdf");
    }
}
