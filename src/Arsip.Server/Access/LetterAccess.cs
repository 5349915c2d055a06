using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.Access;

/// <summary>The access rules in one place: lists, pages, search and PDFs all filter on the same tokens, so no path shows what another hides.
/// Rahasia and Sangat Rahasia: only addressed and copied positions, the disposition chain and explicit grants; tenancy is enforced beneath by Marten.</summary>
public static class LetterAccess
{
    public const string AgencyWide = "agency-wide";

    public static string UnitToken(Guid unit) => $"unit:{unit:N}";
    public static string PositionToken(Guid position) => $"pos:{position:N}";
    public static string PersonToken(Guid person) => $"person:{person:N}";

    public static bool IsSecret(SecurityLevel level) => level >= SecurityLevel.Rahasia;

    /// <summary>addressedPositions includes copies and the disposition chain.</summary>
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

    public static string[] TokensOf(Caller caller)
    {
        var tokens = new List<string> { PersonToken(caller.PersonId) };
        tokens.AddRange(caller.Positions.Select(PositionToken));
        tokens.AddRange(caller.Units.Select(UnitToken));
        if (caller.Has(Role.Auditor) || caller.Has(Role.Administrator)) tokens.Add(AgencyWide);
        return tokens.ToArray();
    }

    /// <summary>Never a secret letter's subject outside the letter itself.</summary>
    public static string ListedSubject(SecurityLevel level, string subject) => IsSecret(level) ? "[Rahasia]" : subject;

    public static bool CanSee(Caller caller, IReadOnlyCollection<string> letterTokens) =>
        TokensOf(caller).Any(letterTokens.Contains);
}
