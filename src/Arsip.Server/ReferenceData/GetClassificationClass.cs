using Arsip.Correspondence;
using Arsip.Infrastructure;

namespace Arsip.ReferenceData;

public sealed record ClassificationClassResponse(
    int Version, ClassificationClass Class, IReadOnlyList<ClassificationClass> Ancestors, IReadOnlyList<ClassificationClass> Children);

public static class GetClassificationClassEndpoint
{
    [WolverineGet("/api/classification/{code}")]
    [Tags("Data referensi")]
    [EndpointSummary("One class of the classification scheme with its ancestors (top level first) and children")]
    public static async Task<IResult> Get(string code, IQuerySession session, CancellationToken ct, int? version = null)
    {
        var scheme = await GetClassificationSchemeEndpoint.LoadAsync(session, version, ct);
        return scheme is not null && Find(scheme, code) is { } found
            ? Results.Ok(found)
            : Results.Problem(Problems.NotFound("Kode klasifikasi", code));
    }

    public static ClassificationClassResponse? Find(ClassificationSchemeResponse scheme, string code)
    {
        var byCode = scheme.Classes.ToDictionary(c => c.Code);
        if (!byCode.TryGetValue(code.Trim(), out var found)) return null;
        return new(scheme.Version, found,
            [.. ClassificationCode.AncestorsOf(found.Code).Select(a => byCode.GetValueOrDefault(a)).OfType<ClassificationClass>()],
            [.. scheme.Classes.Where(c => c.Parent == found.Code)]);
    }
}
