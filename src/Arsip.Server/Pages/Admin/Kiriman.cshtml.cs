using Arsip.Exchange;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The administrator's outbox of letters to other installations: what waits, why, when it is tried next; retry now or cancel.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AdminKirimanModel(IDocumentStore store, IMessageBus bus) : PageModel
{
    public IReadOnlyList<EnvelopeLine> Envelopes { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public bool Semua { get; set; }
    public string? Error { get; private set; }

    /// <summary>Whether this agency tells senders "didisposisikan" and "dibaca" (the same settings as <c>/api/exchange/receipt-settings</c>).</summary>
    public ReceiptSettings Receipts { get; private set; } = ReceiptSettings.Default;
    [BindProperty] public bool KirimDisposisi { get; set; }
    [BindProperty] public bool KirimDibaca { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Envelopes = await Arsip.Exchange.Outbox.ListAsync(session, Semua, ct);
        Receipts = await ReceiptSettings.OfAsync(session, ct);
    }

    public async Task<IActionResult> OnPostTandaTerimaAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency,
            new SetReceiptSettingsCommand(new SetReceiptSettings(KirimDisposisi, KirimDibaca), caller.Name), ct);
        if (decision.Refusal is { } problem)
        {
            Error = problem.Detail ?? problem.Title;
            await OnGetAsync(ct);
            return Page();
        }
        TempData["Notice"] = FormErrors.Localize("Pengaturan tanda terima disimpan.");
        return RedirectToPage(new { Semua });
    }

    public Task<IActionResult> OnPostUlangAsync(Guid id, CancellationToken ct) => ActAsync(id, cancel: false, "Amplop dikirim ulang sekarang.", ct);

    public Task<IActionResult> OnPostBatalAsync(Guid id, CancellationToken ct) => ActAsync(id, cancel: true, "Pengiriman amplop dibatalkan.", ct);

    private async Task<IActionResult> ActAsync(Guid id, bool cancel, string notice, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new OutboxActionCommand(id, cancel, caller.Name), ct);
        if (decision.Refusal is { } problem)
        {
            Error = problem.Detail ?? problem.Title;
            await OnGetAsync(ct);
            return Page();
        }
        TempData["Notice"] = FormErrors.Localize(notice);
        return RedirectToPage(new { Semua });
    }
}
