using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.Pdf;
using Marten;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;

namespace Arsip.Documents;

public static class GetOutgoingLetterPdfEndpoint
{
    [WolverineGet("/api/outgoing-letters/{id}/pdf")]
    [Tags("Dokumen")]
    [EndpointSummary("A signed letter's issued PDF/A (the stored bytes, never re-rendered); a draft's preview with the DRAF watermark")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, IIssuedPdfStore pdfs, ILetterheads letterheads, ArsipClock clock, CancellationToken ct)
    {
        if (await session.LoadAsync<OutgoingLetterView>(id, ct) is not { } letter || !LetterAccess.CanSee(caller, letter.AccessTokens))
            return Results.Problem(Problems.NotFound("Surat keluar", id));

        if (letter.IssuedPdfSha256 is { } sha256)
        {
            var bytes = await pdfs.GetAsync(session, sha256, ct);
            return bytes is null
                ? Results.Problem(Problems.NotFound("PDF surat keluar", id))
                : Results.File(bytes, "application/pdf", FileName(letter.LetterNumber ?? id.ToString()), entityTag: new EntityTagHeaderValue($"\"{sha256}\""));
        }

        if (letter.Status is not (OutgoingStatus.Draft or OutgoingStatus.InReview or OutgoingStatus.Approved))
            return Results.Problem(Problems.NotFound("PDF terbit (ditandatangani di atas kertas atau sebelum penerbitan elektronik)", id));

        var position = await session.LoadAsync<Position>(letter.SignatoryPositionId, ct);
        var letterhead = await letterheads.ForAsync(session, caller.Agency, position?.UnitId ?? letter.DraftedByUnitId, ct);
        var holder = await session.Query<Person>().FirstOrDefaultAsync(p => p.PositionId == letter.SignatoryPositionId, ct);
        var preview = LetterPdf.Render(LetterModels.For(caller.Agency, letterhead, letter.Content, position, holder, null, clock.Today, clock.GetUtcNow(), null, isDraft: true));
        return Results.File(preview, "application/pdf", FileName($"draf-{id}"));
    }

    internal static string FileName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')) + ".pdf";
}
