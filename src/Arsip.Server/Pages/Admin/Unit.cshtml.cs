using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

[Authorize(Policy = Policies.Administrator)]
public sealed class AdminUnitModel(IDocumentStore store, IMessageBus bus, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public Dictionary<Guid, int> PositionCounts { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public string? Code { get; private set; }
    public string? Name { get; private set; }
    public Guid? ParentId { get; private set; }
    public Guid? UnitId { get; private set; }
    public string? NewName { get; private set; }
    public string? Reason { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostTambahAsync(string? code, string? name, Guid? parentId, CancellationToken ct)
    {
        (Code, Name, ParentId) = (code, name, parentId);
        var command = new EstablishUnitCommand(Guid.CreateVersion7(clock.GetUtcNow()), new EstablishUnit(code, name, parentId));
        var decision = await bus.InvokeForTenantAsync<Decision>(Caller.From(User).Agency, command, ct);
        return await AfterAsync(decision, "tambah", "code", text["Unit {0} ditambahkan.", code?.Trim()!], ct);
    }

    public async Task<IActionResult> OnPostGantiNamaAsync(Guid unitId, string? newName, string? reason, CancellationToken ct)
    {
        (UnitId, NewName, Reason) = (unitId, newName, reason);
        var decision = await bus.InvokeForTenantAsync<Decision>(Caller.From(User).Agency, new RenameUnitCommand(unitId, new RenameUnit(newName, reason)), ct);
        return await AfterAsync(decision, "ganti-nama", "unitId", text["Nama unit diganti."], ct);
    }

    private async Task<IActionResult> AfterAsync(Decision decision, string form, string field, string notice, CancellationToken ct)
    {
        if (decision.Refusal is { } problem)
        {
            Errors = FormErrors.AtField(problem, field, form);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Notice"] = notice;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Units = (await session.Query<Unit>().OrderBy(u => u.Code).ToListAsync(ct)).ToList();
        PositionCounts = (await session.Query<Position>().ToListAsync(ct)).GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.Count());
    }
}
