using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;
using Wolverine.Runtime.Handlers;

namespace Arsip.Records;

/// <summary>Open a re-appraisal of berkas whose retention ended with the final action "dinilai kembali".</summary>
public sealed record OpenReappraisal(Guid[]? CaseFileIds);

public sealed record OpenReappraisalCommand(Caller Caller, OpenReappraisal Body);

public sealed record ReappraisalOpenedResponse(Guid Id) : CreationResponse($"/api/reappraisals/{Id}");

public static class OpenReappraisalHandler
{
    /// <summary>Its berkas may be claimed or appended to meanwhile: <see cref="LostRaces"/>.</summary>
    public static void Configure(HandlerChain chain) => LostRaces.RetryLostRaces(chain);

    public static Decision Decide(OpenReappraisalCommand command, TransferCandidates candidates, IReadOnlyDictionary<Guid, Unit> units, Guid newId, DateOnly today, DateTimeOffset now)
    {
        if (!ReappraisalRules.MayOpen(command.Caller))
            return Decision.Refuse(Problems.Forbidden("Penilaian kembali dibuka oleh arsiparis atau administrator (only archivists and administrators open a re-appraisal)."));
        if (TransferRules.IdsRefusal(command.Body.CaseFileIds, "caseFileIds") is { } bad) return Decision.Refuse(bad);
        var ids = command.Body.CaseFileIds!;
        if (ids.Count(id => !candidates.Files.ContainsKey(id)) is > 0 and var missing)
            return Decision.Refuse(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Tidak ditemukan (not found)", Detail = $"{missing} berkas tidak ditemukan (not found)." });
        var files = ids.Select(id => candidates.Files[id]).ToList();
        var refused = files.Select(f => (File: f, Reason: ReappraisalRules.Ineligible(f, candidates.Held.Contains(f.Id), today)))
            .Where(r => r.Reason is not null).Select(r => (r.File, r.Reason!)).ToList();
        if (refused.Count > 0)
        {
            var problem = TransferRules.IneligibleProblem(refused);
            problem.Detail = problem.Detail!.Replace("tidak dapat dipindahkan (these berkas cannot be transferred)", "tidak dapat dinilai kembali (these berkas cannot be re-appraised)", StringComparison.Ordinal);
            return Decision.Refuse(problem);
        }
        var items = files.Select(f => ReappraisalRules.Item(f, units.GetValueOrDefault(f.UnitId)?.Name ?? "", candidates.VisibleLetters[f.Id])).ToArray();
        var events = new List<object> { new ReappraisalOpened(newId, items, command.Caller.PersonId, command.Caller.Name, now) };
        events.AddRange(items.Select(i => new CaseFileProposed(i.CaseFileId, Movement.Reappraisal, newId, now)));
        return Decision.Accept([.. events]);
    }

    public static async Task<Outcome<ReappraisalOpenedResponse>> Handle(OpenReappraisalCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var ids = command.Body.CaseFileIds;
        var candidates = ReappraisalRules.MayOpen(command.Caller) && TransferRules.IdsRefusal(ids, "caseFileIds") is null
            ? await TransferCandidates.LoadAsync(session, command.Caller, ids!, ct)
            : TransferCandidates.None;
        var units = (await session.Query<Unit>().ToListAsync(ct)).ToDictionary(u => u.Id);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var decision = Decide(command, candidates, units, id, (await AgencyTime.LoadAsync(session, ct)).Today(clock), now);
        if (decision.Refused) return new(decision, null);
        TransferRules.Append(session, decision.Events, own => session.Events.StartStream<ReappraisalTask>(id, own));
        return new(decision, new(id));
    }

    [WolverinePost("/api/reappraisals")]
    [Tags("Arsip")]
    [EndpointSummary("Open a penilaian kembali of berkas whose retention ended with the final action \"dinilai kembali\" (archivists, administrators)")]
    [ProducesResponseType<ReappraisalOpenedResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [Authorize(Policy = Policies.CaseFiles)]
    public static async Task<IResult> Post(OpenReappraisal body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var outcome = await bus.InvokeForTenantAsync<Outcome<ReappraisalOpenedResponse>>(caller.Agency, new OpenReappraisalCommand(caller, body), ct);
        return outcome.Decision.ToResult(() => Results.Created(outcome.Value!.Url, outcome.Value));
    }
}
