using Arsip.Correspondence;
using Marten.Services.BatchQuerying;

namespace Arsip.ReferenceData;

/// <summary>Catches a slip such as 999.9.9.9 at the desk; an agency without an imported scheme accepts any well-formed code, so registering never waits for reference data.</summary>
public static class ClassificationInScheme
{
    public const int SuggestionCount = 5;

    /// <summary>The agency's scheme if it lacks the code, else nothing: one indexed containment test in the registration's
    /// batch, and the scheme read only when a refusal needs it. SQL rather than LINQ: parsing the expression cost more CPU
    /// than the rest of the batch (issue #24's profile).</summary>
    public static Task<IReadOnlyList<ClassificationSchemeView>> SchemeLackingAsync(IBatchedQuery batch, string tenant, string code) =>
        batch.Query<ClassificationSchemeView>("where tenant_id = ? and not data -> 'Classes' @> ?::jsonb",
            tenant, System.Text.Json.JsonSerializer.Serialize(new[] { new { Code = code } }));

    public static async Task<ProblemDetails?> RefusalAsync(IQuerySession session, string code, CancellationToken ct)
    {
        var scheme = await session.LoadAsync<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream, ct);
        return Refusal(scheme?.Classes, code.Trim());
    }

    public static ProblemDetails? Refusal(IReadOnlyList<ClassificationClass>? classes, string code)
    {
        if (classes is null || classes.Any(c => c.Code == code)) return null;
        var nearest = Nearest(classes, code);
        var named = string.Join(", ", nearest.Select(c => $"{c.Code} {c.Name}"));
        var message = nearest.Count == 0
            ? $"Kode klasifikasi {code} tidak ada dalam skema klasifikasi instansi (not in the agency's classification scheme)."
            : $"Kode klasifikasi {code} tidak ada dalam skema klasifikasi instansi; yang terdekat: {named} (not in the agency's classification scheme; the nearest are listed).";
        return new ValidationProblemDetails(new Dictionary<string, string[]> { ["classification"] = [message] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Kode klasifikasi tidak dikenal (unknown classification code)",
            Extensions = { ["suggestions"] = nearest.Select(c => new ClassificationSuggestion(c.Code, c.Name)).ToList() },
        };
    }

    /// <summary>Those sharing the most leading groups, the shallower first (the family the code was meant for), then the most leading characters; with nothing in common, the top-level classes.</summary>
    public static IReadOnlyList<ClassificationClass> Nearest(IReadOnlyList<ClassificationClass> classes, string code, int count = SuggestionCount)
    {
        var groups = code.Split('.');
        return classes
            .Select((c, index) => (Class: c, Index: index, Groups: CommonGroups(groups, c.Code.Split('.')), Chars: CommonChars(code, c.Code)))
            .OrderByDescending(x => x.Groups).ThenBy(x => x.Class.Code.Count(ch => ch == '.')).ThenByDescending(x => x.Chars).ThenBy(x => x.Index)
            .Take(count)
            .Select(x => x.Class)
            .ToList();
    }

    public static IReadOnlyList<ClassificationClass> Search(IReadOnlyList<ClassificationClass> classes, string query, int count = 20)
    {
        var q = query.Trim();
        if (q.Length == 0) return [.. classes.Take(count)];
        return classes.Where(c => c.Code.StartsWith(q, StringComparison.Ordinal))
            .Concat(classes.Where(c => !c.Code.StartsWith(q, StringComparison.Ordinal) && c.Name.Contains(q, StringComparison.OrdinalIgnoreCase)))
            .Take(count)
            .ToList();
    }

    private static int CommonGroups(string[] a, string[] b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }

    private static int CommonChars(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }
}

public sealed record ClassificationSuggestion(string Code, string Name);
