using Arsip.Organization;
using Arsip.Pdf;

namespace Arsip.Documents;

/// <summary>Every document asks here, so a new source of letterheads changes one class.</summary>
public interface ILetterheads
{
    Task<PrintedLetterhead> ForAsync(IQuerySession session, string agency, Guid? unitId, CancellationToken ct);
}

public sealed class AgencyLetterheads : ILetterheads
{
    public async Task<PrintedLetterhead> ForAsync(IQuerySession session, string agency, Guid? unitId, CancellationToken ct)
    {
        var unit = unitId is { } id ? await session.LoadAsync<Unit>(id, ct) : null;
        var keys = unit is null ? [ReferenceData.Letterhead.AgencyKey] : new[] { unit.Code, ReferenceData.Letterhead.AgencyKey };
        foreach (var key in keys)
            if (await session.LoadAsync<ReferenceData.LetterheadView>(ReferenceData.LetterheadView.StreamFor(key), ct) is { } view)
                return Letterheads.From(view.Letterhead, unit);
        return Letterheads.LetterheadFor(agency, unit);
    }
}

public static class Letterheads
{
    private sealed record AgencyInfo(string Name, string Place);

    private static readonly Dictionary<string, AgencyInfo> Known = new(StringComparer.Ordinal)
    {
        ["kota-bekasi"] = new("Pemerintah Kota Bekasi", "Bekasi"),
        ["kab-bekasi"] = new("Pemerintah Kabupaten Bekasi", "Cikarang"),
        ["kota-tangerang"] = new("Pemerintah Kota Tangerang", "Tangerang"),
    };

    public static string AgencyName(string agency) => Known.TryGetValue(agency, out var info) ? info.Name : agency;

    public static string PlaceOf(string agency) => Known.TryGetValue(agency, out var info) ? info.Place : agency;

    /// <summary>The last name line is the (bold) unit line.</summary>
    public static PrintedLetterhead From(ReferenceData.Letterhead template, Unit? unit) => new()
    {
        NameLines = template.NameLines.Count > 1 ? template.NameLines.Take(template.NameLines.Count - 1).ToList() : template.NameLines,
        UnitName = template.NameLines.Count > 1 ? template.NameLines[^1] : (unit?.Name ?? "").ToUpperInvariant(),
        Address = template.Address,
        Phone = template.Phone,
        Email = template.Email,
        Website = template.Website,
        EmblemPng = template.Emblem,
        Paper = template.PaperSize == ReferenceData.PaperSize.A4 ? Pdf.PaperSize.A4 : Pdf.PaperSize.F4,
        Margins = new PageMargins((double)template.Margins.Left, (double)template.Margins.Top, (double)template.Margins.Right, (double)template.Margins.Bottom),
        FontFamily = template.FontFamily,
        FontSize = (float)template.FontSize,
        LineSpacing = (float)template.LineSpacing,
        PageNumbers = Enum.Parse<Pdf.PageNumberPosition>(template.PageNumbers.ToString()),
        NumberFirstPage = template.NumberFirstPage,
        HeadKopKinds = Kinds(template.HeadKopKinds ?? ReferenceData.Letterhead.DefaultHeadKopKinds),
        EnactedKinds = Kinds(template.EnactedKinds ?? ReferenceData.Letterhead.DefaultEnactedKinds),
    };

    private static HashSet<Pdf.LetterKind> Kinds(IEnumerable<LetterKind> kinds) =>
        kinds.Select(k => Enum.Parse<Pdf.LetterKind>(k.ToString())).ToHashSet();

    public static PrintedLetterhead LetterheadFor(string agency, Unit? unit) => new()
    {
        NameLines = [AgencyName(agency).ToUpperInvariant()],
        UnitName = (unit?.Name ?? "Sekretariat Daerah").ToUpperInvariant(),
    };
}
