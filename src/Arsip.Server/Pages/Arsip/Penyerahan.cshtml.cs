using Arsip.Records;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Arsip.Pages;

/// <summary>
/// Handovers (penyerahan): the list (<see cref="HandoverQueries.ListAsync"/>, as <c>GET /api/handovers</c>) and the proposal form
/// over the berkas that may go today (<see cref="HandoverQueries.EligibleAsync"/>), sent as <see cref="ProposeHandoverCommand"/> through the bus.
/// </summary>
public sealed class ArsipPenyerahanModel(IDocumentStore store, IMessageBus bus, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<HandoverSummary> Handovers { get; private set; } = [];
    public IReadOnlyList<HandoverCandidate> Eligible { get; private set; } = [];
    public bool MayPropose { get; private set; }
    public FormErrors Errors { get; private set; } = FormErrors.None;

    [BindProperty] public string? Institution { get; set; }
    [BindProperty] public List<Guid> CaseFileIds { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var outcome = await bus.InvokeForTenantAsync<Outcome<HandoverProposedResponse>>(caller.Agency,
            new ProposeHandoverCommand(caller, new ProposeHandover(Institution, [.. CaseFileIds])), ct);
        if (outcome.Decision.Refusal is { } refusal)
        {
            Errors = FormErrors.From(refusal, "usul");
            return await LoadAsync(ct) ?? Page();
        }
        TempData["Notice"] = text["Usul penyerahan {0} dibuat; menunggu persetujuan kepala instansi.", outcome.Value!.Number].Value;
        return Redirect($"/arsip/penyerahan/{outcome.Value.Id}");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        if (!await HandoverQueries.MayReadAsync(session, caller, ct)) return Forbid();
        Handovers = await HandoverQueries.ListAsync(session, null, ct);
        MayPropose = caller.Has(Role.Archivist) || caller.Has(Role.Administrator) || caller.Has(Role.Registrar);
        if (MayPropose) Eligible = await HandoverQueries.EligibleAsync(session, (await AgencyTime.LoadAsync(session, ct)).Today(clock), ct);
        return null;
    }

    public static string StatusLabel(HandoverStatus status) => status switch
    {
        HandoverStatus.Proposed => "Diusulkan",
        HandoverStatus.Approved => "Disetujui",
        HandoverStatus.Building => "Paket sedang dibuat",
        HandoverStatus.Built => "Paket siap",
        HandoverStatus.Withdrawn => "Ditarik kembali",
        HandoverStatus.Rejected => "Ditolak kepala instansi",
        _ => "Diterima lembaga kearsipan",
    };
}
