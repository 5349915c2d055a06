using Arsip.Attachments;
using Arsip.Records;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Arsip.Pages;

/// <summary>
/// One handover (<see cref="HandoverQueries.DetailAsync"/>, as <c>GET /api/handovers/{id}</c>): its berkas, those left out and why, the
/// package build's progress, the PDFs and the package; the steps the caller may take (approve, build again, record the
/// acceptance with the receipt's scan), each the API's command through the bus.
/// </summary>
public sealed class ArsipPenyerahanDetailModel(IDocumentStore store, IMessageBus bus, IBlobStore blobs, IStringLocalizer<Text> text) : PageModel
{
    public HandoverDetail Detail { get; private set; } = null!;
    public FormErrors Errors { get; private set; } = FormErrors.None;

    [BindProperty] public string? ReceiptNumber { get; set; }
    [BindProperty] public DateOnly? ReceiptDate { get; set; }
    [BindProperty] public string? ReceivedBy { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public Task<IActionResult> OnPostSetujuiAsync(Guid id, CancellationToken ct) =>
        SendAsync(id, "setujui", "Penyerahan disetujui; paket sedang dibuat.", caller => new ApproveHandoverCommand(id, caller), ct);

    public Task<IActionResult> OnPostTarikAsync(Guid id, string? reason, CancellationToken ct) =>
        SendAsync(id, "tarik", "Usulan penyerahan ditarik kembali; berkasnya dapat diusulkan lagi.", caller => new WithdrawHandoverCommand(id, caller, new ProposalReason(reason)), ct);

    public Task<IActionResult> OnPostTolakAsync(Guid id, string? reason, CancellationToken ct) =>
        SendAsync(id, "tolak", "Usulan penyerahan ditolak; berkasnya dapat diusulkan lagi.", caller => new RejectHandoverCommand(id, caller, new ProposalReason(reason)), ct);

    public async Task<IActionResult> OnPostBuatAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var outcome = await bus.InvokeForTenantAsync<Outcome<HandoverPackageRequest>>(caller.Agency, new RequestHandoverPackageCommand(id, caller), ct);
        if (outcome.Decision.Refusal is { } refusal) return await RefusedAsync(id, refusal, "buat", ct);
        TempData["Notice"] = FormErrors.Localize(outcome.Value!.Message);
        return Redirect($"/arsip/penyerahan/{id}");
    }

    public async Task<IActionResult> OnPostTerimaAsync(Guid id, CancellationToken ct)
    {
        var body = new AcceptHandover(ReceiptNumber, ReceiptDate, ReceivedBy);
        if (!Request.HasFormContentType || Request.Form.Files.All(f => f.Length == 0 && string.IsNullOrEmpty(f.FileName)))
            return await SendAsync(id, "terima", "Penerimaan penyerahan tercatat.", caller => new AcceptHandoverCommand(id, caller, body), ct);
        var (read, problem) = await MultipartUpload.FromFormAsync(Request.Form, blobs, 1, ct);
        if (read is not { } upload) return await RefusedAsync(id, problem!, "terima", ct);
        await using var _ = upload;
        return await SendAsync(id, "terima", "Penerimaan penyerahan tercatat.", caller => new AcceptHandoverCommand(id, caller, body, upload), ct);
    }

    private async Task<IActionResult> SendAsync(Guid id, string form, string notice, Func<Caller, object> command, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, command(caller), ct);
        if (decision.Refusal is { } refusal) return await RefusedAsync(id, refusal, form, ct);
        TempData["Notice"] = text[notice].Value;
        return Redirect($"/arsip/penyerahan/{id}");
    }

    private async Task<IActionResult> RefusedAsync(Guid id, ProblemDetails refusal, string form, CancellationToken ct)
    {
        Errors = FormErrors.From(refusal, form);
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        if (!await HandoverQueries.MayReadAsync(session, caller, ct)) return Forbid();
        if (await HandoverQueries.DetailAsync(session, caller, id, ct) is not { } detail) return NotFound();
        Detail = detail;
        return null;
    }
}
