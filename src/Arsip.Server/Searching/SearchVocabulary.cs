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

    /// <summary>How officials shorten "Kepala …" and "Sekretaris …" by the kind of unit the title names (Permendagri 1/2023's
    /// naming, PP 18/2016's unit kinds): "Kepala Bagian Umum" is "Kabag Umum", "Sekretaris Dinas Kesehatan" "Sekdis Kesehatan".</summary>
    private static readonly (string Head, string Kind, string Short)[] TitleForms =
    [
        ("Kepala", "Dinas", "Kadis"), ("Kepala", "Badan", "Kaban"), ("Kepala", "Bagian", "Kabag"), ("Kepala", "Subbagian", "Kasubbag"),
        ("Kepala", "Sub Bagian", "Kasubbag"), ("Kepala", "Bidang", "Kabid"), ("Kepala", "Subbidang", "Kasubbid"),
        ("Kepala", "Sub Bidang", "Kasubbid"), ("Kepala", "Seksi", "Kasi"), ("Kepala", "Kantor", "Kakan"), ("Kepala", "Urusan", "Kaur"),
        ("Sekretaris", "Dinas", "Sekdis"), ("Sekretaris", "Badan", "Sekban"), ("Sekretaris", "Kecamatan", "Sekcam"),
    ];

    /// <summary>
    /// A unit's code for its name ("Dinkes" / "Dinas Kesehatan"); its head's title for "Ka" + code ("Kadinkes" / "Kepala Dinas
    /// Kesehatan"); and each position's title in the short form officials write: "Kabag Umum", "Kasubbag Tata Usaha", "Kasi
    /// Pemerintahan", "Sekdis Kesehatan", "Sekda" for "Sekretaris Daerah", and with a unit's acronym code ("Kaban BKPSDM",
    /// "Kabag OR"). A short form two different titles would give (two "Kasi Pelayanan" of different kinds) is left out.
    /// </summary>
    public static IEnumerable<(ExpansionEntry Entry, string Origin)> FromOrganization(IEnumerable<Unit> units, IEnumerable<Position> positions)
    {
        var byId = new Dictionary<Guid, Unit>();
        var entries = new List<(ExpansionEntry Entry, string Origin)>();
        foreach (var unit in units)
        {
            byId[unit.Id] = unit;
            if (!string.IsNullOrWhiteSpace(unit.Code) && !string.IsNullOrWhiteSpace(unit.Name))
                entries.Add((new ExpansionEntry(unit.Code, unit.Name, "unit"), "unit"));
        }

        var titles = new List<ExpansionEntry>();
        foreach (var position in positions)
        {
            var title = string.Join(' ', position.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            byId.TryGetValue(position.UnitId, out var unit);
            // "Ka" + a code that is a contraction ("Dinkes", "Dishub"): not an acronym ("Kabkpsdm") nor a word of the name ("Kaumum").
            if (unit is not null && title.StartsWith("Kepala ", StringComparison.OrdinalIgnoreCase) && unit.Code.Length >= 4
                && unit.Code.All(char.IsLetter) && !unit.Code.All(char.IsUpper)
                && !unit.Name.Split(' ').Contains(unit.Code, StringComparer.OrdinalIgnoreCase)
                && string.Equals(title["Kepala ".Length..], unit.Name.Trim(), StringComparison.OrdinalIgnoreCase))
                titles.Add(new ExpansionEntry("Ka" + unit.Code.ToLowerInvariant(), title, "jabatan"));
            if (string.Equals(title, "Sekretaris Daerah", StringComparison.OrdinalIgnoreCase))
                titles.Add(new ExpansionEntry("Sekda", title, "jabatan"));
            foreach (var (head, kind, shortForm) in TitleForms)
            {
                var prefix = $"{head} {kind} ";
                if (!title.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || title.Length == prefix.Length) continue;
                var name = title[prefix.Length..];
                titles.Add(new ExpansionEntry($"{shortForm} {name}", title, "jabatan"));
                // The unit's code where it is an acronym of its own (BKPSDM, OR, DLH), not a word ("Umum", "Hukum").
                if (unit is not null && string.Equals($"{kind} {name}", unit.Name.Trim(), StringComparison.OrdinalIgnoreCase)
                    && unit.Code.Length >= 2 && unit.Code.All(char.IsUpper))
                    titles.Add(new ExpansionEntry($"{shortForm} {unit.Code}", title, "jabatan"));
                break;
            }
        }
        // One short form, one title: a short form that would stand for two titles is no abbreviation anyone can rely on.
        var unambiguous = titles.GroupBy(e => ExpansionRules.Key(e.Short), StringComparer.Ordinal)
            .Where(g => g.Select(e => ExpansionRules.Key(e.Long)).Distinct(StringComparer.Ordinal).Count() == 1)
            .Select(g => g.First());
        entries.AddRange(unambiguous.Select(e => (e, "jabatan")));
        return entries;
    }
}
