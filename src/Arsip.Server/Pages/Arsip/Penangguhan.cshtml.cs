using System.Globalization;
using Arsip.Correspondence;
using Arsip.Organization;
using Arsip.Records;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Arsip.Pages;

/// <summary>
/// Holds (penangguhan): the list (<see cref="LegalHoldQueries.ListAsync"/>, as <c>GET /api/legal-holds</c>), placing one
/// (<see cref="PlaceLegalHoldCommand"/>) on a letter by agenda number or id, a berkas by unit and number, or a query, and
/// releasing one (<see cref="ReleaseLegalHoldCommand"/>), both through the bus as the endpoints send them.
/// </summary>
public sealed class ArsipPenangguhanModel(IDocumentStore store, IMessageBus bus, IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<LegalHoldSummary> Holds { get; private set; } = [];
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public Guid? ReleasingId { get; private set; }

    [BindProperty] public string Target { get; set; } = "surat";
    [BindProperty] public string? Letter { get; set; }
    [BindProperty] public Guid? FileUnit { get; set; }
    [BindProperty] public string? FileNumber { get; set; }
    [BindProperty] public string? Classification { get; set; }
    [BindProperty] public string? Sender { get; set; }
    [BindProperty] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? To { get; set; }
    [BindProperty] public Guid? QueryUnit { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Reference { get; set; }

    public string UnitName(Guid? id) => Units.FirstOrDefault(u => u.Id == id) is { } u ? $"{u.Code} — {u.Name}" : "?";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostTempatkanAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using (var session = store.QuerySession(caller.Agency))
        {
            var (body, field, problem) = await ResolveAsync(session, ct);
            if (problem is not null)
            {
                Errors = FormErrors.AtField(new ProblemDetails { Detail = problem }, field!, "tempatkan");
                return await LoadAsync(ct) ?? Page();
            }
            var outcome = await bus.InvokeForTenantAsync<Outcome<LegalHoldPlacedResponse>>(caller.Agency, new PlaceLegalHoldCommand(caller, body!), ct);
            if (outcome.Decision.Refusal is { } refusal)
            {
                Errors = FormErrors.AtField(refusal, field!, "tempatkan");
                return await LoadAsync(ct) ?? Page();
            }
        }
        TempData["Notice"] = text["Penangguhan ditempatkan."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCabutAsync(Guid id, string? reason, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ReleaseLegalHoldCommand(id, caller, new ReleaseLegalHold(reason)), ct);
        if (decision.Refusal is { } refusal)
        {
            ReleasingId = id;
            Errors = FormErrors.AtField(refusal, "reason", $"cabut-{id}");
            return await LoadAsync(ct) ?? Page();
        }
        TempData["Notice"] = text["Penangguhan dicabut."].Value;
        return RedirectToPage();
    }

    /// <summary>The form's target as the API's body: a letter by "nomor/tahun" agenda or id, a berkas by unit and "nomor/tahun", or a query.</summary>
    private async Task<(PlaceLegalHold? Body, string? Field, string? Problem)> ResolveAsync(IQuerySession session, CancellationToken ct)
    {
        switch (Target)
        {
            case "surat":
                var letter = Letter?.Trim() ?? "";
                Guid? letterId = Guid.TryParse(letter, out var id) ? id
                    : ParseNumber(letter) is var (number, year) && await session.Query<IncomingLetterView>()
                        .Where(l => l.AgendaNumber == number && l.AgendaYear == year).Select(l => l.Id).ToListAsync(ct) is [var found] ? found
                    : null;
                return letterId is null
                    ? (null, "letterId", $"Surat \"{letter}\" tidak ditemukan; isi nomor agenda surat masuk sebagai nomor/tahun, mis. 12/2026, atau id surat (letter not found; give the agenda number as number/year or the letter's id).")
                    : (new PlaceLegalHold(null, letterId, null, null, Reason, Reference), "letterId", null);
            case "berkas":
                var file = FileNumber?.Trim() ?? "";
                Guid? fileId = Guid.TryParse(file, out var fid) ? fid
                    : ParseNumber(file) is var (n, y) && FileUnit is { } unit && await session.Query<CaseFile>()
                        .Where(f => f.UnitId == unit && f.Number == n && f.Year == y).Select(f => f.Id).ToListAsync(ct) is [var f1] ? f1
                    : null;
                return fileId is null
                    ? (null, "caseFileId", $"Berkas \"{file}\" tidak ditemukan di unit itu; isi nomor berkas sebagai nomor/tahun, mis. 3/2026 (berkas not found in that unit; give its number as number/year).")
                    : (new PlaceLegalHold(null, null, fileId, null, Reason, Reference), "caseFileId", null);
            default:
                return (new PlaceLegalHold(null, null, null, new HoldQuery(Classification, Sender, From, To, QueryUnit), Reason, Reference), "query", null);
        }
    }

    private static (int Number, int Year)? ParseNumber(string text) =>
        text.Split('/') is [var n, var y] && int.TryParse(n, CultureInfo.InvariantCulture, out var number) && int.TryParse(y, CultureInfo.InvariantCulture, out var year)
            ? (number, year) : null;

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        var (holds, refusal) = await LegalHoldQueries.ListAsync(session, caller, ct);
        if (refusal is not null) return Forbid();
        Holds = holds!;
        Units = (await session.Query<Unit>().OrderBy(u => u.Code).ToListAsync(ct)).ToList();
        return null;
    }
}
