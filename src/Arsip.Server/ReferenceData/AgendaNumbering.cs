using Arsip.Access;
using Arsip.Infrastructure;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

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

    /// <summary>
    /// The counter a registration takes its agenda number from. Without a setting, or without a
    /// registry unit to number in, the agency's one book.
    /// </summary>
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

public static class SetAgendaNumberingEndpoint
{
    public static ProblemDetails Validate(SetAgendaNumbering command) =>
        command?.Scope is null
            ? Problems.BadRequest("scope", "scope wajib diisi: Agency (satu buku agenda) atau Unit (buku agenda per unit pencatat) (required: Agency or Unit).")
            : WolverineContinue.NoProblems;

    /// <summary>
    /// A change applies to registrations from now on; numbers already given stay. Switching to per unit
    /// starts each registry unit's book at 1 for the rest of the year, as opening a new book does.
    /// </summary>
    [WolverinePut("/api/agenda-numbering")]
    [Authorize(Policy = Policies.Administrator)]
    [Tags("Data referensi")]
    [EndpointSummary("Set whether incoming agenda numbers run per agency or per registry unit")]
    public static async Task<AgendaNumberingResponse> Put(
        SetAgendaNumbering command, IDocumentSession session, ArsipClock clock, [NotBody] Caller caller, CancellationToken ct)
    {
        var current = await session.LoadAsync<AgendaNumberingView>(ReferenceDataStreams.AgendaNumberingStream, ct);
        if (Decide(current, command.Scope!.Value, caller.Name, clock.GetUtcNow()) is not { } set) return AgendaNumberingResponse.From(current);
        if (current is null) session.Events.StartStream<AgendaNumberingView>(ReferenceDataStreams.AgendaNumberingStream, set);
        else session.Events.Append(ReferenceDataStreams.AgendaNumberingStream, current.Version + 1, set);
        return new AgendaNumberingResponse(set.Scope, set.SetBy, set.SetAt);
    }

    /// <summary>The decision: an event only when the scope changes, so repeating the request changes nothing.</summary>
    public static AgendaNumberingSet? Decide(AgendaNumberingView? current, SequenceScope scope, string setBy, DateTimeOffset now) =>
        (current?.Scope ?? SequenceScope.Agency) == scope ? null : new AgendaNumberingSet(scope, setBy, now);
}
