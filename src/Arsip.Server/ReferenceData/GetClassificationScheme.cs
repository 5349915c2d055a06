using Arsip.Infrastructure;

namespace Arsip.ReferenceData;

public sealed record ClassificationSchemeResponse(
    int Version, string? SourceName, string ImportedBy, DateTimeOffset ImportedAt, IReadOnlyList<ClassificationClass> Classes);

public static class GetClassificationSchemeEndpoint
{
    [WolverineGet("/api/classification")]
    [Tags("Data referensi")]
    [EndpointSummary("The agency's classification scheme: the current version, or ?version=N for an older one; ?q= picks the classes whose code starts with it or whose name contains it (at most 20)")]
    public static IResult Get(ClassificationSchemeResponse? scheme, int? version = null, string? q = null) =>
        scheme is null
            ? Results.Problem(Problems.NotFound("Skema klasifikasi versi", version?.ToString() ?? "terkini (current)"))
            : Results.Ok(q is null ? scheme : scheme with { Classes = ClassificationInScheme.Search(scheme.Classes, q) });

    /// <summary>Wolverine calls it before Get (a method named LoadAsync) and hands its result over.</summary>
    public static async Task<ClassificationSchemeResponse?> LoadAsync(IQuerySession session, int? version, CancellationToken ct)
    {
        var current = await session.LoadAsync<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream, ct);
        if (current is null || version > current.Version || version < 1) return null;
        if (version is null || version == current.Version)
            return new(current.Version, current.SourceName, current.ImportedBy, current.ImportedAt, current.Classes);

        var events = await session.Events.FetchStreamAsync(ReferenceDataStreams.ClassificationSchemeStream, version.Value, token: ct);
        return events.Select(e => e.Data).OfType<ClassificationSchemeImported>().LastOrDefault(e => e.Version == version) is { } old
            ? new(old.Version, old.SourceName, old.ImportedBy, old.ImportedAt, old.Classes)
            : null;
    }
}
