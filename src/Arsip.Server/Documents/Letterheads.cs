using Arsip.Organization;
using Arsip.Pdf;
using Marten;

namespace Arsip.Documents;

/// <summary>
/// Where letterheads come from. The seam: replace <see cref="DemoLetterheads"/> with one that reads the
/// agency's letterhead data (ReferenceData/) and every document follows.
/// </summary>
public interface ILetterheads
{
    Task<Letterhead> ForAsync(IQuerySession session, string agency, Guid? unitId, CancellationToken ct);
}

/// <summary>The default: <see cref="Letterheads.LetterheadFor"/> with the unit's current name.</summary>
public sealed class DemoLetterheads : ILetterheads
{
    public async Task<Letterhead> ForAsync(IQuerySession session, string agency, Guid? unitId, CancellationToken ct) =>
        Letterheads.LetterheadFor(agency, unitId is { } id ? await session.LoadAsync<Unit>(id, ct) : null);
}

/// <summary>
/// The kop surat of an agency's unit. A seam: until per-agency letterhead data lands (ReferenceData/),
/// the three demo agencies are known here by name and place; any other agency prints its id.
/// </summary>
public static class Letterheads
{
    private sealed record AgencyInfo(string Name, string Place);

    private static readonly Dictionary<string, AgencyInfo> Known = new(StringComparer.Ordinal)
    {
        ["kota-bekasi"] = new("Pemerintah Kota Bekasi", "Bekasi"),
        ["kab-bekasi"] = new("Pemerintah Kabupaten Bekasi", "Cikarang"),
        ["kota-tangerang"] = new("Pemerintah Kota Tangerang", "Tangerang"),
    };

    /// <summary>The agency's printed name, e.g. "Pemerintah Kota Bekasi".</summary>
    public static string AgencyName(string agency) => Known.TryGetValue(agency, out var info) ? info.Name : agency;

    /// <summary>The place of issue printed before a letter's date.</summary>
    public static string PlaceOf(string agency) => Known.TryGetValue(agency, out var info) ? info.Place : agency;

    public static Letterhead LetterheadFor(string agency, Unit? unit) => new()
    {
        NameLines = [AgencyName(agency).ToUpperInvariant()],
        UnitName = (unit?.Name ?? "Sekretariat Daerah").ToUpperInvariant(),
    };
}
