using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.Pdf;
using Microsoft.Net.Http.Headers;

namespace Arsip.Documents;

public sealed record LetterPdfFile(byte[] Bytes, string FileName, string? Sha256);

public static class OutgoingLetterPdfs
{
    /// <summary>A signed letter's stored bytes, never re-rendered; a draft's preview rendered now with the DRAF watermark.</summary>
    public static async Task<(LetterPdfFile? File, ProblemDetails? Problem)> ReadAsync(
        IQuerySession session, Caller caller, Guid id, IIssuedPdfStore pdfs, ILetterheads letterheads, ArsipClock clock, CancellationToken ct)
    {
        if (await OutgoingLetterQueries.VisibleAsync(session, caller, id, ct) is not { } letter) return (null, Problems.NotFound("Surat keluar", id));
        if (letter.Destroyed is { } tombstone) return (null, tombstone.Gone($"PDF surat {letter.LetterNumber}"));
        if (letter.IssuedPdfSha256 is { } sha256)
            return await pdfs.GetAsync(session, sha256, ct) is { } bytes
                ? (new LetterPdfFile(bytes, FileName(letter.LetterNumber ?? id.ToString()), sha256), null)
                : (null, Problems.NotFound("PDF surat keluar", id));
        if (letter.Status is not (OutgoingStatus.Draft or OutgoingStatus.InReview or OutgoingStatus.Approved))
            return (null, Problems.NotFound("PDF terbit (ditandatangani di atas kertas atau sebelum penerbitan elektronik)", id));
        var position = await session.LoadAsync<Position>(letter.SignatoryPositionId, ct);
        var letterhead = await letterheads.ForAsync(session, caller.Agency, position?.UnitId ?? letter.DraftedByUnitId, ct);
        var holder = await session.Query<Person>().FirstOrDefaultAsync(p => p.PositionId == letter.SignatoryPositionId, ct);
        var superiors = await SigningOnBehalf.SuperiorsAsync(session, position, letter.Content.Structure?.OnBehalf, ct);
        var preview = LetterPdf.Render(LetterModels.For(caller.Agency, letterhead, letter.Content, position, holder, null, clock.Today, clock.GetUtcNow(), null, isDraft: true, superiors));
        return (new LetterPdfFile(preview, FileName($"draf-{id}"), null), null);
    }

    internal static string FileName(string name) =>
        string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')) + ".pdf";
}

public static class GetOutgoingLetterPdfEndpoint
{
    [WolverineGet("/api/outgoing-letters/{id}/pdf")]
    [Tags("Dokumen")]
    [EndpointSummary("A signed letter's issued PDF/A (the stored bytes, never re-rendered); a draft's preview with the DRAF watermark; 410 once destroyed")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status410Gone, "application/problem+json")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IQuerySession session, IIssuedPdfStore pdfs, ILetterheads letterheads, ArsipClock clock, CancellationToken ct) =>
        await OutgoingLetterPdfs.ReadAsync(session, caller, id, pdfs, letterheads, clock, ct) switch
        {
            ({ Sha256: { } sha256 } file, _) => Results.File(file.Bytes, "application/pdf", file.FileName, entityTag: new EntityTagHeaderValue($"\"{sha256}\"")),
            ({ } file, _) => Results.File(file.Bytes, "application/pdf", file.FileName),
            (_, var problem) => Results.Problem(problem!),
        };
}
