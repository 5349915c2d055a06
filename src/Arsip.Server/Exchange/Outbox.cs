using Arsip.Correspondence;

namespace Arsip.Exchange;

/// <summary>Per recipient of a letter to another agency by the system: queued, retrying (next attempt), received (time), refused (reason),
/// cancelled; then disposed and read there (times), when that agency tells. PeerId is null for an agency of this installation.</summary>
public sealed record EnvelopeLine(Guid EnvelopeId, Guid LetterId, string LetterNumber, string ToAgency, string? PeerId, EnvelopeStatus Status, int Attempts,
    DateTimeOffset? NextAttemptAt, string? LastError, string? Reason, DateTimeOffset? ReceivedAt, int? AgendaNumber,
    DateTimeOffset? DisposedAt = null, DateTimeOffset? ReadAt = null);

/// <summary>The outbox as the API and the pages read it.</summary>
public static class Outbox
{
    public static EnvelopeLine Line(EnvelopeState s) =>
        new(s.Id, s.LetterId, s.LetterNumber, s.ToAgency, s.PeerId, s.Status, s.Attempts, s.NextAttemptAt, s.LastError, s.Reason, s.ReceivedAt, s.AgendaNumber);

    /// <summary>The recipient's "didisposisikan" and "dibaca", as recorded on the letter.</summary>
    public static EnvelopeLine WithProgress(EnvelopeLine line, OutgoingLetterView? letter) => line with
    {
        DisposedAt = letter?.Progress.FirstOrDefault(p => p.DeliveryId == line.EnvelopeId && p.Progress == DeliveryProgress.Disposed)?.At,
        ReadAt = letter?.Progress.FirstOrDefault(p => p.DeliveryId == line.EnvelopeId && p.Progress == DeliveryProgress.Read)?.At,
    };

    /// <summary>Every recipient the system delivers to: by envelope (its state, or queued before the first attempt) and in this
    /// installation (received once its receipt is recorded).</summary>
    public static IReadOnlyList<EnvelopeLine> ForLetter(OutgoingLetterView? view, IReadOnlyDictionary<Guid, EnvelopeState> states) =>
        (view?.Deliveries ?? []).Where(d => d.Method == DispatchOutgoingLetterHandler.SystemMethod)
            .Select(d => states.TryGetValue(d.DeliveryId, out var s) ? Line(s)
                : view!.Receipts.FirstOrDefault(r => r.DeliveryId == d.DeliveryId) is { } r
                    ? new EnvelopeLine(d.DeliveryId, view.Id, view.LetterNumber ?? "", r.Agency, null, EnvelopeStatus.Received, 0, null, null, null, r.ReceivedAt, r.AgendaNumber)
                : IsQueued(view, d) ? new EnvelopeLine(d.DeliveryId, view.Id, view.LetterNumber ?? "", d.To.Agency ?? "", null, EnvelopeStatus.Queued, 0, null, null, null, null, null)
                : null)
            .OfType<EnvelopeLine>().Select(l => WithProgress(l, view)).ToList();

    private static bool IsQueued(OutgoingLetterView view, Delivery d) => view.Receipts.All(r => r.DeliveryId != d.DeliveryId) && view.Refusals.All(r => r.DeliveryId != d.DeliveryId);

    /// <summary>Newest first, at most 500; without <paramref name="all"/> the received ones are left out.</summary>
    public static async Task<IReadOnlyList<EnvelopeLine>> ListAsync(IQuerySession session, bool all, CancellationToken ct)
    {
        var query = session.Query<EnvelopeState>().AsQueryable();
        if (!all) query = query.Where(s => s.Status != EnvelopeStatus.Received);
        return (await query.OrderByDescending(s => s.QueuedAt).Take(500).ToListAsync(ct)).Select(Line).ToList();
    }
}

public static class OutboxEndpoints
{
    [WolverineGet("/api/exchange/outbox")]
    [Tags("Instalasi")]
    [EndpointSummary("The agency's envelopes to other installations, newest first (administrators); ?all=true includes the received ones")]
    [Authorize(Policy = Policies.Administrator)]
    public static async Task<IReadOnlyList<EnvelopeLine>> List(bool? all, [NotBody] Caller caller, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(caller.Agency);
        return await Outbox.ListAsync(session, all == true, ct);
    }

