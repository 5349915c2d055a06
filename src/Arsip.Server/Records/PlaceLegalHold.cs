using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.Organization;
using Wolverine.Runtime.Handlers;

namespace Arsip.Records;

/// <summary>Place a hold (penangguhan) on exactly one of: a letter, a berkas, or a query. <c>Id</c> is optional: a client that
/// sends its own id gets the same hold back (200) on a resend, and 409 when the resend differs.</summary>
public sealed record PlaceLegalHold(Guid? Id, Guid? LetterId, Guid? CaseFileId, HoldQuery? Query, string? Reason, string? Reference);

public sealed record PlaceLegalHoldCommand(Caller Caller, PlaceLegalHold Body);

public sealed record LegalHoldPlacedResponse(Guid Id) : CreationResponse($"/api/legal-holds/{Id}");

/// <summary>What the handler looked up for the decision: whether the target exists and the caller may see it, whether the query's unit exists.</summary>
public sealed record HoldTargetLookup(bool TargetFound, bool UnitKnown);

public static class PlaceLegalHoldHandler
{
    /// <summary>The held records may be appended to meanwhile: <see cref="LostRaces"/>.</summary>
    public static void Configure(HandlerChain chain) => LostRaces.RetryLostRaces(chain);

    public const int MaxText = 2000;

