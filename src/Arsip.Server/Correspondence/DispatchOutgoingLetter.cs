using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Marten;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Arsip.Correspondence;

/// <summary>
/// <paramref name="Method"/> says how letters to addressees outside the system go: kurir, pos, email, langsung;
/// <paramref name="SentOn"/> is the day they went out (default today; not before the letter date, not in the future).
/// </summary>
public sealed record DispatchOutgoingLetter(string? Method, DateOnly? SentOn = null);

/// <summary>Sent (durably, through the outbox) to another agency on the system; registering it there is idempotent by delivery id.</summary>
public sealed record DeliverLetter(
    Guid DeliveryId, string FromAgency, Guid FromLetterId, string SenderName, string LetterNumber, DateOnly LetterDate,
    string Subject, string Classification, SecurityLevel SecurityLevel, Urgency Urgency, string? Attachments, string AddresseeName, bool IsCopy);

/// <summary>The receiving agency's answer: registered under this agenda number.</summary>
public sealed record LetterDeliveryReceipt(Guid DeliveryId, Guid FromLetterId, string ToAgency, Guid IncomingLetterId, int AgendaNumber, DateTimeOffset ReceivedAt);

public static class DispatchOutgoingLetterEndpoint
{
    public const string InternalMethod = "internal";
    public const string SystemMethod = "sistem";

    [WolverinePost("/api/outgoing-letters/{id}/dispatch")]
    [Tags("Surat keluar")]
    [EndpointSummary("Send a signed letter: to inboxes in this agency, to other agencies on the system, by hand to the rest")]
    public static async Task<IResult> Post(
        Guid id, DispatchOutgoingLetter request, [NotBody] Caller caller, IDocumentSession session, IMessageBus bus, ArsipClock clock, CancellationToken ct)
    {
        if (await OutgoingLetterWorkflow.LoadVisibleAsync(session, id, caller, ct) is not { Aggregate: { } letter } stream)
            return OutgoingLetterWorkflow.NotFound(id);
        if (letter.CanDispatch(caller) is { } refused) return OutgoingLetterWorkflow.Refuse(refused);

        var now = clock.GetUtcNow();
        var view = await session.LoadAsync<OutgoingLetterView>(id, ct);
        // The office's calendar day, as the letter date is: copies through the system go out today, by hand on the day the sender gives.
        var today = clock.Today;
        var sentOn = request.SentOn ?? today;
        if (sentOn > today || sentOn < view!.LetterDate)
            return OutgoingLetterWorkflow.Refuse(Problems.BadRequest("sentOn",
                "Tanggal kirim tidak boleh sebelum tanggal surat atau di masa depan (the sent date is before the letter date or in the future)."));
        var senderUnit = letter.DraftedByUnitId is { } unitId ? await session.LoadAsync<Unit>(unitId, ct) : null;
        var senderName = senderUnit is null ? caller.Agency : $"{senderUnit.Name} ({caller.Agency})";
        var deliveries = new List<Delivery>();
        var recipients = letter.Content.Addressees.Select(a => (To: a, IsCopy: false)).Concat(letter.Content.CopyTo.Select(a => (To: a, IsCopy: true)));
        foreach (var (to, isCopy) in recipients)
        {
            var deliveryId = Guid.CreateVersion7(now);
            if (to.Agency is not null && to.Agency != caller.Agency)
            {
                await bus.PublishAsync(
                    new DeliverLetter(deliveryId, caller.Agency, id, senderName, letter.LetterNumber!, view!.LetterDate!.Value, letter.Content.Subject,
                        letter.Content.Classification, letter.Content.SecurityLevel, letter.Content.Urgency, letter.Content.Attachments, to.Name, isCopy),
                    new DeliveryOptions { TenantId = to.Agency });
                deliveries.Add(new Delivery(deliveryId, to, SystemMethod, isCopy, SentOn: today));
            }
            else if (to.PositionId is { } position)
            {
                var registered = await IncomingDelivery.RegisterAsync(session, deliveryId, position, senderName, letter.LetterNumber!, view!.LetterDate!.Value,
                    letter.Content, new Caller(caller.Agency, caller.PersonId, caller.Name, [], letter.DraftedByUnitId is { } u ? [u] : [], []), clock, ct);
                deliveries.Add(new Delivery(deliveryId, to, InternalMethod, isCopy, registered.LetterId, today));
            }
            else
            {
                deliveries.Add(new Delivery(deliveryId, to, string.IsNullOrWhiteSpace(request.Method) ? "kurir" : request.Method.Trim(), isCopy, SentOn: sentOn));
            }
        }
        stream.AppendOne(new OutgoingLetterDispatched(id, deliveries.ToArray(), caller.Name, now));
        return Results.Ok(deliveries);
    }
}

