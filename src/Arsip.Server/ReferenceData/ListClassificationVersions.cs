
namespace Arsip.ReferenceData;

public sealed record ClassificationVersionEntry(
    int Version, int Classes, string? SourceName, IReadOnlyList<RetentionChange> Shortened, string? Reason, string ImportedBy, DateTimeOffset ImportedAt);

public static class ListClassificationVersionsEndpoint
{
    [WolverineGet("/api/classification/versions")]
    [Tags("Data referensi")]
    [EndpointSummary("Every imported version of the classification scheme, oldest first, with who, when and any shortening's reason")]
    public static Task<IReadOnlyList<ClassificationVersionEntry>> Get(IQuerySession session, CancellationToken ct) => ClassificationVersions.ListAsync(session, ct);
}

public static class ClassificationVersions
{
    public static async Task<IReadOnlyList<ClassificationVersionEntry>> ListAsync(IQuerySession session, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(ReferenceDataStreams.ClassificationSchemeStream, token: ct);
        return [.. events.Select(e => e.Data).OfType<ClassificationSchemeImported>()
            .Select(e => new ClassificationVersionEntry(e.Version, e.Classes.Count, e.SourceName, e.Shortened, e.Reason, e.ImportedBy, e.ImportedAt))];
    }
}
