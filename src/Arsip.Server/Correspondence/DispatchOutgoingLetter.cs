using Arsip.Access;
using Arsip.Attachments;
using Arsip.Infrastructure;
using Arsip.Organization;
using Wolverine.Attributes;

namespace Arsip.Correspondence;

/// <summary>SentOn: not before the letter date, not in the future.</summary>
public sealed record DispatchOutgoingLetter(string? Method, DateOnly? SentOn = null);

/// <summary>Registering it there is idempotent by delivery id. Files name blobs already in the installation's store (by SHA-256), never bytes;
/// null in messages queued before files travelled.</summary>
public sealed record DeliverLetter(
    Guid DeliveryId, string FromAgency, Guid FromLetterId, string SenderName, string LetterNumber, DateOnly LetterDate,
    string Subject, string Classification, SecurityLevel SecurityLevel, Urgency Urgency, string? Attachments, string AddresseeName, bool IsCopy,
    LetterFile[]? Files = null);

/// <summary>A delivery to an agency another installation hosts (Exchange sends it as a signed envelope); Generation orders retries, so a stale scheduled copy does nothing.</summary>
public sealed record DeliverLetterToPeer(DeliverLetter Letter, string ToAgency, int Generation = 0);

/// <summary>Which agencies are hosted by another installation; Exchange answers from its peer directory.</summary>
public interface IAgencyHosts
{
    Task<bool> IsElsewhereAsync(string agency, CancellationToken ct);
}

public sealed record LetterDeliveryReceipt(Guid DeliveryId, Guid FromLetterId, string ToAgency, Guid IncomingLetterId, int AgendaNumber, DateTimeOffset ReceivedAt);

public sealed record DispatchOutgoingLetterCommand(Guid LetterId, Caller Caller, DispatchOutgoingLetter Body);

public static class DispatchOutgoingLetterHandler
{
    public const string InternalMethod = "internal";
    public const string SystemMethod = "sistem";

    public static Decision Decide(DispatchOutgoingLetterCommand command, OutgoingLetter? letter, DateOnly? letterDate, DateOnly today, DateTimeOffset now, Func<Guid> newId)
    {
        var (caller, request) = (command.Caller, command.Body);
        if (OutgoingLetterAccess.Refusal(command.LetterId, caller, letter, l => l.CanDispatch(caller)) is { } refused) return Decision.Refuse(refused);
        // copies through the system go out today, by hand on the day the sender gives
        var sentOn = request.SentOn ?? today;
        if (sentOn > today || sentOn < letterDate)
            return Decision.Refuse(Problems.BadRequest("sentOn",
                "Tanggal kirim tidak boleh sebelum tanggal surat atau di masa depan (the sent date is before the letter date or in the future)."));
        var byHand = string.IsNullOrWhiteSpace(request.Method) ? "kurir" : request.Method.Trim();
        var deliveries = letter!.Content.Addressees.Select(a => (To: a, IsCopy: false)).Concat(letter.Content.CopyTo.Select(a => (To: a, IsCopy: true)))
            .Select(r => IsOtherAgency(r.To, caller.Agency) ? new Delivery(newId(), r.To, SystemMethod, r.IsCopy, SentOn: today)
                : r.To.PositionId is not null ? new Delivery(newId(), r.To, InternalMethod, r.IsCopy, newId(), today)
                : new Delivery(newId(), r.To, byHand, r.IsCopy, SentOn: sentOn))
            .ToArray();
        return Decision.Accept(new OutgoingLetterDispatched(letter.Id, deliveries, caller.Name, now));
    }

    private static bool IsOtherAgency(Addressee to, string agency) => to.Agency is not null && to.Agency != agency;