    /// <summary>The letter's recipients at other installations, for whoever may see the letter; one not yet tried shows as queued.</summary>
    [WolverineGet("/api/outgoing-letters/{id}/envelopes")]
    [Tags("Surat keluar")]
    [EndpointSummary("Where the letter stands with each recipient the system delivers to: queued, retrying, received, refused, cancelled; disposed and read there")]
    public static async Task<IResult> ForLetter(Guid id, [NotBody] Caller caller, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(caller.Agency);
        if (!OutgoingLetterAccess.CanSee(caller, await session.LoadAsync<OutgoingLetter>(id, ct))) return Results.Problem(OutgoingLetterAccess.NotFound(id));
        var view = await session.LoadAsync<OutgoingLetterView>(id, ct);
        var states = (await session.Query<EnvelopeState>().Where(s => s.LetterId == id).ToListAsync(ct)).ToDictionary(s => s.Id);
        return Results.Ok(Outbox.ForLetter(view, states));
    }
}

public static class OutboxActionEndpoints
{
    [WolverinePost("/api/exchange/outbox/{id}/retry")]
    [Tags("Instalasi")]
    [EndpointSummary("Send a queued or retrying envelope now (administrators)")]
    [Authorize(Policy = Policies.Administrator)]
    public static async Task<IResult> Retry(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new OutboxActionCommand(id, false, caller.Name), ct)).ToResult();

    [WolverinePost("/api/exchange/outbox/{id}/cancel")]
    [Tags("Instalasi")]
    [EndpointSummary("Stop sending an envelope; the letter shows it as not delivered (administrators)")]
    [Authorize(Policy = Policies.Administrator)]
    public static async Task<IResult> Cancel(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new OutboxActionCommand(id, true, caller.Name), ct)).ToResult();
}

public sealed record OutboxActionCommand(Guid EnvelopeId, bool Cancel, string By);

public static class OutboxActionHandler
{
    /// <summary>A retry sends now with a new generation (the scheduled copy then does nothing); a cancel stops every copy.</summary>
    public static async Task<Decision> Handle(OutboxActionCommand command, IDocumentSession session, IMessageContext context, ArsipClock clock, CancellationToken ct)
    {
        if (await session.LoadAsync<EnvelopeState>(command.EnvelopeId, ct) is not { } state) return Decision.Refuse(Problems.NotFound("Amplop", command.EnvelopeId));
        if (state.Status is not (EnvelopeStatus.Queued or EnvelopeStatus.Retrying))
            return Decision.Refuse(Problems.Conflict(Settled(state)));
        state.Generation++;
        if (command.Cancel)
        {
            (state.Status, state.Reason, state.NextAttemptAt) = (EnvelopeStatus.Cancelled, $"Dibatalkan oleh {command.By} (cancelled)", null);
            session.Events.Append(state.LetterId, new OutgoingLetterDeliveryRefused(state.LetterId, state.Id, state.ToAgency, state.Reason, clock.GetUtcNow()));
        }
        else
        {
            state.NextAttemptAt = clock.GetUtcNow();
            await context.PublishAsync(state.Message with { Generation = state.Generation }, new DeliveryOptions { TenantId = session.TenantId });
        }
        session.Store(state);
        return Decision.Accept();
    }

    /// <summary>Why an envelope can no longer be retried or cancelled.</summary>
    public static string Settled(EnvelopeState state) => state.Status switch
    {
        EnvelopeStatus.Received => $"Amplop sudah diterima {state.ToAgency} dengan nomor agenda {state.AgendaNumber}; tidak dapat dibatalkan atau dikirim ulang (already received: it cannot be cancelled or sent again).",
        EnvelopeStatus.Refused => $"Amplop sudah ditolak {state.ToAgency}: {state.Reason} (already refused).",
        _ => $"Amplop sudah dibatalkan: {state.Reason} (already cancelled).",
    };
}
