using Arsip.Infrastructure;

namespace Arsip.ReferenceData;

public sealed record LetterheadSummary(string Key, IReadOnlyList<string> NameLines, PaperSize PaperSize, string? EmblemContentType, long Version, DateTimeOffset SetAt);

public static class GetLetterheadsEndpoint
{
    [WolverineGet("/api/letterheads")]
    [Tags("Data referensi")]
    [EndpointSummary("The agency's letterheads (without emblem bytes): the agency's own first, then per unit")]
    public static Task<IReadOnlyList<LetterheadSummary>> List(IQuerySession session, CancellationToken ct) => LetterheadQueries.ListAsync(session, ct);

    [WolverineGet("/api/letterheads/{key}")]
    [Tags("Data referensi")]
    [EndpointSummary("One letterhead with its settings and emblem (base64)")]
    public static async Task<IResult> Get(string key, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<LetterheadView>(LetterheadView.StreamFor(key), ct) is { } view
            ? Results.Ok(LetterheadResponse.From(view))
            : Results.Problem(Problems.NotFound("Kop surat", key));

    [WolverineGet("/api/letterheads/{key}/emblem")]
    [Tags("Data referensi")]
    [EndpointSummary("The emblem image of a letterhead")]
    public static async Task<IResult> Emblem(string key, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<LetterheadView>(LetterheadView.StreamFor(key), ct) is { Letterhead: { Emblem: { } bytes, EmblemContentType: { } type } }
            ? Results.File(bytes, type)
            : Results.Problem(Problems.NotFound("Lambang kop surat", key));
}

public static class LetterheadQueries
{
    public static async Task<IReadOnlyList<LetterheadSummary>> ListAsync(IQuerySession session, CancellationToken ct)
    {
        var all = await session.Query<LetterheadView>().ToListAsync(ct);
        return [.. all.OrderBy(l => l.Key == Letterhead.AgencyKey ? 0 : 1).ThenBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new LetterheadSummary(l.Key, l.Letterhead.NameLines, l.Letterhead.PaperSize, l.Letterhead.EmblemContentType, l.Version, l.SetAt))];
    }
}