    /// <summary>Copies to other agencies leave through the outbox, so only if the dispatch commits.</summary>
    public static async Task<Decision> Handle(DispatchOutgoingLetterCommand command,
        [WriteAggregate(nameof(DispatchOutgoingLetterCommand.LetterId), Required = false)] IEventStream<OutgoingLetter> stream,
        IDocumentSession session, IMessageContext messages, ILetterIssuer issuer, IBlobStore blobs, IAgencyHosts hosts, ArsipClock clock, CancellationToken ct)
    {
        var (letter, caller) = (stream.Aggregate, command.Caller);
        var view = letter is null ? null : await session.LoadAsync<OutgoingLetterView>(command.LetterId, ct);
        var now = clock.GetUtcNow();
        var decision = Decide(command, letter, view?.LetterDate, clock.Today, now, () => Guid.CreateVersion7(now));
        if (decision.Refused) return decision;

        var dispatched = (OutgoingLetterDispatched)decision.Events.Single();
        var senderUnit = letter!.DraftedByUnitId is { } unitId ? await session.LoadAsync<Unit>(unitId, ct) : null;
        var senderName = senderUnit is null ? caller.Agency : $"{senderUnit.Name} ({caller.Agency})";
        var registrar = new Caller(caller.Agency, caller.PersonId, caller.Name, [], letter.DraftedByUnitId is { } u ? [u] : [], []);
        var (content, letterDate) = (letter.Content, view!.LetterDate!.Value);
        var files = await DispatchedFiles.OfAsync(view, session, issuer, blobs, now, ct);
        foreach (var delivery in dispatched.Deliveries)
        {
            if (IsOtherAgency(delivery.To, caller.Agency))
            {
                var message = new DeliverLetter(delivery.DeliveryId, caller.Agency, letter.Id, senderName, letter.LetterNumber!, letterDate, content.Subject,
                    content.Classification, content.SecurityLevel, content.Urgency, content.Attachments, delivery.To.Name, delivery.IsCopy, files);
                // in the durable outbox with the dispatch: the envelope leaves only if the dispatch commits, and after a crash still leaves
                if (await hosts.IsElsewhereAsync(delivery.To.Agency!, ct))
                    await messages.PublishAsync(new DeliverLetterToPeer(message, delivery.To.Agency!), new DeliveryOptions { TenantId = caller.Agency });
                else
                    await messages.PublishAsync(message, new DeliveryOptions { TenantId = delivery.To.Agency });
            }
            else if (delivery.IncomingLetterId is { } incomingId)
                await IncomingDelivery.RegisterAsync(session, delivery.DeliveryId, incomingId, delivery.To.PositionId, senderName, letter.LetterNumber!, letterDate,
                    content, files, registrar, clock, ct);
        }
        stream.AppendOne(dispatched);
        return decision;
    }

    [WolverinePost("/api/outgoing-letters/{id}/dispatch")]
    [Tags("Surat keluar")]
    [EndpointSummary("Send a signed letter: to inboxes in this agency, to other agencies on the system, by hand to the rest")]
    public static async Task<IResult> Post(Guid id, DispatchOutgoingLetter body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct)
    {
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, new DispatchOutgoingLetterCommand(id, caller, body), ct);
        return decision.ToResult(() => Results.Ok(decision.Events.OfType<OutgoingLetterDispatched>().Single().Deliveries));
    }
}

/// <summary>What travels with a dispatched letter: the issued PDF as its scan and the letter's own files (a paper letter's scan,
/// attachments). Blobs are shared by content across agencies, so the receiver's letter names the same bytes: the issued PDF is put
/// into the blob store once (it lives beside the signing events until then), the other files are there already.</summary>
public static class DispatchedFiles
{
    public static async Task<LetterFile[]> OfAsync(OutgoingLetterView view, IQuerySession session, ILetterIssuer issuer, IBlobStore blobs, DateTimeOffset now, CancellationToken ct)
    {
        var files = new List<LetterFile>();
        if (view.IssuedPdfSha256 is { } sha256 && view.Destroyed is null)
        {
            long length = view.IssuedPdfLength ?? 0;
            if (!await blobs.ExistsAsync(sha256, ct))
            {
                var bytes = await issuer.IssuedPdfAsync(session, sha256, ct)
                    ?? throw new InvalidOperationException($"The issued PDF {sha256} of letter {view.Id} is missing.");
                await using var pdf = new MemoryStream(bytes, writable: false);
                var stored = await blobs.PutAsync(pdf, ct);
                if (stored.Sha256 != sha256) throw new InvalidOperationException($"The issued PDF of letter {view.Id} does not match its hash {sha256}.");
                length = stored.Length;
            }
            files.Add(new LetterFile(FileNameOf(view.LetterNumber), sha256, ContentDetection.Pdf, length, AttachmentKind.Scan, now));
        }
        files.AddRange(view.Files.Where(f => files.All(s => s.Sha256 != f.Sha256)).Select(f => f with { AddedAt = now }));
        return [.. files];
    }

    /// <summary>The number as a file name: <c>000.5/1/Setda/2026</c> becomes <c>000.5-1-Setda-2026.pdf</c>.</summary>
    public static string FileNameOf(string? letterNumber) =>
        string.IsNullOrWhiteSpace(letterNumber) ? "surat.pdf"
            : string.Concat(letterNumber.Trim().Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')) + ".pdf";
}

public static class IncomingDelivery
{
    public static string Key(Guid deliveryId) => $"delivery:{deliveryId}";

