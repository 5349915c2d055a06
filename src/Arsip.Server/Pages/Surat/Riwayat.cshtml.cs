using Arsip.Access;
using Arsip.Attachments;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.Documents;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

public sealed class RiwayatModel(IDocumentStore store) : PageModel
{
    public IReadOnlyList<HistoryEntry> Entries { get; private set; } = [];
    public ChainVerification? Verification { get; private set; }
    public string Title { get; private set; } = "";
    public bool CanVerify { get; private set; }
    public Guid Id { get; private set; }
    public bool Incoming { get; private set; }
    public AuditView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostVerifikasiAsync(Guid id, [FromServices] AnchorSigner signer, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanVerify) return Forbid();
        Verification = await ChainVerifier.VerifyAsync(store, Caller.From(User).Agency, id, signer, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEksporAsync(Guid id, [FromServices] IMessageBus bus, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanVerify) return Forbid();
        var caller = Caller.From(User);
        return new HttpResultAction((await bus.InvokeForTenantAsync<LetterExport>(caller.Agency, new ExportLetterCommand(id, caller), ct)).ToResult(HttpContext));
    }

    private sealed class HttpResultAction(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        if (await LetterHistory.EntriesAsync(session, id, caller, ct) is not { } entries) return false;
        Entries = entries;
        Id = id;
        Incoming = Entries.FirstOrDefault()?.Data is IncomingLetterRegistered;
        Title = Entries.FirstOrDefault()?.Data switch
        {
            IncomingLetterRegistered r => $"Surat masuk {r.AgendaNumber}/{r.AgendaYear}: {r.Subject}",
            _ when await session.LoadAsync<OutgoingLetterView>(id, ct) is { } outgoing =>
                $"Surat keluar {outgoing.LetterNumber ?? "(konsep, belum bernomor)"}: {outgoing.Content.Subject}",
            _ => id.ToString(),
        };
        View = await AuditView.LoadAsync(session, ct);
        CanVerify = caller.Has(Role.Auditor) || caller.Has(Role.Administrator);
        return true;
    }
}
