using Arsip.Exchange;
using Arsip.Onboarding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The operator's peer directory: this installation's key to read out to peers, and each peer's URL, key and agencies.</summary>
public sealed class OperatorInstallationModel(IMessageBus bus, ExchangeKey key, AgencyDirectory agencies, IDocumentStore store) : PageModel
{
    public sealed class PeerForm
    {
        public string? PeerId { get; set; }
        public string? Name { get; set; }
        public string? BaseUrl { get; set; }
        public string? PublicKey { get; set; }
        public string? Agencies { get; set; }
    }

    [BindProperty] public PeerForm Form { get; set; } = new();
    public PeerList Directory { get; private set; } = null!;
    public string? Error { get; private set; }

    /// <summary>Every refused envelope and receipt, also those naming no agency here (an unknown sender's, an oversize one).</summary>
    public IReadOnlyList<ExchangeRefusal> Refusals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Directory = await InstallationIdentityEndpoints.List(key, agencies, store, ct);
        Refusals = await RefusalLog.ListAsync(store, null, ct);
    }

    public async Task<IActionResult> OnPostSimpanAsync(CancellationToken ct)
    {
        var f = Form;
        var list = (f.Agencies ?? "").Split([',', '\n', ' '], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var decision = await bus.InvokeForTenantAsync<Decision>(Installation.Tenant,
            new SetPeerInstallationCommand(f.PeerId?.Trim() ?? "", new SetPeerInstallation(f.Name, f.BaseUrl, f.PublicKey, list), Caller.From(User).Name), ct);
        return await AfterAsync(decision, $"Instalasi {f.PeerId} disimpan (peer saved).", ct);
    }

    public async Task<IActionResult> OnPostHapusAsync(string peerId, CancellationToken ct) =>
        await AfterAsync(await bus.InvokeForTenantAsync<Decision>(Installation.Tenant, new RemovePeerInstallationCommand(peerId, Caller.From(User).Name), ct),
            $"Instalasi {peerId} dihapus dari direktori (peer removed).", ct);

    private async Task<IActionResult> AfterAsync(Decision decision, string notice, CancellationToken ct)
    {
        if (decision.Refusal is { } problem)
        {
            Error = problem is ValidationProblemDetails v && v.Errors.Count > 0 ? string.Join(" ", v.Errors.SelectMany(e => e.Value)) : problem.Detail ?? problem.Title;
            Directory = await InstallationIdentityEndpoints.List(key, agencies, store, ct);
            return Page();
        }
        TempData["Notice"] = FormErrors.Localize(notice);
        return RedirectToPage();
    }
}
