using Arsip.Records;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Arsip.Pages;

/// <summary>
/// Penilaian kembali: the re-appraisals (<see cref="ReappraisalQueries.ListAsync"/>), opening one from the eligible berkas
/// (<see cref="OpenReappraisalCommand"/>) and, for the records centre's head, the outcome per berkas
/// (<see cref="RecordReappraisalCommand"/>), each through the bus as the endpoints send them.
/// </summary>
public sealed class ArsipPenilaianKembaliModel(IDocumentStore store, IMessageBus bus, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<ReappraisalDetail> Reappraisals { get; private set; } = [];
    public IReadOnlyList<ReappraisalItem> Eligible { get; private set; } = [];
    public bool MayOpen { get; private set; }
    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostBukaAsync(Guid[]? caseFileIds, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var outcome = await bus.InvokeForTenantAsync<Outcome<ReappraisalOpenedResponse>>(caller.Agency, new OpenReappraisalCommand(caller, new OpenReappraisal(caseFileIds ?? [])), ct);
        if (outcome.Decision.Refusal is { } refusal)
        {
            Errors = FormErrors.AtField(refusal, "caseFileIds", "buka");
            return await LoadAsync(ct) ?? Page();
        }
        TempData["Notice"] = text["Penilaian kembali dibuka; kepala unit kearsipan menetapkan hasilnya per berkas."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostNilaiAsync(Guid id, Guid caseFileId, FinalAction? outcome, string? reason, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RecordReappraisalCommand(id, caller, new RecordReappraisal(caseFileId, outcome, reason)), ct);
        if (decision.Refusal is { } refusal)
        {
            Errors = FormErrors.AtField(refusal, "reason", $"nilai-{caseFileId}");
            return await LoadAsync(ct) ?? Page();
        }
        TempData["Notice"] = text["Hasil penilaian kembali dicatat."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTarikAsync(Guid id, string? reason, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new WithdrawReappraisalCommand(id, caller, new ProposalReason(reason)), ct);
        if (decision.Refusal is { } refusal)
        {
            Errors = FormErrors.AtField(refusal, "reason", $"tarik-{id}");
            return await LoadAsync(ct) ?? Page();
        }
        TempData["Notice"] = text["Penilaian kembali ditarik; berkas yang belum dinilai dapat dinilai kembali lagi."].Value;
        return RedirectToPage();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        var (refusal, list) = await ReappraisalQueries.ListAsync(session, caller, null, ct);
        if (list is null) return refusal!.Status == StatusCodes.Status403Forbidden ? Forbid() : NotFound();
        Reappraisals = list;
        MayOpen = ReappraisalRules.MayOpen(caller);
        if (MayOpen) Eligible = (await ReappraisalQueries.EligibleAsync(session, caller, (await AgencyTime.LoadAsync(session, ct)).Today(clock), ct)).Files ?? [];
        return null;
    }
}
