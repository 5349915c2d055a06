using System.Collections.Concurrent;
using Arsip.Organization;
using Arsip.Search;
using Marten.Events.Aggregation;

namespace Arsip.Searching;

/// <summary>A new version of the agency's own acronym and synonym list (the bundled list and its units' codes always apply too).</summary>
public sealed record VocabularyListImported(
    int Version, IReadOnlyList<ExpansionEntry> Entries, string? SourceName, string ImportedBy, DateTimeOffset ImportedAt);

/// <summary>The agency's current list (one document per agency).</summary>
public sealed class VocabularyView
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public List<ExpansionEntry> Entries { get; set; } = [];
    public string? SourceName { get; set; }
    public string ImportedBy { get; set; } = "";
    public DateTimeOffset ImportedAt { get; set; }

    public static VocabularyView From(Guid id, VocabularyListImported e) => new()
    {
        Id = id, Version = e.Version, Entries = [.. e.Entries], SourceName = e.SourceName, ImportedBy = e.ImportedBy, ImportedAt = e.ImportedAt,
    };
}

public sealed partial class VocabularyProjection : SingleStreamProjection<VocabularyView, Guid>
{
    public VocabularyView Create(IEvent<VocabularyListImported> e) => VocabularyView.From(e.StreamId, e.Data);

    public VocabularyView Apply(IEvent<VocabularyListImported> e, VocabularyView _) => VocabularyView.From(e.StreamId, e.Data);
}

public static class VocabularyStreams
{
    /// <summary>The same id in every tenant; tenants keep the lists apart.</summary>
    public static readonly Guid Stream = new("0193a000-0000-7000-8000-000000000025");
}

/// <summary>
/// What a search of one agency expands with: the bundled list, the agency's list and its units' codes and heads'
/// titles. Built once and kept for <see cref="MaxAge"/> (a unit renamed shows within that), dropped at once on this node
/// when the agency uploads a list. A change costs a rebuild of this set (milliseconds), never of the index: expansion
/// happens at query time.
/// </summary>
public sealed class SearchVocabulary(IDocumentStore store)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (TermExpansions Set, DateTimeOffset BuiltAt)> byTenant = new(StringComparer.Ordinal);

    public async Task<TermExpansions> ForAsync(string tenant, CancellationToken ct)
    {
        if (byTenant.TryGetValue(tenant, out var cached) && DateTimeOffset.UtcNow - cached.BuiltAt < MaxAge) return cached.Set;
        var entries = await EntriesAsync(tenant, ct);
        var set = TermExpansions.Create(entries.Select(e => e.Entry));
        byTenant[tenant] = (set, DateTimeOffset.UtcNow);
        return set;
    }

    public void Forget(string tenant) => byTenant.TryRemove(tenant, out _);

    /// <summary>Every entry in force, with where it comes from ("bawaan", "agensi", "unit", "jabatan").</summary>
    public async Task<IReadOnlyList<(ExpansionEntry Entry, string Origin)>> EntriesAsync(string tenant, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        var own = await session.LoadAsync<VocabularyView>(VocabularyStreams.Stream, ct);
        var units = await session.Query<Unit>().ToListAsync(ct);
        var positions = await session.Query<Position>().ToListAsync(ct);
        return
        [
            .. TermExpansions.BundledList.Select(e => (e, "bawaan")),
            .. (own?.Entries ?? []).Select(e => (e, "agensi")),
            .. FromOrganization(units, positions),
        ];
    }

    /// <summary>A unit's code for its name ("Dinkes" / "Dinas Kesehatan"); its head's title for "Ka" + code ("Kadinkes" / "Kepala Dinas Kesehatan").</summary>
    public static IEnumerable<(ExpansionEntry Entry, string Origin)> FromOrganization(IEnumerable<Unit> units, IEnumerable<Position> positions)
    {
        var byId = new Dictionary<Guid, Unit>();
        foreach (var unit in units)
        {
            byId[unit.Id] = unit;
            if (!string.IsNullOrWhiteSpace(unit.Code) && !string.IsNullOrWhiteSpace(unit.Name))
                yield return (new ExpansionEntry(unit.Code, unit.Name, "unit"), "unit");
        }
        foreach (var position in positions)
        {
            if (!byId.TryGetValue(position.UnitId, out var unit) || !position.Title.StartsWith("Kepala ", StringComparison.OrdinalIgnoreCase)) continue;
            if (unit.Code.Length < 4 || !unit.Code.All(char.IsLetter)) continue;
            if (!string.Equals(position.Title["Kepala ".Length..].Trim(), unit.Name.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
            yield return (new ExpansionEntry("Ka" + unit.Code.ToLowerInvariant(), position.Title, "jabatan"), "jabatan");
        }
    }
}
