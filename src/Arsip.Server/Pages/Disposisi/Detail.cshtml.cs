using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Attachments;
using Arsip.Dispositions;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>Every form sends the API's own commands through the bus, so every rule and message is the API's.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes, ValueCountLimit = 100)]
[RequestSizeLimit(ReportFollowUpHandler.MaxFiles * MaxFileBytes)]
public sealed class DisposisiDetailModel(
    IDocumentStore store, ArsipClock clock, IAuthorizationService authorization, IBlobStore blobs,
    IMessageBus bus, PageTime time, IStringLocalizer<Text> text) : PageModel
{
    /// <summary>Above the blob store's own limit (<c>Arsip:Attachments:MaxBytes</c>, 50 MB by default), which refuses with its message.</summary>
    private const long MaxFileBytes = 200L * 1024 * 1024;

    public DispositionDetail Detail { get; private set; } = null!;
    public Disposition D => Detail.Disposition;
    public IReadOnlyList<Disposition> Chain { get; private set; } = [];
    public DispositionNode? Node { get; private set; }
    public IReadOnlyDictionary<string, string> InstructionLabels { get; private set; } = new Dictionary<string, string>();
    public Guid? RecipientPosition { get; private set; }
    public RecipientView? Mine => RecipientPosition is { } p ? Detail.Recipients.FirstOrDefault(r => r.PositionId == p) : null;
    public bool IsIssuer { get; private set; }
    public bool IsOfficial { get; private set; }
    public DisposeFormView? ForwardForm { get; private set; }

    public string? FailedForm { get; private set; }
    public FormErrors Errors { get; private set; } = new();

    [BindProperty(Name = "text")] public string? Text { get; set; }
    [BindProperty] public string? CompleteNote { get; set; }
    [BindProperty] public string? WithdrawReason { get; set; }
    [BindProperty] public DisposeForm Dispose { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        return await ShowAsync(caller, id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostTindakLanjutAsync(Guid id, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Official)).Succeeded) return Forbid();
        if (!Request.HasFormContentType || Request.Form.Files.All(f => f.Length == 0 && string.IsNullOrEmpty(f.FileName)))
            return await SendAsync(id, "tindak-lanjut", "Tindak lanjut tercatat.", caller => new ReportFollowUpCommand(id, caller, new ReportFollowUp(Text)), ct);
        var (read, problem) = await MultipartUpload.FromFormAsync(Request.Form, blobs, ReportFollowUpHandler.MaxFiles, ct);
        if (read is not { } upload)
            return await AfterAsync(Caller.From(User), id, Decision.Refuse(problem is ValidationProblemDetails ? problem : Problems.BadRequest("files", problem!.Detail ?? problem.Title ?? "")),
                "tindak-lanjut", "", ct);
        await using var _ = upload;
        return await SendAsync(id, "tindak-lanjut", "Tindak lanjut tercatat.", caller => new ReportFollowUpCommand(id, caller, new ReportFollowUp(Text), upload), ct);
    }

    public Task<IActionResult> OnPostSelesaiAsync(Guid id, CancellationToken ct) => SendAsync(id, "selesai", "Disposisi ditandai selesai.",
        caller => new CompleteDispositionCommand(id, caller, new CompleteDisposition(CompleteNote)), ct);

    public Task<IActionResult> OnPostTarikAsync(Guid id, CancellationToken ct) => SendAsync(id, "tarik", "Disposisi ditarik.",
        caller => new WithdrawDispositionCommand(id, caller, new WithdrawDisposition(WithdrawReason)), ct);

    public Task<IActionResult> OnPostTutupAsync(Guid id, CancellationToken ct) => SendAsync(id, "tutup", "Disposisi ditutup.",
        caller => new CloseDispositionCommand(id, caller), ct);

    public Task<IActionResult> OnPostTeruskanAsync(Guid id, CancellationToken ct) => SendAsync(id, "teruskan", "Disposisi diteruskan.",
        caller => new ForwardDispositionCommand(id, caller, Dispose.ToCommand(time.Zone)), ct);

    /// <summary>The page's path to a use case is the endpoint's: the command goes to its handler through the bus.</summary>
    private async Task<IActionResult> SendAsync(Guid id, string form, string notice, Func<Caller, object> command, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!(await authorization.AuthorizeAsync(User, Policies.Official)).Succeeded) return Forbid();
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, command(caller), ct);
        return await AfterAsync(caller, id, decision, form, notice, ct);
    }

    private async Task<IActionResult> AfterAsync(Caller caller, Guid id, Decision decision, string form, string notice, CancellationToken ct)
    {
        if (decision.Refusal is not { } problem)
        {
            TempData["Notice"] = text[notice].Value;
            return Redirect($"/disposisi/{id}");
        }
        if (problem.Status == StatusCodes.Status404NotFound) return NotFound();
        FailedForm = form;
        Errors = form == "teruskan" ? FormErrors.AtField(problem, "recipients") : FormErrors.From(problem);
        if (!await ShowAsync(caller, id, ct)) return NotFound();
        Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> ShowAsync(Caller caller, Guid id, CancellationToken ct)
    {
        if ((await bus.InvokeForTenantAsync<DispositionOpened>(caller.Agency, new ReadDispositionCommand(id, caller), ct)).Detail is not { } detail) return false;
        Detail = detail;
        await using var session = store.QuerySession(caller.Agency);
        // the whole letter's slips in one query: the chain above and the subtree below come from it
        var slips = await session.Query<Disposition>().Where(d => d.LetterId == D.LetterId).ToListAsync(ct);
        var byId = slips.ToDictionary(d => d.Id);
        var chain = new List<Disposition>();
        for (var parent = D.ParentId; parent is { } p && byId.TryGetValue(p, out var up) && chain.Count < byId.Count; parent = up.ParentId)
            chain.Insert(0, up);
        Chain = chain;
        Node = Find(DispositionTree.Build(D.LetterId, slips, clock.GetUtcNow()).Dispositions, id);

        var instructions = await DispositionInstructionList.ForAgencyAsync(session, ct);
        InstructionLabels = instructions.ToDictionary(i => i.Code, i => i.Label);
        RecipientPosition = DispositionAccess.RecipientPosition(caller, D);
        IsIssuer = DispositionAccess.IsIssuer(caller, D);
        IsOfficial = (await authorization.AuthorizeAsync(User, Policies.Official)).Succeeded;
        if (IsOfficial && RecipientPosition is { } position && D.State == DispositionState.Open)
        {
            var positions = await session.Query<Position>().ToListAsync(ct);
            var people = await session.Query<Person>().ToListAsync(ct);
            ForwardForm = new DisposeFormView("Teruskan", "Teruskan disposisi", Disposing.Candidates(positions, people, position, time.Zone.Today(clock)),
                instructions, Dispose, FailedForm == "teruskan" ? Errors : new FormErrors());
        }
        return true;
    }

    private static DispositionNode? Find(IEnumerable<DispositionNode> nodes, Guid id)
    {
        foreach (var node in nodes)
        {
            if (node.Id == id) return node;
            if (Find(node.Children, id) is { } found) return found;
        }
        return null;
    }

    public FormErrors ErrorsFor(string form) => FailedForm == form ? Errors : new FormErrors();
}
