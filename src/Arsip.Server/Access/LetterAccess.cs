using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.Access;

/// <summary>
/// The access rules, in one place. A letter carries access tokens; a caller holds tokens; the caller
/// sees the letter when the two sets meet. Lists and detail pages (Marten), search (Lucene) and
/// PDFs all filter on the same tokens, so no path can show what another hides.
/// <list type="bullet">
/// <item>Open letters: the addressed or copied units and positions, the registering unit, the
/// disposition chain, and agency-wide readers (auditors and administrators).</item>
/// <item>Rahasia and Sangat Rahasia: only the addressed and copied positions, the disposition chain
/// and people given explicit access (the registrar who entered it is one).</item>
/// </list>
/// Tenancy (the agency) is enforced beneath this by Marten's conjoined tenancy.
/// </summary>
public static class LetterAccess
{
    public const string AgencyWide = "agency-wide";

    public static string UnitToken(Guid unit) => $"unit:{unit:N}";
    public static string PositionToken(Guid position) => $"pos:{position:N}";
    public static string PersonToken(Guid person) => $"person:{person:N}";

    public static bool IsSecret(SecurityLevel level) => level >= SecurityLevel.Rahasia;

    /// <summary>The tokens that unlock a letter; <paramref name="addressedPositions"/> includes copies and the disposition chain.</summary>
    public static string[] TokensFor(
        SecurityLevel level, IEnumerable<Guid> addressedPositions, IEnumerable<Guid> addressedUnits,
        Guid? registeringUnit, IEnumerable<Guid> grantedPeople)
    {
        var tokens = new List<string>();
        tokens.AddRange(addressedPositions.Select(PositionToken));
        tokens.AddRange(grantedPeople.Select(PersonToken));
        if (!IsSecret(level))
        {
            tokens.AddRange(addressedUnits.Select(UnitToken));
            if (registeringUnit is { } unit) tokens.Add(UnitToken(unit));
            tokens.Add(AgencyWide);
        }
        return tokens.Distinct().ToArray();
    }

    /// <summary>The tokens a caller holds.</summary>
    public static string[] TokensOf(Caller caller)
    {
        var tokens = new List<string> { PersonToken(caller.PersonId) };
        tokens.AddRange(caller.Positions.Select(PositionToken));
        tokens.AddRange(caller.Units.Select(UnitToken));
        if (caller.Has(Role.Auditor) || caller.Has(Role.Administrator)) tokens.Add(AgencyWide);
        return tokens.ToArray();
    }

    /// <summary>What lists outside the letter itself (monitoring, notifications) show as the subject: never a secret letter's.</summary>
    public static string ListedSubject(SecurityLevel level, string subject) => IsSecret(level) ? "[Rahasia]" : subject;

    public static bool CanSee(Caller caller, IReadOnlyCollection<string> letterTokens) =>
        TokensOf(caller).Any(letterTokens.Contains);
}
