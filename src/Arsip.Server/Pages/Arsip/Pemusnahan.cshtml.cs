using Arsip.Records;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Arsip.Pages;

/// <summary>
/// Pemusnahan: the disposals the caller may read (<see cref="DisposalQueries.ListAsync"/>, as <c>GET /api/disposals</c>) and
/// a new proposal from the eligible berkas (<see cref="DisposalQueries.EligibleAsync"/>) with its panitia penilai, sent as
/// <see cref="ProposeDisposalCommand"/> through the bus like <c>POST /api/disposals</c>.
/// </summary>
public sealed class ArsipPemusnahanModel(IDocumentStore store, IMessageBus bus, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    public IReadOnlyList<DisposalSummary> Disposals { get; private set; } = [];
    public IReadOnlyList<EligibleCaseFile> Eligible { get; private set; } = [];
    public IReadOnlyList<CommitteeOption> People { get; private set; } = [];
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public bool MayPropose { get; private set; }

    [BindProperty] public Guid[] CaseFileIds { get; set; } = [];
    [BindProperty] public Guid[] Committee { get; set; } = [];
    [BindProperty] public string? Note { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        var outcome = await bus.InvokeForTenantAsync<Outcome<DisposalProposedResponse>>(caller.Agency,
            new ProposeDisposalCommand(caller, new ProposeDisposal(null, CaseFileIds, Committee, Note)), ct);
        if (outcome.Decision.Refusal is { } refusal)
        {
            Errors = refusal.Status is 400 ? FormErrors.From(refusal, "usul") : FormErrors.AtField(refusal, "caseFileIds", "usul");
            await LoadAsync(ct);
            return Page();
        }
        TempData["Notice"] = text["Usul musnah disimpan; panitia penilai dapat mulai menilai."].Value;
        return Redirect($"/arsip/pemusnahan/{outcome.Value!.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        Disposals = await DisposalQueries.ListAsync(session, caller, null, ct);
        MayPropose = caller.Has(Role.Archivist) || caller.Has(Role.Administrator) || caller.Has(Role.Registrar);
        if (!MayPropose) return;
        var today = (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        Eligible = await DisposalQueries.EligibleAsync(session, caller, today, ct);
        People = await DisposalQueries.CommitteeOptionsAsync(session, today, ct);
    }
}
