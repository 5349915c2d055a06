using Microsoft.Extensions.Localization;
using Arsip.Access;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>404 when it does not exist or the caller may not see it.</summary>
public sealed class DetailModel(
    IDocumentStore store, IMessageBus bus, ArsipClock clock, IAuthorizationService authorization, PageTime time, IStringLocalizer<Text> text) : PageModel
{
    public IncomingLetterView Letter { get; private set; } = null!;
    public string? Addressee { get; private set; }

    public string? AsOfNote { get; private set; }

    public DispositionTree? Tree { get; private set; }
    public IReadOnlyDictionary<string, string> InstructionLabels { get; private set; } = new Dictionary<string, string>();

    public DisposeFormView? DisposeForm { get; private set; }

    /// <summary>Certified signatures found in the letter's PDF files (issue 18), by SHA-256; a file without one has no entry.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Signing.SignatureCheck>> Signatures { get; private set; } = new Dictionary<string, IReadOnlyList<Signing.SignatureCheck>>();

    /// <summary>Files larger than this are not read for signatures on every page view.</summary>
    private const long MaxSignatureCheckBytes = 10 * 1024 * 1024;

    [BindProperty] public DisposeForm Dispose { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery] long? versi, [FromQuery] DateTimeOffset? asOf,
        [FromServices] Attachments.IBlobStore blobs, [FromServices] Signing.SignatureChecks signatures, CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        if (await session.LoadAsync<IncomingLetterView>(id, ct) is not { } letter || !LetterAccess.CanSee(caller, letter.AccessTokens))
            return NotFound();
        if (LetterAccess.IsSecret(letter.SecurityLevel))
            await bus.PublishAsync(new SecretLetterRead(id, caller.PersonId, caller.Name, caller.Positions.ToArray(), clock.GetUtcNow()));
        if (DeliveredLetterReads.Counts(caller, letter)) await bus.PublishAsync(DeliveredLetterReads.Of(caller, id, clock.GetUtcNow()), new DeliveryOptions { TenantId = caller.Agency });
        if (versi is not null || asOf is not null)
        {
            if (versi is < 1) return NotFound();
            letter = await session.Events.AggregateStreamAsync<IncomingLetterView>(id, versi ?? 0, asOf?.ToUniversalTime(), token: ct);
            if (letter is null) return NotFound();
            AsOfNote = versi is { } v ? $"versi {v}" : time.Format(asOf!.Value);
            Letter = letter;
            await LoadAddresseeAsync(session, ct);
            return Page();
        }
        Letter = letter;
        Signatures = await SignaturesAsync(letter, blobs, signatures, ct);
        await LoadDispositionsAsync(caller, session, new FormErrors(), ct);
        return Page();
    }

    /// <summary>Each PDF's checks come from <see cref="Signing.SignatureChecks"/>: read and checked on the first view only.</summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<Signing.SignatureCheck>>> SignaturesAsync(
        IncomingLetterView letter, Attachments.IBlobStore blobs, Signing.SignatureChecks signatures, CancellationToken ct)
    {
        var found = new Dictionary<string, IReadOnlyList<Signing.SignatureCheck>>();
        foreach (var file in letter.Files.Where(f => f.ContentType == "application/pdf" && f.Length <= MaxSignatureCheckBytes))
        {
            var checks = await signatures.ForAsync(file.Sha256, async token =>
            {
                await using var stream = await blobs.OpenReadAsync(file.Sha256, token);
                if (stream is null) return null;
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, token);
                return buffer.ToArray();
            }, ct);
            if (checks is [_, ..]) found[file.Sha256] = checks;
        }
        return found;
    }

    /// <summary>The dispose form: the same command, rules and messages as <c>POST /api/letters/{id}/dispositions</c>.</summary>
    public async Task<IActionResult> OnPostDisposisiAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        if (!(await authorization.AuthorizeAsync(User, Policies.Official)).Succeeded) return Forbid();
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new IssueDispositionCommand(id, caller, Dispose.ToCommand(time.Zone)), ct);
        if (decision.Refusal is { } problem)
        {
            if (problem.Status == StatusCodes.Status404NotFound) return NotFound();
            await using var query = store.QuerySession(caller.Agency);
            if (await query.LoadAsync<IncomingLetterView>(id, ct) is not { } letter) return NotFound();
            Letter = letter;
            await LoadDispositionsAsync(caller, query, FormErrors.AtField(problem, "recipients"), ct);
            Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
            return Page();
        }
        var issued = decision.Events.OfType<DispositionIssued>().Single();
        TempData["Notice"] = text["Disposisi terkirim, batas waktu {0}.", time.Format(issued.Deadline)].Value;
        return Redirect($"/surat-masuk/{id}#disposisi");
    }

    private async Task LoadAddresseeAsync(IQuerySession session, CancellationToken ct)
    {
        if (Letter.AddresseePositionId is { } position)
            Addressee = (await session.LoadAsync<Position>(position, ct))?.Title;
    }

    private async Task LoadDispositionsAsync(Caller caller, IQuerySession session, FormErrors errors, CancellationToken ct)
    {
        await LoadAddresseeAsync(session, ct);
        Tree = await DispositionTree.LoadAsync(session, caller, Letter.Id, clock.GetUtcNow(), ct);
        var instructions = await DispositionInstructionList.ForAgencyAsync(session, ct);
        InstructionLabels = instructions.ToDictionary(i => i.Code, i => i.Label);

        var issuer = DispositionIssuing.IssuerPosition(caller, Letter.AddresseePositionId is { } a ? [a] : [], null);
        if (issuer is null || !(await authorization.AuthorizeAsync(User, Policies.Official)).Succeeded) return;
        var positions = await session.Query<Position>().ToListAsync(ct);
        var people = await session.Query<Person>().ToListAsync(ct);
        DisposeForm = new DisposeFormView("Disposisi", "Kirim disposisi",
            Disposing.Candidates(positions, people, issuer.Value, time.Zone.Today(clock)), instructions, Dispose, errors);
    }
}
