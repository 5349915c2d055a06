using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>Sends the same commands as the endpoints through the bus; changes take effect on the person's next request.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AdminPegawaiModel(IDocumentStore store, IMessageBus bus, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<Person> People { get; private set; } = [];
    public IReadOnlyList<Position> Positions { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public DateOnly Today => clock.Today;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostTambahAsync(string? userName, string? fullName, string? nip, string? rank, string? password, Guid? positionId, CancellationToken ct)
    {
        var command = new RegisterPersonCommand(Guid.CreateVersion7(clock.GetUtcNow()), new RegisterPerson(userName, fullName, Blank(nip), Blank(rank), password, positionId));
        return await AfterAsync(await SendAsync(command, ct), "tambah", "userName", text["Pegawai {0} ditambahkan.", fullName?.Trim()!], ct);
    }

    public async Task<IActionResult> OnPostPindahAsync(Guid personId, Guid? positionId, CancellationToken ct)
    {
        return await AfterAsync(await SendAsync(new ReassignPersonCommand(personId, new ReassignPerson(positionId)), ct), "pindah", "positionId", text["Pegawai dipindahkan."], ct);
    }

    public async Task<IActionResult> OnPostPltAsync(Guid personId, Guid? positionId, ActingKind? kind, DateOnly? from, DateOnly? until, CancellationToken ct)
    {
        return await AfterAsync(await SendAsync(new AssignActingCommand(personId, new AssignActing(positionId, kind, from, until)), ct), "plt", "from", text["Penugasan {0} tercatat.", kind?.ToString() ?? ""], ct);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private Task<Decision> SendAsync(object command, CancellationToken ct) => bus.InvokeForTenantAsync<Decision>(Caller.From(User).Agency, command, ct);

    /// <summary>A refusal without a field shows where it belongs: 404 at the person, 409 (taken user name, overlapping Plt/Plh) at conflictField.</summary>
    private async Task<IActionResult> AfterAsync(Decision decision, string form, string conflictField, string notice, CancellationToken ct)
    {
        if (decision.Refusal is { } problem)
        {
            Errors = FormErrors.AtField(problem, problem.Status == StatusCodes.Status404NotFound ? "personId" : conflictField, form);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Notice"] = notice;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        People = (await session.Query<Person>().OrderBy(p => p.FullName).ToListAsync(ct)).ToList();
        Positions = (await session.Query<Position>().OrderBy(p => p.Title).ToListAsync(ct)).ToList();
    }
}
