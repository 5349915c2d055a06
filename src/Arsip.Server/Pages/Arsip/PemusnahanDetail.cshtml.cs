using Arsip.Attachments;
using Arsip.Records;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Arsip.Pages;

/// <summary>One berkas's assessment on the committee member's form.</summary>
public sealed class AssessmentInput
{
    public Guid CaseFileId { get; set; }
    public AssessmentVerdict? Verdict { get; set; }
    public string? Reason { get; set; }
    public int? ExtraYears { get; set; }
}

/// <summary>
/// One disposal (<see cref="DisposalQueries.DetailAsync"/>, as <c>GET /api/disposals/{id}</c>): its berkas with each
/// member's assessment, approvals, progress and PDFs; the forms the caller may use now (<see cref="DisposalQueries.ActionsOf"/>):
/// assess, approve, record the external approval (its scan staged by <see cref="MultipartUpload.FromFormAsync"/>), execute
/// after a confirmation. Each sends the endpoint's own command through the bus.
/// </summary>
public sealed class ArsipPemusnahanDetailModel(IDocumentStore store, IMessageBus bus, IBlobStore blobs, IStringLocalizer<Text> text) : PageModel
{
    public DisposalDetail Detail { get; private set; } = null!;
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public Guid Me { get; private set; }

    [BindProperty] public List<AssessmentInput> Assessments { get; set; } = [];

    public DisposalProposal Disposal => Detail.Disposal;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostNilaiAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var body = new AssessDisposal([.. Assessments.Where(a => a.Verdict is not null).Select(a => new BerkasAssessment(a.CaseFileId, a.Verdict, a.Reason, a.ExtraYears))]);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new AssessDisposalCommand(id, caller, body), ct);
        return await AfterAsync(id, decision.Refusal, "nilai", "assessments", "Penilaian disimpan.", ct);
    }

    public async Task<IActionResult> OnPostSetujuiAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ApproveDisposalCommand(id, caller), ct);
        return await AfterAsync(id, decision.Refusal, "setujui", "approve", "Usul musnah disetujui.", ct);
    }

    public async Task<IActionResult> OnPostTarikAsync(Guid id, string? reason, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new WithdrawDisposalCommand(id, caller, new ProposalReason(reason)), ct);
        return await AfterAsync(id, decision.Refusal, "tarik", "reason", "Usul musnah ditarik kembali; berkasnya dapat diusulkan lagi.", ct);
    }

    public async Task<IActionResult> OnPostTolakAsync(Guid id, string? reason, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RejectDisposalCommand(id, caller, new ProposalReason(reason)), ct);
        return await AfterAsync(id, decision.Refusal, "tolak", "reason", "Usul musnah ditolak; berkasnya dapat diusulkan lagi.", ct);
    }

    public async Task<IActionResult> OnPostEksternalAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var (read, problem) = await MultipartUpload.FromFormAsync(await Request.ReadFormAsync(ct), blobs, 1, ct);
        if (read is not { } upload) return await AfterAsync(id, problem, "eksternal", "file", "", ct);
        await using var _ = upload;
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new RecordDisposalExternalApprovalCommand(id, caller, upload), ct);
        return await AfterAsync(id, decision.Refusal, "eksternal", "file", "Persetujuan eksternal dicatat.", ct);
    }

    public async Task<IActionResult> OnPostLaksanakanAsync(Guid id, bool confirm, CancellationToken ct)
    {
        if (!confirm)
            return await AfterAsync(id, Problems.BadRequest("confirm", "Centang konfirmasi bahwa isi arsip akan dimusnahkan (confirm that the content will be destroyed)."),
                "laksanakan", "confirm", "", ct);
        var caller = Caller.From(User);
        var outcome = await bus.InvokeForTenantAsync<Outcome<DisposalExecution>>(caller.Agency, new ExecuteDisposalCommand(id, caller), ct);
        return await AfterAsync(id, outcome.Decision.Refusal, "laksanakan", "confirm", outcome.Value is { } v ? FormErrors.Localize(v.Message) : "", ct);
    }

    private async Task<IActionResult> AfterAsync(Guid id, Microsoft.AspNetCore.Mvc.ProblemDetails? refusal, string form, string field, string notice, CancellationToken ct)
    {
        if (refusal is null)
        {
            TempData["Notice"] = text[notice].Value;
            return Redirect($"/arsip/pemusnahan/{id}");
        }
        if (refusal.Status == StatusCodes.Status404NotFound) return NotFound();
        Errors = refusal.Status == StatusCodes.Status400BadRequest && refusal is Microsoft.AspNetCore.Mvc.ValidationProblemDetails
            ? FormErrors.From(refusal, form) : FormErrors.AtField(refusal, field, form);
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        Me = caller.PersonId;
        await using var session = store.QuerySession(caller.Agency);
        var (detail, problem) = await DisposalQueries.DetailAsync(session, caller, id, ct);
        if (detail is null) return problem!.Status == StatusCodes.Status404NotFound ? NotFound() : Forbid();
        Detail = detail;
        return null;
    }

    public string Verdicts(Guid caseFileId) => string.Join("; ", Disposal.Committee.Select(m =>
        Disposal.Assessments.FirstOrDefault(a => a.PersonId == m.PersonId && a.CaseFileId == caseFileId) is { } a
            ? $"{m.Name}: {(a.Verdict == AssessmentVerdict.Agree ? text["setuju"] : text["dipertahankan {0} th", a.ExtraYears ?? 0])}"
            : $"{m.Name}: {text["belum menilai"]}"));

    public string Fate(Guid caseFileId) =>
        Disposal.Destroyed.Any(d => d.CaseFileId == caseFileId) ? text["Dimusnahkan"]
        : Disposal.Skipped.FirstOrDefault(s => s.CaseFileId == caseFileId) is { } s ? s.Note
        : Disposal.Withdrawn.FirstOrDefault(w => w.CaseFileId == caseFileId) is { } w ? w.Reason
        : Disposal.Withdrawal is not null ? text["Keluar dari usul (ditarik kembali)"]
        : Disposal.Rejection is not null ? text["Keluar dari usul (ditolak)"]
        : text["Dalam usul"];
}
