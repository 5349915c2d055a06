using Arsip.Organization;
using Arsip.Records;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The due list (<see cref="DueListQueries.LoadAsync"/>, as <c>GET /api/records/due</c>) and the latest daily reminders.</summary>
public sealed class ArsipJatuhTempoModel(IDocumentStore store, ArsipClock clock) : PageModel
{
    public DueList List { get; private set; } = null!;
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public IReadOnlyList<RecordsCameDue> Reminders { get; private set; } = [];
    /// <summary>Whether the caller may choose the whole agency (the agency-wide roles).</summary>
    public bool AgencyWide { get; private set; }
    public string UnitName(Guid id) => Units.FirstOrDefault(u => u.Id == id) is { } u ? $"{u.Code} — {u.Name}" : "?";

    public async Task<IActionResult> OnGetAsync(Guid? unit, string? cakupan, DateOnly? tanggal, CancellationToken ct)
    {
        var caller = Caller.From(User);
        AgencyWide = DueListQueries.MayRead(caller, null);
        // a unit member without an agency-wide role starts at their own unit
        if (unit is null && !AgencyWide && caller.Units.Count > 0) unit = caller.Units[0];
        var scope = cakupan == "tahun" ? DueScope.Year : DueScope.Month;
        await using var session = store.QuerySession(caller.Agency);
        var (list, refusal) = await DueListQueries.LoadAsync(session, caller, unit, scope, tanggal, clock, ct);
        if (refusal is not null) return refusal.Status == StatusCodes.Status404NotFound ? NotFound() : Forbid();
        List = list!;
        Units = (await session.Query<Unit>().OrderBy(u => u.Code).ToListAsync(ct))
            .Where(u => AgencyWide || caller.Units.Contains(u.Id)).ToList();
        if (AgencyWide) Reminders = (await session.LoadAsync<RecordsReminders>(RecordsStreams.Reminders, ct))?.Recent.Take(3).ToList() ?? [];
        return Page();
    }
}
