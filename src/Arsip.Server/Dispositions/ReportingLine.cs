namespace Arsip.Dispositions;

/// <summary>A disposition goes down the line (Position.ReportsTo) to any depth, not only to direct reports.</summary>
public static class ReportingLine
{
    public static bool IsBelow(Guid candidate, Guid superior, IReadOnlyDictionary<Guid, Guid?> reportsTo)
    {
        if (candidate == superior) return false;
        var seen = new HashSet<Guid> { candidate };
        var current = candidate;
        while (reportsTo.TryGetValue(current, out var up) && up is { } next)
        {
            if (next == superior) return true;
            if (!seen.Add(next)) return false; // a cycle in bad data never loops forever
            current = next;
        }
        return false;
    }

    public static HashSet<Guid> Subtree(IEnumerable<Guid> roots, IReadOnlyDictionary<Guid, Guid?> reportsTo)
    {
        var set = roots.ToHashSet();
        foreach (var position in reportsTo.Keys)
            if (set.Any(root => IsBelow(position, root, reportsTo))) set.Add(position);
        return set;
    }
}
