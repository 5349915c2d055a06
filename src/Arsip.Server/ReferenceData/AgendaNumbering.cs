using Arsip.Access;
using Arsip.Infrastructure;
using Marten.Events.Aggregation;

namespace Arsip.ReferenceData;

/// <summary>Whether incoming agenda numbers run per agency (one agenda book) or per registry unit (one book each).</summary>
public sealed record AgendaNumberingSet(SequenceScope Scope, string SetBy, DateTimeOffset SetAt);

public sealed class AgendaNumberingView
{
    public Guid Id { get; set; }
    public long Version { get; set; }
    public SequenceScope Scope { get; set; }
    public string SetBy { get; set; } = "";
    public DateTimeOffset SetAt { get; set; }

    public const string AgencySequence = "incoming-agenda";

    /// <summary>Without a setting or a registry unit to number in: the agency's one book.</summary>
    public static string SequenceFor(AgendaNumberingView? numbering, Guid? registryUnitId) =>
        numbering?.Scope == SequenceScope.Unit && registryUnitId is { } unit ? $"{AgencySequence}:{unit}" : AgencySequence;
}

public sealed partial class AgendaNumberingProjection : SingleStreamProjection<AgendaNumberingView, Guid>
{
    public AgendaNumberingView Create(IEvent<AgendaNumberingSet> e) => Apply(e, new AgendaNumberingView { Id = e.StreamId });

    public AgendaNumberingView Apply(IEvent<AgendaNumberingSet> e, AgendaNumberingView view)
    {
        view.Version = e.Version;
        view.Scope = e.Data.Scope;
        view.SetBy = e.Data.SetBy;
        view.SetAt = e.Data.SetAt;
        return view;
    }
}

public sealed record SetAgendaNumbering(SequenceScope? Scope);

public sealed record AgendaNumberingResponse(SequenceScope Scope, string? SetBy, DateTimeOffset? SetAt)
{
    public static AgendaNumberingResponse From(AgendaNumberingView? view) => new(view?.Scope ?? SequenceScope.Agency, view?.SetBy, view?.SetAt);
}

public static class GetAgendaNumberingEndpoint
{
    [WolverineGet("/api/agenda-numbering")]
    [Tags("Data referensi")]
    [EndpointSummary("How incoming agenda numbers run: per agency (default) or per registry unit")]
    public static async Task<AgendaNumberingResponse> Get(IQuerySession session, CancellationToken ct) =>
        AgendaNumberingResponse.From(await session.LoadAsync<AgendaNumberingView>(ReferenceDataStreams.AgendaNumberingStream, ct));
}

public sealed record SetAgendaNumberingCommand(Caller Caller, SetAgendaNumbering Body);

public sealed record AgendaNumberingDecision(Decision Decision, AgendaNumberingResponse Response);

public static class SetAgendaNumberingHandler
{
    /// <summary>Per unit starts each registry unit's book at 1 for the rest of the year, as opening a new book does; only a change is an event, so a repeat changes nothing.</summary>
    public static AgendaNumberingDecision Decide(SetAgendaNumberingCommand command, AgendaNumberingView? current, DateTimeOffset now)
    {
        if (command.Body?.Scope is not { } scope)
            return new(Decision.Refuse(Problems.BadRequest("scope",
                "scope wajib diisi: Agency (satu buku agenda) atau Unit (buku agenda per unit pencatat) (required: Agency or Unit).")), AgendaNumberingResponse.From(current));
        if ((current?.Scope ?? SequenceScope.Agency) == scope) return new(Decision.Accept(), AgendaNumberingResponse.From(current));
        var set = new AgendaNumberingSet(scope, command.Caller.Name, now);
        return new(Decision.Accept(set), new AgendaNumberingResponse(set.Scope, set.SetBy, set.SetAt));
    }

    public static async Task<AgendaNumberingDecision> Handle(SetAgendaNumberingCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var current = await session.LoadAsync<AgendaNumberingView>(ReferenceDataStreams.AgendaNumberingStream, ct);
        var decided = Decide(command, current, clock.GetUtcNow());
        if (decided.Decision.Events is [AgendaNumberingSet set])
        {
            if (current is null) session.Events.StartStream<AgendaNumberingView>(ReferenceDataStreams.AgendaNumberingStream, set);
            else session.Events.Append(ReferenceDataStreams.AgendaNumberingStream, current.Version + 1, set);
        }
        return decided;
    }

    [WolverinePut("/api/agenda-numbering")]
    [Authorize(Policy = Policies.Administrator)]
    [Tags("Data referensi")]
    [EndpointSummary("Set whether incoming agenda numbers run per agency or per registry unit")]
    [ProducesResponseType<AgendaNumberingResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Put(SetAgendaNumbering body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var decided = await bus.InvokeForTenantAsync<AgendaNumberingDecision>(caller.Agency, new SetAgendaNumberingCommand(caller, body), ct);
        return decided.Decision.ToResult(() => Results.Ok(decided.Response));
    }
}