    public static async Task<IncomingLetterRegistered> RegisterAsync(
        IDocumentSession session, Guid deliveryId, Guid letterId, Guid? addresseePosition, string sender, string number, DateOnly letterDate,
        LetterContent content, IReadOnlyList<LetterFile> files, Caller registrar, ArsipClock clock, CancellationToken ct, DeliveryOrigin? origin = null)
    {
        var plan = await PlanAsync(session, deliveryId, letterId, addresseePosition, sender, number, letterDate, content, files, registrar, clock, ct, origin);
        return plan.Stage(session, await Sequences.NextAsync(session, plan.AgendaSequence, plan.Year, ct));
    }

    /// <summary>Everything but the agenda number, so the caller's transaction or the group commit (letters from peer installations,
    /// many at once) gives it. Stage only writes to the session it is given and may run twice.</summary>
    public static async Task<IncomingDeliveryPlan> PlanAsync(
        IQuerySession session, Guid deliveryId, Guid letterId, Guid? addresseePosition, string sender, string number, DateOnly letterDate,
        LetterContent content, IReadOnlyList<LetterFile> files, Caller registrar, ArsipClock clock, CancellationToken ct, DeliveryOrigin? origin = null)
    {
        var position = addresseePosition is { } p ? await session.LoadAsync<Position>(p, ct) : null;
        var sequence = await IncomingLetterRegistration.AgendaSequenceAsync(session, registrar, ct);
        return Plan(deliveryId, letterId, position, sequence, sender, number, letterDate, content, files, registrar, clock, origin);
    }

    /// <summary>The plan from what the caller has loaded already (the envelope intake reads the addressee and the agenda numbering in the
    /// round trip of its duplicate check).</summary>
    public static IncomingDeliveryPlan Plan(Guid deliveryId, Guid letterId, Position? position, string agendaSequence, string sender, string number,
        DateOnly letterDate, LetterContent content, IReadOnlyList<LetterFile> files, Caller registrar, ArsipClock clock, DeliveryOrigin? origin)
    {
        var now = clock.GetUtcNow();
        var today = clock.Today;
        var command = new RegisterIncomingLetter(sender, number, letterDate, today, content.Subject, content.Classification,
            content.SecurityLevel, content.Urgency, content.Attachments, Remarks: "Diterima melalui Arsip (delivered electronically)");
        return new IncomingDeliveryPlan(agendaSequence, today.Year, (writing, agendaNumber) =>
        {
            var registered = IncomingLetterRegistration.Register(command, new Addressees(position, []), registrar, letterId, agendaNumber, now);
            var attached = files.DistinctBy(f => f.Sha256).Select(f => (object)new IncomingLetterAttachmentAdded(registered.LetterId, f.Sha256, f.FileName, f.ContentType,
                f.Length, f.Kind, registrar.Name, now, registrar.PersonId));
            object[] from = origin is null ? [] : [new IncomingLetterDeliveredFrom(registered.LetterId, origin)];
            writing.Events.StartStream<IncomingLetter>(registered.LetterId, [registered, .. attached, .. from]);
            writing.Insert(new IncomingLetterFingerprint(Key(deliveryId), registered.LetterId));
            return registered;
        });
    }
}

public sealed record IncomingDeliveryPlan(string AgendaSequence, int Year, Func<IDocumentSession, int, IncomingLetterRegistered> Stage);

/// <summary>Where a delivered letter lands: the position whose title it names, registered by the registry that serves that
/// position's unit, so the secretariat's registrars see it in their agenda book as they see a letter brought by hand.</summary>
public sealed record DeliveryRouting(Position? Addressee, Caller Registrar, LetterContent Content);

public static class DeliverLetterHandler
{
    /// <summary>Positions and units in one round trip: every delivered letter and every envelope from a peer asks.</summary>
    public static async Task<DeliveryRouting> RouteAsync(DeliverLetter message, IQuerySession session, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var positions = batch.Query<Position>().ToList();
        var units = batch.Query<Unit>().ToList();
        await batch.Execute(ct);
        return Decide(message, session.TenantId, await positions, await units);
    }

