using Arsip.Correspondence;

namespace Arsip.Exchange;

/// <summary>One progress receipt this agency owes a sender ("didisposisikan" or "dibaca" of a letter it received): to which agency and
/// peer, its state, attempts and next try. The letter is named by its agenda number and the sender's number, never its subject (a
/// Rahasia letter's subject is not the administrator's to see). PeerId is null for a sender in this installation.</summary>
public sealed record ReceiptLine(Guid ReceiptId, Guid IncomingLetterId, int? AgendaNumber, string? SenderLetterNumber, string ToAgency, string? PeerId,
    DeliveryProgress Progress, DateTimeOffset At, ProgressReceiptStatus Status, int Attempts, DateTimeOffset? QueuedAt, DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt, string? LastError, string? Reason, DateTimeOffset? DeliveredAt);

public static class ReceiptOutbox
{
    /// <summary>Newest first, at most 500; without <paramref name="all"/> the delivered ones are left out.</summary>
    public static async Task<IReadOnlyList<ReceiptLine>> ListAsync(IQuerySession session, bool all, CancellationToken ct)
    {
        var query = session.Query<ProgressReceiptState>().AsQueryable();
        if (!all) query = query.Where(s => s.Status != ProgressReceiptStatus.Delivered);
        var states = await query.OrderByDescending(s => s.At).Take(500).ToListAsync(ct);
        var letters = (await session.LoadManyAsync<IncomingLetterView>(ct, states.Select(s => s.IncomingLetterId).Distinct())).ToDictionary(l => l.Id);
        return states.Select(s => new ReceiptLine(s.Id, s.IncomingLetterId, letters.GetValueOrDefault(s.IncomingLetterId)?.AgendaNumber,
            letters.GetValueOrDefault(s.IncomingLetterId)?.SenderLetterNumber, s.Origin.FromAgency, s.PeerId, s.Progress, s.At, s.Status, s.Attempts, s.QueuedAt,
            s.LastAttemptAt, s.NextAttemptAt, s.LastError, s.Reason, s.DeliveredAt)).ToList();
    }

    [WolverineGet("/api/exchange/receipts/outbox")]
    [Tags("Instalasi")]
    [EndpointSummary("The agency's \"didisposisikan\"/\"dibaca\" receipts owed to senders, newest first (administrators); ?all=true includes the delivered ones")]
    [Authorize(Policy = Policies.Administrator)]
    public static async Task<IReadOnlyList<ReceiptLine>> List(bool? all, [NotBody] Caller caller, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(caller.Agency);
        return await ListAsync(session, all == true, ct);
    }

    [WolverinePost("/api/exchange/receipts/outbox/{id}/retry")]
    [Tags("Instalasi")]
    [EndpointSummary("Send a queued or retrying receipt now (administrators)")]
    [Authorize(Policy = Policies.Administrator)]
    public static async Task<IResult> Retry(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ReceiptOutboxAction(id, false, caller.Name), ct)).ToResult();

    [WolverinePost("/api/exchange/receipts/outbox/{id}/cancel")]
    [Tags("Instalasi")]
    [EndpointSummary("Stop sending a receipt; the sender is not told (administrators)")]
    [Authorize(Policy = Policies.Administrator)]
    public static async Task<IResult> Cancel(Guid id, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new ReceiptOutboxAction(id, true, caller.Name), ct)).ToResult();
}

public sealed record ReceiptOutboxAction(Guid ReceiptId, bool Cancel, string By);

public static class ReceiptOutboxActionHandler
{
    /// <summary>Only a receipt still waiting can be sent now or cancelled; a new generation makes the scheduled copy do nothing.</summary>
    public static Decision Decide(ReceiptOutboxAction command, ProgressReceiptState? state, DateTimeOffset now)
    {
        if (state is null) return Decision.Refuse(Problems.NotFound("Tanda terima", command.ReceiptId));
        if (state.Status is not (ProgressReceiptStatus.Queued or ProgressReceiptStatus.Retrying)) return Decision.Refuse(Problems.Conflict(Settled(state)));
        state.Generation++;
        if (command.Cancel) (state.Status, state.Reason, state.NextAttemptAt) = (ProgressReceiptStatus.Cancelled, $"Dibatalkan oleh {command.By} (cancelled)", null);
        else state.NextAttemptAt = now;
        return Decision.Accept();
    }

    public static async Task<Decision> Handle(ReceiptOutboxAction command, IDocumentSession session, IMessageContext context, ArsipClock clock, CancellationToken ct)
    {
        var state = await session.LoadAsync<ProgressReceiptState>(command.ReceiptId, ct);
        var decision = Decide(command, state, clock.GetUtcNow());
        if (decision.Refusal is not null) return decision;
        if (!command.Cancel) await context.PublishAsync(new SendProgressReceipt(state!.Id, state.Generation), new DeliveryOptions { TenantId = session.TenantId });
        session.Store(state!);
        return decision;
    }

    /// <summary>Why a receipt can no longer be sent now or cancelled.</summary>
    public static string Settled(ProgressReceiptState state) => state.Status switch
    {
        ProgressReceiptStatus.Delivered => $"Tanda terima sudah sampai ke {state.Origin.FromAgency}; tidak dapat dibatalkan atau dikirim ulang (already delivered: it cannot be cancelled or sent again).",
        ProgressReceiptStatus.Refused => $"Tanda terima sudah ditolak {state.Origin.FromAgency}: {state.Reason} (already refused).",
        _ => $"Tanda terima sudah dibatalkan: {state.Reason} (already cancelled).",
    };
}
