using Arsip.Infrastructure;
using Arsip.ReferenceData;
using Arsip.Organization;
using Wolverine.Runtime.Handlers;

namespace Arsip.Records;

/// <summary>Propose a pemindahan of a unit's inactive berkas to the records centre; it starts as a draft.</summary>
public sealed record ProposeTransfer(Guid? UnitId, Guid[]? CaseFileIds);

public sealed record ProposeTransferCommand(Caller Caller, ProposeTransfer Body);

public sealed record TransferProposedResponse(Guid Id) : CreationResponse($"/api/transfers/{Id}");

/// <summary>The berkas a request names as found (missing ones absent), which are held now, and how many of their letters the caller sees.</summary>
public sealed record TransferCandidates(IReadOnlyDictionary<Guid, CaseFile> Files, IReadOnlySet<Guid> Held, IReadOnlyDictionary<Guid, int> VisibleLetters)
{
    public static TransferCandidates None { get; } = new(new Dictionary<Guid, CaseFile>(), new HashSet<Guid>(), new Dictionary<Guid, int>());

    public static async Task<TransferCandidates> LoadAsync(IQuerySession session, Caller caller, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return None;
        var files = (await session.LoadManyAsync<CaseFile>(ct, ids.Distinct().ToArray())).ToList();
        var held = await LegalHolds.CaseFilesHeldAsync(session, files, ct);
        var letters = await LettersOnFile.LoadAsync(session, caller, files.SelectMany(f => f.Letters).Select(l => l.LetterId).Distinct().ToList(), ct);
        return new(files.ToDictionary(f => f.Id), held.Where(h => h.Value.Count > 0).Select(h => h.Key).ToHashSet(),
            files.ToDictionary(f => f.Id, f => f.Letters.Count(l => letters.GetValueOrDefault(l.LetterId) is { Visible: true })));
    }

    /// <summary>The refusal for the named berkas (missing: 404 naming how many; ineligible: each named), or their items.</summary>
    public (IReadOnlyList<TransferItem> Items, ProblemDetails? Problem) Check(Guid[] ids, Guid unitId, DateOnly today)
    {
        if (ids.Count(id => !Files.ContainsKey(id)) is > 0 and var missing)
            return ([], new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound, Title = "Tidak ditemukan (not found)",
                Detail = $"{missing} berkas tidak ditemukan (not found).",
            });
        var refused = ids.Select(id => Files[id]).Select(f => (File: f, Reason: TransferRules.Ineligible(f, unitId, Held.Contains(f.Id), today)))
            .Where(r => r.Reason is not null).Select(r => (r.File, r.Reason!)).ToList();
        if (refused.Count > 0) return ([], TransferRules.IneligibleProblem(refused));
        return ([.. ids.Select(id => TransferRules.Item(Files[id], VisibleLetters[id]))], null);
    }
}

public static class ProposeTransferHandler
{
    /// <summary>Its berkas may be claimed or appended to meanwhile: <see cref="LostRaces"/>.</summary>
    public static void Configure(HandlerChain chain) => LostRaces.RetryLostRaces(chain);

    public static Decision Decide(ProposeTransferCommand command, Unit? unit, TransferCandidates candidates, Guid newId, DateOnly today, DateTimeOffset now)
    {
        var body = command.Body;
        if (body.UnitId is not { } unitId) return Decision.Refuse(Problems.BadRequest("unitId", "Unit pengolah wajib dipilih (unitId is required)."));
        if (TransferRules.IdsRefusal(body.CaseFileIds, "caseFileIds") is { } bad) return Decision.Refuse(bad);
        if (unit is null) return Decision.Refuse(Problems.NotFound("Unit kerja", unitId));
        if (!CaseFileRules.CanWork(command.Caller, unitId)) return Decision.Refuse(CaseFileRules.Forbidden);
        var (items, problem) = candidates.Check(body.CaseFileIds!, unitId, today);
        if (problem is not null) return Decision.Refuse(problem);
        var caller = command.Caller;
        var events = new List<object> { new TransferProposed(newId, unitId, unit.Name, [.. items], caller.PersonId, caller.Name, now) };
        events.AddRange(items.Select(i => new CaseFileProposed(i.CaseFileId, Movement.Transfer, newId, now)));
        return Decision.Accept([.. events]);
    }

    public static async Task<Outcome<TransferProposedResponse>> Handle(ProposeTransferCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var body = command.Body;
        var unit = body.UnitId is { } u ? await session.LoadAsync<Unit>(u, ct) : null;
        var candidates = unit is not null && TransferRules.IdsRefusal(body.CaseFileIds, "caseFileIds") is null
            ? await TransferCandidates.LoadAsync(session, command.Caller, body.CaseFileIds!, ct)
            : TransferCandidates.None;
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var decision = Decide(command, unit, candidates, id, (await AgencyTime.LoadAsync(session, ct)).Today(clock), now);
        if (decision.Refused) return new(decision, null);
        TransferRules.Append(session, decision.Events, own => session.Events.StartStream<TransferProposal>(id, own));
        return new(decision, new(id));
    }

    [WolverinePost("/api/transfers")]
    [Tags("Arsip")]
    [EndpointSummary("Propose a pemindahan: inactive berkas of one unit to the records centre (a draft; held berkas, berkas on another proposal or not inactive are refused, each named)")]
    [ProducesResponseType<TransferProposedResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [Authorize(Policy = Policies.CaseFiles)]
    public static async Task<IResult> Post(ProposeTransfer body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<TransferProposedResponse>>(caller.Agency, new ProposeTransferCommand(caller, body), ct);
        return outcome.Decision.ToResult(() => Results.Created(outcome.Value!.Url, outcome.Value));
    }
}
