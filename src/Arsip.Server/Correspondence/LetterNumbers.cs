using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Correspondence;

/// <summary>Gapless per agency, kind (and signing unit, where the template says so) and year.</summary>
public static class LetterNumbers
{
    public const string DefaultTemplate = "{classification}/{sequence}/{unit}/{year}";
    public static readonly LetterNumberTemplate Default = LetterNumberTemplate.Parse(DefaultTemplate).Template!;

    public static string Slug(LetterKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    /// <summary>Permendagri 1/2023 numbers a letter by the office that signs it (drafted in Bagian Organisasi, signed by the Sekda: /Setda/, not /OR/); null when the position or unit is gone.</summary>
    public static async Task<string?> SigningUnitCodeAsync(IQuerySession session, Guid signatoryPositionId, CancellationToken ct) =>
        await session.LoadAsync<Position>(signatoryPositionId, ct) is { } position
            ? (await session.LoadAsync<Unit>(position.UnitId, ct))?.Code
            : null;

    public static async Task<(string Number, int Sequence)> IssueAsync(
        IDocumentSession session, LetterKind kind, string classification, string? unitCode, SecurityLevel level, DateOnly date, CancellationToken ct)
    {
        var slug = Slug(kind);
        var templates = await session.LoadAsync<LetterNumberTemplatesView>(ReferenceDataStreams.LetterNumberTemplatesStream, ct);
        var entry = templates?.Templates.GetValueOrDefault(slug);
        var template = entry is null ? Default : LetterNumberTemplate.Parse(entry.Template).Template ?? Default;
        var scope = entry?.SequenceScope == SequenceScope.Unit && !string.IsNullOrWhiteSpace(unitCode) ? SequenceScope.Unit : SequenceScope.Agency;
        var sequence = await Sequences.NextAsync(session, LetterNumberTemplate.SequenceName(slug, scope, unitCode), date.Year, ct);
        return (template.Format(new LetterNumberParts(classification, sequence, unitCode, date, level)), sequence);
    }
}
