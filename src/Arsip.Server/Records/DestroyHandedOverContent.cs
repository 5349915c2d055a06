namespace Arsip.Records;

/// <summary>Durable local work after an acceptance with <c>Arsip:Records:KeepContentAfterHandover=false</c>: destroy the next batch
/// (<c>Arsip:Records:DisposalBatchSize</c>) of handed-over berkas's content here, then the next, until none is left.</summary>
public sealed record DestroyHandedOverContent(Guid HandoverId);

public static class DestroyHandedOverContentHandler
{
    /// <summary>Like a disposal's batch (<see cref="RecordDestruction.DestroyCaseFilesAsync"/>, one transaction), but the tombstones say the
    /// content was handed over: the handover's number as the berita acara and the receiving archive. A berkas held since the acceptance
    /// keeps its content. A redelivered batch finds its berkas done (the handover's stream is versioned) or destroys nothing twice.</summary>
    public static async Task Handle(DestroyHandedOverContent message,
        [WriteAggregate(nameof(DestroyHandedOverContent.HandoverId), Required = false)] IEventStream<HandoverProposal> stream,
        IDocumentSession session, IMessageContext messages, ArsipClock clock, DisposalSettings settings, CancellationToken ct)
    {
        if (stream.Aggregate is not { Status: HandoverStatus.Accepted, Acceptance: { ContentKept: false } acceptance } handover) return;
        var pending = acceptance.HandedOver.Except(handover.ContentDone).Take(settings.BatchSize).ToArray();
        if (pending.Length == 0) return;

        var now = clock.GetUtcNow();
        var held = await LegalHolds.HeldCaseFileIdsAsync(session, pending, ct);
        var warrant = new DestructionWarrant(handover.Id, handover.Label, acceptance.ByPersonId, acceptance.By, now, HandedOverTo: handover.Institution);
        var files = await session.LoadManyAsync<CaseFile>(ct, pending.Where(id => !held.Contains(id)));
        var records = (await RecordDestruction.DestroyCaseFilesAsync(session, files, warrant, ct)).Values.Sum(letters => letters.Count);
        stream.AppendOne(new HandoverContentDestroyed(handover.Id, [.. pending.Where(id => !held.Contains(id))], [.. pending.Where(held.Contains)], records, now));
        await messages.PublishAsync(new DestroyHandedOverContent(handover.Id), new DeliveryOptions { TenantId = session.TenantId });
    }
}
