using Arsip.Organization;
using Arsip.Pdf;

namespace Arsip.Documents;

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
