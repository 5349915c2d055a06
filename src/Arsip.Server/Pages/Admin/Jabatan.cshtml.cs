using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

[Authorize(Policy = Policies.Administrator)]
public sealed class AdminJabatanModel(IDocumentStore store, IMessageBus bus, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public IReadOnlyList<Position> Positions { get; private set; } = [];
    public Dictionary<Guid, string> Holders { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostTambahAsync(string? title, Guid? unitId, Guid? reportsTo, Role[]? roles, CancellationToken ct)
    {
        var command = new CreatePositionCommand(Guid.CreateVersion7(clock.GetUtcNow()), new CreatePosition(title, unitId, reportsTo, roles));
        var decision = await bus.InvokeForTenantAsync<Decision>(Caller.From(User).Agency, command, ct);
        return await AfterAsync(decision, "tambah", "title", text["Jabatan {0} ditambahkan.", title?.Trim()!], ct);
    }

    public async Task<IActionResult> OnPostPindahAsync(Guid positionId, Guid? unitId, Guid? reportsTo, CancellationToken ct)
    {
        var decision = await bus.InvokeForTenantAsync<Decision>(Caller.From(User).Agency, new MovePositionCommand(positionId, new MovePosition(unitId, reportsTo)), ct);
        return await AfterAsync(decision, "pindah", "positionId", text["Jabatan dipindahkan; berlaku pada permintaan berikutnya."], ct);
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
        Positions = (await session.Query<Position>().OrderBy(p => p.Title).ToListAsync(ct)).ToList();
        var people = await session.Query<Person>().ToListAsync(ct);
        Holders = people.Where(p => p.PositionId is not null).GroupBy(p => p.PositionId!.Value)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p.FullName)));
    }

    public static string RoleLabel(Role role) => role switch
    {
        Role.Administrator => "Administrator",
        Role.Registrar => "Pengadministrasi (registrasi)",
        Role.Official => "Pejabat",
        Role.Auditor => "Auditor",
        Role.Archivist => "Arsiparis",
        _ => role.ToString(),
    };
}
