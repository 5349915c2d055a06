using Arsip.Infrastructure;

namespace Arsip.ReferenceData;

public static class ListLetterNumberTemplatesEndpoint
{
    [WolverineGet("/api/letter-number-templates")]
    [Tags("Data referensi")]
    [EndpointSummary("The agency's letter number templates, one per kind of letter, with an example number each")]
    public static Task<IReadOnlyList<LetterNumberTemplateResponse>> Get(IQuerySession session, ArsipClock clock, CancellationToken ct) =>
        LetterNumberTemplateQueries.ListAsync(session, clock.Today, ct);
}

public static class LetterNumberTemplateQueries
{
    public static async Task<IReadOnlyList<LetterNumberTemplateResponse>> ListAsync(IQuerySession session, DateOnly today, CancellationToken ct)
    {
        var view = await session.LoadAsync<LetterNumberTemplatesView>(ReferenceDataStreams.LetterNumberTemplatesStream, ct);
        return [.. (view?.Templates.Values ?? Enumerable.Empty<LetterNumberTemplateEntry>()).OrderBy(t => t.Kind, StringComparer.Ordinal).Select(t => LetterNumberTemplateResponse.From(t, today))];
    }
}