    public static DeliveryRouting Decide(DeliverLetter message, string agency, IReadOnlyList<Position> positions, IReadOnlyList<Unit> units)
    {
        var addressee = positions.FirstOrDefault(p => string.Equals(p.Title, message.AddresseeName, StringComparison.OrdinalIgnoreCase));
        var registry = RegistryFor(addressee?.UnitId, positions, units) ?? addressee?.UnitId;
        var system = new Caller(agency, Guid.Empty, "Sistem Arsip (kiriman elektronik)", [], registry is { } r ? [r] : [], []);
        return new DeliveryRouting(addressee, system,
            new LetterContent(LetterKind.SuratDinas, message.Classification, message.SecurityLevel, message.Urgency, message.Subject, "", message.Attachments, [], []));
    }

    /// <summary>
    /// The registrars' unit nearest the addressee's: the unit itself, else one directly under it (Bagian Umum under the
    /// Sekretariat Daerah), then the same one level up at a time; else any registrars' unit. Null when the agency has none.
    /// </summary>
    public static Guid? RegistryFor(Guid? unit, IReadOnlyList<Position> positions, IReadOnlyList<Unit> units)
    {
        var registrarUnits = positions.Where(p => p.Roles.Contains(Role.Registrar)).Select(p => p.UnitId).ToList();
        var registries = registrarUnits.ToHashSet();
        var parents = units.ToDictionary(u => u.Id, u => u.ParentId);
        for (var (at, steps) = (unit, 0); at is { } current && steps < 50; (at, steps) = (parents.GetValueOrDefault(current), steps + 1))
        {
            if (registries.Contains(current)) return current;
            if (units.Where(u => u.ParentId == current && registries.Contains(u.Id)).OrderBy(u => u.Code, StringComparer.Ordinal).FirstOrDefault() is { } below)
                return below.Id;
        }
        return registrarUnits.Count > 0 ? registrarUnits[0] : null;
    }

    /// <summary>A receiver that is down (database unreachable, node crashing) gets the delivery again later; the durable inbox keeps it meanwhile.</summary>
    [ScheduleRetry(typeof(Exception), 2, 10, 60, 300, 900, 3600)]
    public static async Task Handle(DeliverLetter message, IDocumentSession session, IMessageBus bus, ArsipClock clock, CancellationToken ct)
    {
        var agency = session.TenantId;
        if (await session.LoadAsync<IncomingLetterFingerprint>(IncomingDelivery.Key(message.DeliveryId), ct) is { } done)
        {
            // Delivered before (a retry after a crash): answer again, register nothing.
            var existing = await session.LoadAsync<IncomingLetterView>(done.LetterId, ct);
            await bus.PublishAsync(new LetterDeliveryReceipt(message.DeliveryId, message.FromLetterId, agency, done.LetterId, existing!.AgendaNumber, existing.RegisteredAt),
                new DeliveryOptions { TenantId = message.FromAgency });
            return;
        }

        var delivery = await RouteAsync(message, session, ct);
        var registered = await IncomingDelivery.RegisterAsync(session, message.DeliveryId, Guid.CreateVersion7(clock.GetUtcNow()), delivery.Addressee?.Id,
            message.SenderName, message.LetterNumber, message.LetterDate, delivery.Content, message.Files ?? [], delivery.Registrar, clock, ct,
            new DeliveryOrigin(message.DeliveryId, message.FromAgency, message.FromLetterId, ByEnvelope: false));
        await bus.PublishAsync(new LetterDeliveryReceipt(message.DeliveryId, message.FromLetterId, agency, registered.LetterId, registered.AgendaNumber, registered.RegisteredAt),
            new DeliveryOptions { TenantId = message.FromAgency });
    }
}

public static class LetterDeliveryReceiptHandler
{
    /// <summary>A receipt answered twice (a redelivery) is recorded once.</summary>
    public static Decision Decide(LetterDeliveryReceipt receipt, OutgoingLetterView? letter) =>
        letter is null || letter.Receipts.Any(r => r.DeliveryId == receipt.DeliveryId)
            ? Decision.Accept()
            : Decision.Accept(new OutgoingLetterDeliveryReceipted(receipt.FromLetterId, receipt.DeliveryId, receipt.ToAgency, receipt.AgendaNumber, receipt.ReceivedAt));

    public static async Task Handle(LetterDeliveryReceipt receipt, IDocumentSession session, CancellationToken ct)
    {
        if (Decide(receipt, await session.LoadAsync<OutgoingLetterView>(receipt.FromLetterId, ct)).Events is [var receipted])
            session.Events.Append(receipt.FromLetterId, receipted);
    }
}