/// <summary>An outgoing letter arriving as an incoming letter: registered once per delivery, however often it is delivered.</summary>
public static class IncomingDelivery
{
    public static string Key(Guid deliveryId) => $"delivery:{deliveryId}";

    public static async Task<IncomingLetterRegistered> RegisterAsync(
        IDocumentSession session, Guid deliveryId, Guid? addresseePosition, string sender, string number, DateOnly letterDate,
        LetterContent content, Caller registrar, ArsipClock clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = clock.Today;
        var position = addresseePosition is { } p ? await session.LoadAsync<Position>(p, ct) : null;
        var command = new RegisterIncomingLetter(sender, number, letterDate, today, content.Subject, content.Classification,
            content.SecurityLevel, content.Urgency, content.Attachments, Remarks: "Diterima melalui Arsip (delivered electronically)");
        var agendaNumber = await Sequences.NextAsync(session, await IncomingLetterRegistration.AgendaSequenceAsync(session, registrar, ct), today.Year, ct);
        var registered = IncomingLetterRegistration.Register(command, new Addressees(position, []), registrar, Guid.CreateVersion7(now), agendaNumber, now);
        session.Events.StartStream<IncomingLetter>(registered.LetterId, registered);
        session.Insert(new IncomingLetterFingerprint(Key(deliveryId), registered.LetterId));
        return registered;
    }
}

public static class DeliverLetterHandler
{
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

        var positions = await session.Query<Position>().ToListAsync(ct);
        var addressee = positions.FirstOrDefault(p => string.Equals(p.Title, message.AddresseeName, StringComparison.OrdinalIgnoreCase));
        var registry = addressee?.UnitId ?? positions.FirstOrDefault(p => p.Roles.Contains(Role.Registrar))?.UnitId;
        var system = new Caller(agency, Guid.Empty, "Sistem Arsip (kiriman elektronik)", [], registry is { } r ? [r] : [], []);
        var content = new LetterContent(LetterKind.SuratDinas, message.Classification, message.SecurityLevel, message.Urgency, message.Subject, "", message.Attachments, [], []);
        var registered = await IncomingDelivery.RegisterAsync(session, message.DeliveryId, addressee?.Id, message.SenderName, message.LetterNumber, message.LetterDate, content, system, clock, ct);
        await bus.PublishAsync(new LetterDeliveryReceipt(message.DeliveryId, message.FromLetterId, agency, registered.LetterId, registered.AgendaNumber, registered.RegisteredAt),
            new DeliveryOptions { TenantId = message.FromAgency });
    }
}

public static class LetterDeliveryReceiptHandler
{
    public static async Task Handle(LetterDeliveryReceipt receipt, IDocumentSession session, CancellationToken ct)
    {
        var letter = await session.LoadAsync<OutgoingLetterView>(receipt.FromLetterId, ct);
        if (letter is null || letter.Receipts.Any(r => r.DeliveryId == receipt.DeliveryId)) return;
        session.Events.Append(receipt.FromLetterId, new OutgoingLetterDeliveryReceipted(receipt.FromLetterId, receipt.DeliveryId, receipt.ToAgency, receipt.AgendaNumber, receipt.ReceivedAt));
    }
}
