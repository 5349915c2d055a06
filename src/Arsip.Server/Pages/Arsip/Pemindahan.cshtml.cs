using Arsip.Organization;
using Arsip.Records;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Arsip.Pages;

/// <summary>
/// Pemindahan: the proposals the caller may read (<see cref="TransferQueries.ListAsync"/>, as <c>GET /api/transfers</c>)
/// and a new proposal from a unit's eligible berkas (<see cref="TransferQueries.EligibleAsync"/>), sent as
/// <see cref="ProposeTransferCommand"/> through the bus like the endpoint.
/// </summary>
public sealed class ArsipPemindahanModel(IDocumentStore store, IMessageBus bus, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<TransferSummary> Transfers { get; private set; } = [];
    public IReadOnlyList<Unit> Units { get; private set; } = [];
    public Guid? Unit { get; private set; }
    public TransferStatus? Status { get; private set; }
    public IReadOnlyList<TransferCandidate> Eligible { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task<IActionResult> OnGetAsync(Guid? unit, TransferStatus? status, CancellationToken ct)
    {
        (Unit, Status) = (unit, status);
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostUsulkanAsync(Guid? unit, Guid[]? caseFileIds, CancellationToken ct)
    {
        var caller = Caller.From(User);
        Unit = unit;
        var outcome = await bus.InvokeForTenantAsync<Outcome<TransferProposedResponse>>(caller.Agency,
            new ProposeTransferCommand(caller, new ProposeTransfer(unit, caseFileIds ?? [])), ct);
        if (outcome.Decision.Refusal is { } refusal)
        {
            Errors = FormErrors.AtField(refusal, "caseFileIds", "usulkan");
            return await LoadAsync(ct) ?? Page();
        }
        TempData["Notice"] = text["Usulan pemindahan dibuat sebagai draf; periksa lalu ajukan kepada kepala unit."].Value;
        return RedirectToPage("/Arsip/PemindahanDetail", new { id = outcome.Value!.Id });
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        Transfers = await TransferQueries.ListAsync(session, caller, Status, null, ct);
        Units = (await session.Query<Unit>().OrderBy(u => u.Code).ToListAsync(ct)).Where(u => CaseFileRules.CanWork(caller, u.Id)).ToList();
        if (Unit is null && Units.Count > 0) Unit = Units.FirstOrDefault(u => caller.Units.Contains(u.Id))?.Id ?? Units[0].Id;
        if (Unit is { } id && Units.Any(u => u.Id == id))
        {
            var (_, files) = await TransferQueries.EligibleAsync(session, caller, id, (await AgencyTime.LoadAsync(session, ct)).Today(clock), ct);
            Eligible = files ?? [];
        }
        return null;
    }

    public static string StatusLabel(TransferStatus status) => status switch
    {
        TransferStatus.Draft => "Draf",
        TransferStatus.Submitted => "Menunggu persetujuan kepala unit",
        TransferStatus.Approved => "Menunggu penerimaan unit kearsipan",
        TransferStatus.Accepted => "Dipindahkan",
        TransferStatus.Rejected => "Ditolak kepala unit",
        TransferStatus.Withdrawn => "Ditarik kembali",
        _ => "Ditolak unit kearsipan",
    };
}
