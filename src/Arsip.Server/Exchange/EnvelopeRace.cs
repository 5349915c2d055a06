using Arsip.Correspondence;
using JasperFx;
using Marten.Exceptions;

namespace Arsip.Exchange;

/// <summary>An administrator's cancel against a send in flight. <see cref="EnvelopeState"/> has optimistic concurrency, so whichever
/// commits second finds the other: a cancel after the receipt retries and is refused (409, "already received"); a send whose attempt
/// failed or was refused after the cancel retries, finds it cancelled and stops. Only a receipt cannot lose: the peer has registered the
/// letter and it cannot be taken back there, so the envelope shows as received and its reason says the cancel came too late.</summary>
public static class EnvelopeRace
{
    public static string TooLate(string? cancelled, string agency) =>
        $"{cancelled} — terlambat: amplop sudah diterima {agency} sebelum pembatalan tercatat (the cancel came too late: the envelope had already been received).";

    /// <summary>Commits the received state now, so a conflict is seen here, where the receipt is still in hand.</summary>
    public static Task CommitReceivedAsync(IDocumentSession session, IDocumentStore store, EnvelopeState received, DateTimeOffset now, CancellationToken ct) =>
        SaveOrOvertakeAsync<EnvelopeState>(session, store, received.Id, s => s.Status == EnvelopeStatus.Received, async (current, fresh) =>
        {
            (current.Status, current.ReceivedAt, current.AgendaNumber, current.NextAttemptAt, current.LastError, current.PeerId, current.LastAttemptAt) =
                (EnvelopeStatus.Received, received.ReceivedAt, received.AgendaNumber, null, null, received.PeerId, received.LastAttemptAt);
            current.Attempts = Math.Max(current.Attempts, received.Attempts);
            current.Reason = TooLate(current.Reason, current.ToAgency);
            var view = await fresh.LoadAsync<OutgoingLetterView>(current.LetterId, ct);
            if (LetterDeliveryReceiptHandler.Decide(new LetterDeliveryReceipt(current.Id, current.LetterId, current.ToAgency, Guid.Empty, received.AgendaNumber ?? 0,
                    received.ReceivedAt ?? now), view).Events is [var receipted])
                fresh.Events.Append(current.LetterId, receipted);
        }, ct);

    /// <summary>Saves the session. When a concurrent change (an administrator's cancel) committed first, the peer's answer still wins:
    /// <paramref name="overtake"/> is applied to a fresh copy in a session of its own, unless that copy is gone or already <paramref name="settled"/>.
    /// Envelopes and progress receipts share it.</summary>
    public static async Task SaveOrOvertakeAsync<T>(IDocumentSession session, IDocumentStore store, Guid id, Func<T, bool> settled,
        Func<T, IDocumentSession, Task> overtake, CancellationToken ct) where T : class
    {
        try
        {
            await session.SaveChangesAsync(ct);
            return;
        }
        catch (ConcurrencyException)
        {
            session.EjectAllPendingChanges();
        }
        await using var fresh = store.LightweightSession(session.TenantId);
        if (await fresh.LoadAsync<T>(id, ct) is not { } current || settled(current)) return;
        await overtake(current, fresh);
        fresh.Store(current);
        await fresh.SaveChangesAsync(ct);
    }
}
