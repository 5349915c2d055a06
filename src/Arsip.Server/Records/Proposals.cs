using Arsip.Organization;

namespace Arsip.Records;

/// <summary>Inserted when a berkas goes on a proposal of any movement, deleted when it leaves or the movement is done: its key makes two proposals racing for one berkas a conflict (409), never a berkas on both.</summary>
public sealed record CaseFileOnProposal(Guid Id, Guid ProposalId, Movement Movement);

/// <summary>Why a proposal is withdrawn or rejected: required, at most <see cref="CaseFileRules.MaxReason"/> characters.</summary>
public sealed record ProposalReason(string? Reason);

/// <summary>Rules every movement's proposal shares.</summary>
public static class Proposals
{
    /// <summary>A proposal not yet approved may be withdrawn by its proposer, or by whoever may propose for every unit on it
    /// (archivists and administrators; a registrar when all its berkas are of the registrar's units).</summary>
    public static bool MayWithdraw(Caller caller, Guid proposedByPersonId, IEnumerable<Guid> unitIds) =>
        caller.PersonId == proposedByPersonId || unitIds.All(u => CaseFileRules.CanWork(caller, u));
}

/// <summary>Who decides in the movements, from the organization chart: a unit's head is its position reporting outside the unit
/// (or to no one); the agency's head reports to no one; the records centre (unit kearsipan) is the unit of the
/// agency's archivist positions. A caller holds a position as its occupant or acting (Plt/Plh) for it.</summary>
public static class Authorities
{
    public static Position? UnitHead(IReadOnlyCollection<Position> positions, Guid unitId)
    {
        var byId = positions.ToDictionary(p => p.Id);
        return positions.Where(p => p.UnitId == unitId
                                    && (p.ReportsTo is not { } up || !byId.TryGetValue(up, out var boss) || boss.UnitId != unitId))
            .OrderBy(p => p.ReportsTo is null ? 0 : 1).ThenBy(p => p.Title, StringComparer.Ordinal).FirstOrDefault();
    }

    public static Position? AgencyHead(IReadOnlyCollection<Position> positions) =>
        positions.Where(p => p.ReportsTo is null).OrderBy(p => p.Title, StringComparer.Ordinal).FirstOrDefault();

    public static Guid? RecordsCentreUnit(IReadOnlyCollection<Position> positions) =>
        positions.Where(p => p.Roles.Contains(Role.Archivist)).OrderBy(p => p.Title, StringComparer.Ordinal).Select(p => (Guid?)p.UnitId).FirstOrDefault();

    public static bool Holds(Caller caller, Position? position) => position is not null && caller.Positions.Contains(position.Id);
}
