using Arsip.Exchange;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The administrator's outbox of letters to other installations: what waits, why, when it is tried next; retry now or cancel.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AdminKirimanModel(IDocumentStore store, IMessageBus bus, Microsoft.Extensions.Options.IOptions<ExchangeOptions> options) : PageModel
{
    public int RefusalsKept => options.Value.RefusalsKept;
    public IReadOnlyList<EnvelopeLine> Envelopes { get; private set; } = [];
    /// <summary>"Didisposisikan"/"dibaca" receipts this agency owes senders at other installations.</summary>
    public IReadOnlyList<ReceiptLine> Receipts { get; private set; } = [];
    /// <summary>Envelopes and receipts this installation refused that name this agency.</summary>
    public IReadOnlyList<ExchangeRefusal> Refusals { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public bool Semua { get; set; }
    public string? Error { get; private set; }

    /// <summary>Whether this agency tells senders "didisposisikan" and "dibaca" (the same settings as <c>/api/exchange/receipt-settings</c>).</summary>
    public ReceiptSettings Settings { get; private set; } = ReceiptSettings.Default;
    [BindProperty] public bool KirimDisposisi { get; set; }
    [BindProperty] public bool KirimDibaca { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Envelopes = await Arsip.Exchange.Outbox.ListAsync(session, Semua, ct);
        Receipts = await ReceiptOutbox.ListAsync(session, Semua, ct);
        Settings = await ReceiptSettings.OfAsync(session, ct);
        Refusals = await RefusalLog.ListAsync(store, Caller.From(User).Agency, ct);
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

    public Task<IActionResult> OnPostTandaTerimaUlangAsync(Guid id, CancellationToken ct) =>
        ActAsync(new ReceiptOutboxAction(id, false, Caller.From(User).Name), "Tanda terima dikirim ulang sekarang.", ct);

    public Task<IActionResult> OnPostTandaTerimaBatalAsync(Guid id, CancellationToken ct) =>
        ActAsync(new ReceiptOutboxAction(id, true, Caller.From(User).Name), "Pengiriman tanda terima dibatalkan.", ct);

    private Task<IActionResult> ActAsync(Guid id, bool cancel, string notice, CancellationToken ct) =>
        ActAsync(new OutboxActionCommand(id, cancel, Caller.From(User).Name), notice, ct);

    private async Task<IActionResult> ActAsync(object command, string notice, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, command, ct);
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