    public static Decision Decide(PlaceLegalHoldCommand command, LegalHold? existing, HoldTargetLookup lookup, Guid newId, DateTimeOffset now)
    {
        var (caller, body) = (command.Caller, command.Body);
        if (!LegalHolds.MayHold(caller))
            return Decision.Refuse(Problems.Forbidden("Hanya arsiparis, auditor atau administrator yang dapat menempatkan penangguhan (only archivists, auditors and administrators place holds)."));
        var errors = new Dictionary<string, string[]>();
        var targets = (body.LetterId is null ? 0 : 1) + (body.CaseFileId is null ? 0 : 1) + (body.Query is null ? 0 : 1);
        if (targets != 1)
            errors["target"] = ["Pilih tepat satu sasaran: surat, berkas, atau kueri (exactly one of letterId, caseFileId, query)."];
        var query = Normalize(body.Query);
        if (body.Query is not null)
        {
            if (query is null)
                errors["query"] = ["Kueri penangguhan perlu paling sedikit satu bagian: klasifikasi, pengirim, periode atau unit (a query needs at least one part)."];
            else if (query.ClassificationPrefix is { } prefix && !ClassificationCode.IsWellFormed(prefix))
                errors["query.classificationPrefix"] = [$"Kode klasifikasi {prefix} tidak valid (not a classification code, e.g. 800 or 800.1)."];
            else if (query.From > query.To)
                errors["query.to"] = ["Akhir periode sebelum awalnya (the period ends before it starts)."];
            else if (query.Sender?.Length > 200)
                errors["query.sender"] = ["Pengirim paling banyak 200 karakter (sender at most 200 characters)."];
            else if (query.UnitId is { } unit && !lookup.UnitKnown)
                errors["query.unitId"] = [$"Unit {unit} tidak ada di instansi ini (unit not in this agency)."];
        }
        var reason = body.Reason?.Trim();
        var reference = body.Reference?.Trim();
        if (string.IsNullOrEmpty(reason)) errors["reason"] = ["Alasan penangguhan wajib diisi (a reason is required)."];
        else if (reason.Length > MaxText) errors["reason"] = [$"Alasan paling banyak {MaxText} karakter (reason at most {MaxText} characters)."];
        if (string.IsNullOrEmpty(reference)) errors["reference"] = ["Rujukan wajib diisi, mis. nomor perkara atau surat tugas audit (a reference is required, e.g. a case or audit number)."];
        else if (reference.Length > MaxText) errors["reference"] = [$"Rujukan paling banyak {MaxText} karakter (reference at most {MaxText} characters)."];
        if (errors.Count > 0)
            return Decision.Refuse(new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Permintaan tidak valid (invalid request)" });

        if (!lookup.TargetFound)
            return Decision.Refuse(body.LetterId is { } letter ? Problems.NotFound("Surat", letter) : Problems.NotFound("Berkas", body.CaseFileId!.Value));
        var target = body.LetterId is not null ? HoldTarget.Letter : body.CaseFileId is not null ? HoldTarget.CaseFile : HoldTarget.Query;
        var placed = new LegalHoldPlaced(body.Id ?? newId, target, body.LetterId, body.CaseFileId, query, reason!, reference!, caller.PersonId, caller.Name, now);
        if (existing is not null)
            return existing.Target == placed.Target && existing.LetterId == placed.LetterId && existing.CaseFileId == placed.CaseFileId
                   && existing.Query == placed.Query && existing.Reason == placed.Reason && existing.Reference == placed.Reference
                ? Decision.Accept()
                : Decision.Refuse(Problems.Conflict($"Penangguhan {existing.Id} sudah ada dengan isi lain (a different hold already has this id)."));
        return (body.LetterId ?? body.CaseFileId) is { } held
            ? Decision.Accept(placed, new RecordHeld(held, placed.HoldId, placed.Reason, placed.Reference, caller.Name, now))
            : Decision.Accept(placed);
    }

    /// <summary>The query with blank parts dropped and text trimmed; null when no part is left.</summary>
    public static HoldQuery? Normalize(HoldQuery? q)
    {
        if (q is null) return null;
        var n = new HoldQuery(Blank(q.ClassificationPrefix), Blank(q.Sender), q.From, q.To, q.UnitId);
        return n is { ClassificationPrefix: null, Sender: null, From: null, To: null, UnitId: null } ? null : n;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static async Task<Outcome<LegalHoldPlacedResponse>> Handle(PlaceLegalHoldCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var body = command.Body;
        var existing = body.Id is { } id ? await session.LoadAsync<LegalHold>(id, ct) : null;
        var lookup = new HoldTargetLookup(
            body.LetterId is { } letter ? await LetterVisibleAsync(session, command.Caller, letter, ct)
            : body.CaseFileId is not { } file || await session.LoadAsync<CaseFile>(file, ct) is not null,
            body.Query?.UnitId is not { } unit || await session.LoadAsync<Unit>(unit, ct) is not null);
        var now = clock.GetUtcNow();
        var decision = Decide(command, existing, lookup, Guid.CreateVersion7(now), now);
        if (decision.Events.OfType<LegalHoldPlaced>().SingleOrDefault() is { } placed)
        {
            session.Events.StartStream<LegalHold>(placed.HoldId, placed);
            foreach (var held in decision.Events.OfType<RecordHeld>()) session.Events.Append(held.RecordId, held);
        }
        return new(decision, decision.Refused ? null : new LegalHoldPlacedResponse(existing?.Id ?? decision.Events.OfType<LegalHoldPlaced>().Single().HoldId));
    }

    public static async Task<bool> LetterVisibleAsync(IQuerySession session, Caller caller, Guid letterId, CancellationToken ct) =>
        (await session.LoadAsync<IncomingLetterView>(letterId, ct))?.AccessTokens is { } incoming ? LetterAccess.CanSee(caller, incoming)
        : (await session.LoadAsync<OutgoingLetterView>(letterId, ct))?.AccessTokens is { } outgoing && LetterAccess.CanSee(caller, outgoing);

    [WolverinePost("/api/legal-holds")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [Tags("Arsip")]
    [EndpointSummary("Place a legal hold (penangguhan) on a letter, a berkas or a query, with a reason and reference; a resend with the same id and content answers 200")]
    [EndpointDescription("Exactly one of letterId, caseFileId, query (classificationPrefix, sender, from, to, unitId; at least one part). Archivists, auditors and administrators.")]
    [ProducesResponseType<LegalHoldPlacedResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<LegalHoldPlacedResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [Authorize]
    public static async Task<IResult> Post(PlaceLegalHold body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<LegalHoldPlacedResponse>>(caller.Agency, new PlaceLegalHoldCommand(caller, body), ct);
        return outcome.Decision.ToResult(() => outcome.Decision.Events.Count == 0
            ? Results.Ok(outcome.Value)
            : Results.Created(outcome.Value!.Url, outcome.Value));
    }
}
