using Arsip.ReferenceData;
using Arsip.Organization;

namespace Arsip.Records;

public sealed record ApproveHandoverCommand(Guid HandoverId, Caller Caller);

public static class ApproveHandoverHandler
{
    /// <summary>Only the agency's head (or its Plt/Plh) approves. A berkas held since it was proposed leaves the handover with a note
    /// (<see cref="HandoverItemSkipped"/> here, <see cref="CaseFileLeftProposal"/> on the berkas); the rest is approved.</summary>
    public static Decision Decide(ApproveHandoverCommand command, HandoverProposal? handover, IReadOnlyCollection<Position> positions,
        IReadOnlySet<Guid> held, DateOnly today, DateTimeOffset now)
    {
        var caller = command.Caller;
        if (handover is null) return Decision.Refuse(Problems.NotFound("Penyerahan", command.HandoverId));
        if (!HandoverRules.IsAgencyHead(caller, positions))
            return Decision.Refuse(Problems.Forbidden("Hanya kepala instansi (atau Plt/Plh-nya) yang menyetujui penyerahan (only the agency's head approves a handover)."));
        if (handover.Status != HandoverStatus.Proposed)
            return Decision.Refuse(HandoverRules.DecidedConflict(handover));
        var head = Authorities.AgencyHead(positions)!;
        var events = new List<object>();
        foreach (var id in handover.CaseFileIds.Where(held.Contains))
        {
            const string note = "Ditangguhkan setelah diusulkan; dikeluarkan dari penyerahan (held since it was proposed; left out of the handover).";
            events.Add(new HandoverItemSkipped(handover.Id, id, note, now));
            events.Add(new CaseFileLeftProposal(id, handover.Id, note, now));
        }
        events.Add(new HandoverApproved(handover.Id, caller.PersonId, caller.Name, head.Title, today, now));
        return Decision.Accept([.. events]);
    }

    public static async Task<Decision> Handle(ApproveHandoverCommand command,
        [WriteAggregate(nameof(ApproveHandoverCommand.HandoverId), Required = false)] IEventStream<HandoverProposal> stream,
        IDocumentSession session, IMessageContext messages, ArsipClock clock, CancellationToken ct)
    {
        var positions = await session.Query<Position>().ToListAsync(ct);
        var held = stream.Aggregate is { } h ? await LegalHolds.HeldCaseFileIdsAsync(session, h.CaseFileIds, ct) : new HashSet<Guid>();
        var today = (await AgencyTime.LoadAsync(session, ct)).Today(clock);
        var decision = Decide(command, stream.Aggregate, positions, held, today, clock.GetUtcNow());
        if (decision.Refused) return decision;
        HandoverStreams.Append(session, stream, decision);
        // durable and outboxed: the build starts only if the approval commits, and survives a restart
        await messages.PublishAsync(new BuildHandoverPackage(command.Caller.Agency, stream.Id));
        return decision;
    }

    [WolverinePost("/api/handovers/{id}/approve")]
    [Tags("Arsip")]
    [EndpointSummary("The agency's head approves a handover; the package is then built in the background (progress on GET /api/handovers/{id})")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public static async Task<IResult> Post(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ApproveHandoverCommand(id, caller), ct)).ToResult();
}

/// <summary>Where a handover decision's events go: the berkas's own events to its stream (and its claim released), the rest to the handover's.</summary>
public static class HandoverStreams
{
    public static void Append(IDocumentSession session, IEventStream<HandoverProposal> stream, Decision decision)
    {
        foreach (var e in decision.Events)
            AppendOne(session, stream.Id, e, stream.AppendOne);
    }

    public static void AppendOne(IDocumentSession session, Guid handoverId, object e, Action<object>? toHandover = null)
    {
        switch (e)
        {
            case CaseFileLeftProposal left:
                session.Events.Append(left.CaseFileId, left);
                session.Delete<CaseFileOnProposal>(left.CaseFileId);
                break;
            case CaseFileHandedOver handed:
                session.Events.Append(handed.CaseFileId, handed);
                session.Delete<CaseFileOnProposal>(handed.CaseFileId);
                break;
            default:
                if (toHandover is not null) toHandover(e);
                else session.Events.Append(handoverId, e);
                break;
        }
    }
}
