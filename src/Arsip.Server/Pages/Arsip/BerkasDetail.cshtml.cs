using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Records;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Arsip.Pages;

/// <summary>
/// One berkas (<see cref="CaseFileQueries.DetailAsync"/>, as <c>GET /api/case-files/{id}</c>) and its work: filing, moving,
/// closing, reopening and recording the trigger, each the API's own command through the bus.
/// </summary>
public sealed class ArsipBerkasDetailModel(IDocumentStore store, IMessageBus bus, ArsipClock clock, IStringLocalizer<Text> text) : PageModel
{
    public const int Candidates = 30;

    public CaseFileDetail Detail { get; private set; } = null!;
    /// <summary>The unit's recent letters the caller sees that are in no berkas yet.</summary>
    public IReadOnlyList<LetterLine> Unfiled { get; private set; } = [];
    /// <summary>Other open berkas the caller may move letters into.</summary>
    public IReadOnlyList<CaseFileRow> Targets { get; private set; } = [];
    public bool CanWork { get; private set; }
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public string? Agenda { get; private set; }
    public string? Reason { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostMasukkanAsync(Guid id, Guid[]? letterIds, string? agenda, CancellationToken ct)
    {
        Agenda = agenda;
        var caller = Caller.From(User);
        var ids = (letterIds ?? []).ToList();
        if (!string.IsNullOrWhiteSpace(agenda))
        {
            var found = await AgendaLettersAsync(caller, agenda, ct);
            if (found is null)
                return await RefusedAsync(id, FormErrors.From(Problems.BadRequest("agenda", text["Nomor agenda {0} tidak ditemukan atau tidak dapat Anda akses; tulis mis. 12/2026.", agenda.Trim()]), "masukkan"));
            ids.AddRange(found.Where(f => !ids.Contains(f)));
        }
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new FileLettersCommand(id, caller, new FileLetters([.. ids])), ct);
        return await AfterAsync(id, decision, "masukkan", "letterIds", text["{0} surat dimasukkan ke berkas.", ids.Count]);
    }

    public async Task<IActionResult> OnPostPindahkanAsync(Guid id, Guid[]? letterIds, Guid? toCaseFileId, string? reason, CancellationToken ct)
    {
        Reason = reason;
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new MoveLettersCommand(id, caller, new MoveLetters(letterIds, toCaseFileId, reason)), ct);
        return await AfterAsync(id, decision, "pindahkan", "letterIds", text["Surat dipindahkan."]);
    }

    public async Task<IActionResult> OnPostTutupAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new CloseCaseFileCommand(id, caller), ct);
        return await AfterAsync(id, decision, "tutup", null, text["Berkas ditutup; retensinya ditetapkan."]);
    }

    public async Task<IActionResult> OnPostBukaKembaliAsync(Guid id, string? reason, CancellationToken ct)
    {
        Reason = reason;
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ReopenCaseFileCommand(id, caller, new ReopenCaseFile(reason)), ct);
        return await AfterAsync(id, decision, "buka", "reason", text["Berkas dibuka kembali."]);
    }

    public async Task<IActionResult> OnPostPemicuAsync(Guid id, RetentionTrigger? trigger, DateOnly? occurredOn, string? note, CancellationToken ct)
    {
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency,
            new RecordRetentionTriggerCommand(id, caller, new RecordRetentionTrigger(trigger, occurredOn, note)), ct);
        return await AfterAsync(id, decision, "pemicu", "occurredOn", text["Pemicu retensi dicatat."]);
    }

    private async Task<IActionResult> AfterAsync(Guid id, Decision decision, string form, string? field, string notice)
    {
        if (decision.Refusal is { } problem)
            return await RefusedAsync(id, field is null ? FormErrors.From(problem, form) : FormErrors.AtField(problem, field, form));
        TempData["Notice"] = notice;
        return Redirect($"/arsip/berkas/{id}");
    }

    private async Task<IActionResult> RefusedAsync(Guid id, FormErrors errors)
    {
        Errors = errors;
        return await LoadAsync(id, HttpContext.RequestAborted) ?? Page();
    }

    /// <summary>"12/2026" or "12" (this year): the incoming letters with that agenda number the caller sees; null when none.</summary>
    private async Task<IReadOnlyList<Guid>?> AgendaLettersAsync(Caller caller, string agenda, CancellationToken ct)
    {
        var parts = agenda.Trim().Split('/', 2);
        if (!int.TryParse(parts[0], out var number)) return null;
        await using var session = store.QuerySession(caller.Agency);
        var year = parts.Length > 1 && int.TryParse(parts[1], out var y) ? y : (await AgencyTime.LoadAsync(session, ct)).Today(clock).Year;
        var letters = await session.Query<IncomingLetterView>().Where(l => l.AgendaNumber == number && l.AgendaYear == year).ToListAsync(ct);
        var visible = letters.Where(l => LetterAccess.CanSee(caller, l.AccessTokens)).Select(l => l.Id).ToList();
        return visible.Count == 0 ? null : visible;
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var caller = Caller.From(User);
        await using var session = store.QuerySession(caller.Agency);
        var today = (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        var (refusal, detail) = await CaseFileQueries.DetailAsync(session, caller, id, today, ct);
        if (refusal is not null) return refusal.Status == StatusCodes.Status403Forbidden ? Forbid() : NotFound();
        Detail = detail!;
        var unit = Detail.CaseFile.UnitId;
        // a transferred berkas is read-only: its forms would only be refused
        CanWork = CaseFileRules.CanWork(caller, unit) && Detail.CaseFile.Custody == Custody.Unit;
        if (!CanWork) return null;
        if (Detail.CaseFile.Status == CaseFileStatus.Open)
        {
            var incoming = await session.Query<IncomingLetterView>()
                .Where(l => l.AddresseeUnitId == unit || l.RegisteredByUnitId == unit)
                .OrderByDescending(l => l.RegisteredAt).Select(l => l.Id).Take(Candidates).ToListAsync(ct);
            var outgoing = await session.Query<OutgoingLetterView>()
                .Where(l => l.DraftedByUnitId == unit && l.LetterNumber != null && l.Status != OutgoingStatus.Cancelled)
                .OrderByDescending(l => l.DraftedAt).Select(l => l.Id).Take(Candidates).ToListAsync(ct);
            var letters = await LettersOnFile.LoadAsync(session, caller, [.. incoming, .. outgoing], ct);
            Unfiled = [.. letters.Values.Where(l => l is { Visible: true, Fileable: true, InCaseFileId: null }).Select(l => l.Line).OrderByDescending(l => l.Date)];
            var (_, open) = await CaseFileQueries.ListAsync(session, caller, null, null, CaseFileStatus.Open, today, ct);
            Targets = [.. open!.CaseFiles.Where(f => f.Id != id && CaseFileRules.CanWork(caller, f.UnitId))];
        }
        return null;
    }

    public static string Direction(LetterDirection direction) => direction == LetterDirection.Incoming ? "Surat masuk" : "Surat keluar";
}
