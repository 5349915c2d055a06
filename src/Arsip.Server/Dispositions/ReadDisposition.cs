using Arsip.Access;
using Arsip.Infrastructure;

namespace Arsip.Dispositions;

public sealed record DispositionDetail(Disposition Disposition, IReadOnlyList<RecipientView> Recipients, bool Overdue)
{
    public static DispositionDetail Of(Disposition d, DateTimeOffset now) => new(
        d,
        d.Recipients.Select(r => new RecipientView(r.PositionId, r.Title, r.Lead, r.StatusAt(now, d.Deadline, d.State), r.FirstReadAt, r.CompletedAt, r.CompletedBy, r.CompletionNote)).ToList(),
        d.State == DispositionState.Open && !d.WorkDone && now > d.Deadline);
}

public sealed record RecipientView(Guid PositionId, string Title, bool Lead, RecipientStatus Status, DateTimeOffset? FirstReadAt, DateTimeOffset? CompletedAt, string? CompletedBy, string? CompletionNote);

public sealed record ReadDispositionCommand(Guid DispositionId, Caller Caller);

public sealed record DispositionOpened(Decision Decision, DispositionDetail? Detail);

public static class ReadDispositionHandler
{
    /// <summary>A read is recorded once per person, and only for a recipient position the person holds or acts for.</summary>
    public static Decision Decide(ReadDispositionCommand command, Disposition? d, bool visible, DateTimeOffset now)
    {
        if (d is null || !visible) return Decision.Refuse(Problems.NotFound("Disposisi", command.DispositionId));
        var caller = command.Caller;
        return DispositionAccess.RecipientPosition(caller, d) is { } position && d.Reads.All(r => r.PersonId != caller.PersonId)
            ? Decision.Accept(new DispositionRead(d.Id, position, caller.PersonId, caller.Name, now))
            : Decision.Accept();
    }

    public static async Task<DispositionOpened> Handle(ReadDispositionCommand command, IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var disposition = await DispositionAccess.LoadVisibleAsync(session, command.Caller, command.DispositionId, ct);
        var now = clock.GetUtcNow();
        var decision = Decide(command, disposition, disposition is not null, now);
        if (decision.Refused) return new DispositionOpened(decision, null);
        foreach (var read in decision.Events.OfType<DispositionRead>())
        {
            // Not version-checked: two people opening a slip at once must not turn a read into a 409.
            session.Events.Append(command.DispositionId, read);
            disposition!.Apply(read);
        }
        return new DispositionOpened(decision, DispositionDetail.Of(disposition!, now));
    }

    [WolverineGet("/api/dispositions/{id}")]
    [Tags("Disposisi")]
    [EndpointSummary("One disposition; the first time each recipient person opens it, the read is recorded (DispositionRead)")]
    public static async Task<IResult> Get(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var opened = await bus.InvokeForTenantAsync<DispositionOpened>(caller.Agency, new ReadDispositionCommand(id, caller), ct);
        return opened.Decision.ToResult(() => Results.Ok(opened.Detail));
    }
}
