using Arsip.Dispositions;
using Arsip.ReferenceData;
using Arsip.Organization;

namespace Arsip.Pages;

/// <summary>The dispose form as posted (first disposition on a letter, or forwarding one further down).</summary>
public sealed class DisposeForm
{
    public Guid[] Recipients { get; set; } = [];
    public Guid? Lead { get; set; }
    public string[] Instructions { get; set; } = [];
    public string? Note { get; set; }
    public DateOnly? Deadline { get; set; }

    /// <summary>The API's command. A chosen date means "by the end of that day" in the agency's time zone; none means the default from the letter's urgency.</summary>
    public IssueDisposition ToCommand(AgencyTime time) => new(
        null, null,
        // marking someone as the lead also makes them a recipient
        Recipients.Concat(Lead is { } lead ? [lead] : []).Distinct().Select(p => new DispositionRecipientChoice(p, p == Lead)).ToArray(),
        Instructions, Note,
        Deadline is { } day ? time.EndOfDay(day) : null);
}

/// <summary>A position the caller may dispose to: below the issuing position in the reporting line, with whoever holds it today.</summary>
public sealed record RecipientCandidate(Guid PositionId, string Title, int Depth, string Holders);

/// <summary>What the dispose form partial shows.</summary>
public sealed record DisposeFormView(
    string Handler, string SubmitLabel, IReadOnlyList<RecipientCandidate> Candidates, IReadOnlyList<Instruction> Instructions,
    DisposeForm Input, FormErrors Errors);

/// <summary>A level of the disposition tree as the pages draw it; <c>Current</c> is marked (the disposition page's own slip).</summary>
public sealed record DispositionTreeView(IReadOnlyList<DispositionNode> Nodes, IReadOnlyDictionary<string, string> Labels, Guid? Current);

public static class Disposing
{
    /// <summary>
    /// Every position below <paramref name="issuer"/> (<see cref="ReportingLine.IsBelow"/>), in reporting-line order
    /// (each superior before its staff), with the people who hold or act for it today.
    /// </summary>
    public static IReadOnlyList<RecipientCandidate> Candidates(IReadOnlyList<Position> positions, IReadOnlyList<Person> people, Guid issuer, DateOnly today)
    {
        var reportsTo = positions.ToDictionary(p => p.Id, p => p.ReportsTo);
        var below = positions.Where(p => ReportingLine.IsBelow(p.Id, issuer, reportsTo)).ToLookup(p => p.ReportsTo);
        var holders = people.SelectMany(person => person.PositionsOn(today).Select(position => (position, person.FullName)))
            .ToLookup(h => h.position, h => h.FullName);
        var list = new List<RecipientCandidate>();
        var seen = new HashSet<Guid>();
        void Walk(Guid superior, int depth)
        {
            foreach (var p in below[superior].OrderBy(p => p.Title))
            {
                if (!seen.Add(p.Id)) continue;
                list.Add(new RecipientCandidate(p.Id, p.Title, depth, string.Join(", ", holders[p.Id])));
                Walk(p.Id, depth + 1);
            }
        }
        Walk(issuer, 0);
        return list;
    }

    public static string StatusLabel(RecipientStatus status) => status switch
    {
        RecipientStatus.Unread => "Belum dibaca",
        RecipientStatus.Read => "Dibaca",
        RecipientStatus.InProgress => "Ditindaklanjuti",
        RecipientStatus.Done => "Selesai",
        RecipientStatus.Overdue => "Terlambat",
        _ => status.ToString(),
    };

    public static string StateLabel(DispositionState state) => state switch
    {
        DispositionState.Open => "Berjalan",
        DispositionState.Withdrawn => "Ditarik",
        DispositionState.Closed => "Ditutup",
        _ => state.ToString(),
    };

    public static string Instructions(IEnumerable<string> codes, IReadOnlyDictionary<string, string> labels) =>
        string.Join(", ", codes.Select(c => labels.GetValueOrDefault(c, c)));
}
