using Arsip.Records;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Arsip.Pages;

/// <summary>
/// One pemindahan (<see cref="TransferQueries.DetailAsync"/>, as <c>GET /api/transfers/{id}</c>): the list, the steps, the
/// PDFs, and only the forms the caller may use next (<see cref="TransferDetail.NextSteps"/>), each sending the endpoint's command.
/// </summary>
public sealed class ArsipPemindahanDetailModel(IDocumentStore store, IMessageBus bus, IStringLocalizer<Text> text) : PageModel
{
    public TransferDetail Detail { get; private set; } = null!;
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public bool May(string step) => Detail.NextSteps.Contains(step);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostAjukanAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, c => new SubmitTransferCommand(id, c), "ajukan", "reason", "Usulan diajukan kepada kepala unit.", ct);

    public Task<IActionResult> OnPostKeluarkanAsync(Guid id, Guid[]? remove, CancellationToken ct) =>
        SendAsync(id, c => new ChangeTransferCaseFilesCommand(id, c, new ChangeTransferCaseFiles([], remove ?? [])), "keluarkan", "remove", "Berkas dikeluarkan dari usulan.", ct);

    public Task<IActionResult> OnPostSetujuiAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, c => new ApproveTransferCommand(id, c), "setujui", "reason", "Usulan pemindahan disetujui.", ct);

    public Task<IActionResult> OnPostKembalikanAsync(Guid id, string? reason, CancellationToken ct) =>
        SendAsync(id, c => new RejectTransferCommand(id, c, new TransferReason(reason)), "kembalikan", "reason", "Usulan pemindahan ditolak; berkasnya kembali ke unit.", ct);

    public Task<IActionResult> OnPostTarikAsync(Guid id, string? reason, CancellationToken ct) =>
        SendAsync(id, c => new WithdrawTransferCommand(id, c, new ProposalReason(reason)), "tarik", "reason", "Usulan pemindahan ditarik kembali; berkasnya dapat diusulkan lagi.", ct);

    public Task<IActionResult> OnPostTolakAsync(Guid id, string? reason, CancellationToken ct) =>
        SendAsync(id, c => new RefuseTransferCommand(id, c, new TransferReason(reason)), "tolak", "reason", "Pemindahan ditolak unit kearsipan.", ct);

    public async Task<IActionResult> OnPostTerimaAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var outcome = await bus.InvokeForTenantAsync<Outcome<TransferAcceptance>>(caller.Agency, new AcceptTransferCommand(id, caller), ct);
        if (outcome.Decision.Refusal is { } refusal)
        {
            Errors = FormErrors.AtField(refusal, "accept", "terima");
            return await LoadAsync(id, ct) ?? Page();
        }
        TempData["Notice"] = FormErrors.Localize(outcome.Value!.Message);
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> SendAsync(Guid id, Func<Caller, object> command, string form, string field, string notice, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, command(caller), ct);
        if (decision.Refusal is { } refusal)
        {
            Errors = FormErrors.AtField(refusal, field, form);
            return await LoadAsync(id, ct) ?? Page();
        }
        TempData["Notice"] = text[notice].Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        var (refusal, detail) = await TransferQueries.DetailAsync(session, caller, id, ct);
        if (detail is null) return refusal!.Status == StatusCodes.Status403Forbidden ? Forbid() : NotFound();
        Detail = detail;
        return null;
    }
}
