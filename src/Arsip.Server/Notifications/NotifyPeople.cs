using System.Security.Cryptography;
using System.Text;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.Notifications;

/// <summary>Turns one notification into a mail for each person who holds a named position (or is named) and wants mail, or an item of their digest.</summary>
public static class NotifyHandler
{
    public static async Task Handle(Notify notify, IDocumentSession session, IMessageContext bus, MailSettings mail, IConfiguration configuration, ArsipClock clock, CancellationToken ct)
    {
        var webhooks = await session.Query<Webhook>().ToListAsync(ct);
        var profiles = mail.Enabled
            ? await session.Query<NotificationProfile>().Where(p => p.Delivery != NotificationDelivery.Off && p.Email != null).ToListAsync(ct)
            : [];
        if (profiles.Count == 0 && webhooks.Count == 0) return;
        if (await NoticeAsync(notify, session, ct) is not { } target) return;
        var time = await AgencyTime.LoadAsync(session, ct);
        var day = time.DateOf(notify.At);
        var baseUrl = BaseUrl(configuration);
        if (webhooks.Count > 0)
        {
            // the same title and holders for every webhook: read once
            var (title, _) = NotificationMail.Lines(target.Notice, NotificationLanguage.Indonesian, time);
            var holders = await HoldersAsync(session, target, day, ct);
            foreach (var webhook in webhooks)
            {
                var payload = new WebhookPayload(MailId(target.Key, webhook.Id), notify.Agency, target.Notice.Kind.ToString(), title,
                    target.Notice.Secret ? null : target.Notice.Subject, target.Notice.Secret, NotificationMail.LinkOf(baseUrl, target.Notice.Path), notify.At, holders);
                await bus.PublishAsync(new PostWebhook(payload.Id, notify.Agency, webhook.Id, PostWebhookHandler.BodyOf(payload)), new DeliveryOptions { TenantId = notify.Agency });
            }
        }
        if (profiles.Count == 0) return;
        var people = await session.LoadManyAsync<Person>(ct, profiles.Select(p => p.Id));
        var profileOf = profiles.ToDictionary(p => p.Id);
        var recipients = people.Where(p => p.DeactivatedAt is null
                                           && (target.PersonIds.Contains(p.Id) || p.PositionsOn(day).Any(target.PositionIds.Contains)))
            .Select(p => profileOf[p.Id]).ToList();
        var now = clock.GetUtcNow();
        foreach (var profile in recipients)
        {
            var id = MailId(target.Key, profile.Id);
            if (await session.LoadAsync<MailDelivery>(id, ct) is not null || await session.LoadAsync<DigestItem>(id, ct) is not null) continue; // told already
            if (profile.Delivery == NotificationDelivery.DailyDigest)
            {
                var (title, lines) = NotificationMail.Lines(target.Notice, profile.Language, time);
                session.Store(new DigestItem { Id = id, PersonId = profile.Id, Title = title, Lines = lines, Link = NotificationMail.LinkOf(baseUrl, target.Notice.Path), At = notify.At });
                if (profile.DigestDueAt is null || profile.DigestDueAt <= now)
                {
                    profile.DigestDueAt = NextDigestAt(now, profile.DigestHour, time.Zone);
                    session.Store(profile);
                    await bus.PublishAsync(new SendDigest(notify.Agency, profile.Id, profile.DigestDueAt.Value),
                        new DeliveryOptions { TenantId = notify.Agency, ScheduleDelay = profile.DigestDueAt.Value - now });
                }
                continue;
            }
            var text = NotificationMail.Compose(target.Notice, profile.Language, baseUrl, time);
            var send = new SendMail(id, notify.Agency, profile.Id, profile.Email!, text.Subject, text.Text, text.Html);
            session.Store(MailDelivery.Waiting(send, notify.Kind.ToString(), now));
            await bus.PublishAsync(send, new DeliveryOptions { TenantId = notify.Agency });
        }
    }

    /// <summary>Who the notification is for (a chat gateway maps them to its own users).</summary>
    private static async Task<Guid[]> HoldersAsync(IQuerySession session, Target target, DateOnly day, CancellationToken ct)
    {
        if (target.PositionIds.Length == 0) return target.PersonIds;
        var people = await session.Query<Person>().Where(p => p.DeactivatedAt == null).ToListAsync(ct);
        return people.Where(p => target.PersonIds.Contains(p.Id) || p.PositionsOn(day).Any(target.PositionIds.Contains)).Select(p => p.Id).ToArray();
    }

    /// <summary>The next time the local clock shows <paramref name="hour"/>:00 in the agency's zone, strictly after now.</summary>
    public static DateTimeOffset NextDigestAt(DateTimeOffset now, int hour, TimeZoneInfo zone)
    {
        var local = ArsipClock.ToLocal(now, zone);
        var candidate = new DateTime(local.Year, local.Month, local.Day, hour, 0, 0, DateTimeKind.Unspecified);
        if (candidate <= local.DateTime) candidate = candidate.AddDays(1);
        return new DateTimeOffset(candidate, zone.GetUtcOffset(candidate)).ToUniversalTime();
    }

    public static string BaseUrl(IConfiguration configuration) =>
        configuration[Documents.DocumentLinks.Setting] is { Length: > 0 } configured ? configured.TrimEnd('/') : "http://127.0.0.1:5080";

    /// <summary>One mail per person and thing to tell, whichever event or node asks again.</summary>
    public static Guid MailId(string key, Guid personId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}|{personId}"))[..16]);

    public sealed record Target(Notice Notice, Guid[] PositionIds, Guid[] PersonIds, string Key);

    private static bool IsSecret(SecurityLevel level) => LetterAccess.IsSecret(level);

    public static async Task<Target?> NoticeAsync(Notify n, IQuerySession session, CancellationToken ct)
    {
        var eventKey = $"{n.Kind}:{n.EventId}";
        switch (n.Kind)
        {
            case NotificationKind.DispositionReceived or NotificationKind.DeadlineApproaching or NotificationKind.DeadlinePassed:
            {
                if (await session.LoadAsync<Disposition>(n.SubjectId, ct) is not { } d) return null;
                var notice = new Notice(n.Kind, IsSecret(d.Letter.SecurityLevel), d.Letter.Subject, $"agenda {d.Letter.AgendaNumber}/{d.Letter.AgendaYear}",
                    d.IssuerName, d.Deadline, $"/disposisi/{d.Id}");
                return new Target(notice, n.PositionIds, n.PersonIds, eventKey);
            }
            case NotificationKind.AwaitingInitials:
            {
                if (await session.LoadAsync<OutgoingLetterView>(n.SubjectId, ct) is not { AwaitingPosition: { } waiting } letter) return null;
                var kind = letter.Status == OutgoingStatus.Approved ? NotificationKind.AwaitingSignature : NotificationKind.AwaitingInitials;
                var notice = new Notice(kind, IsSecret(letter.Content.SecurityLevel), letter.Content.Subject, "", letter.DraftedBy, null, $"/surat-keluar/{letter.Id}");
                // keyed by the step, not the event: two events read after both committed name the same person once
                return new Target(notice, [waiting], [], $"{kind}:{letter.Id}:{letter.DraftVersion}:{waiting}");
            }
            case NotificationKind.DraftReturned:
            {
                if (await session.LoadAsync<OutgoingLetter>(n.SubjectId, ct) is not { } letter
                    || await session.LoadAsync<OutgoingLetterView>(n.SubjectId, ct) is not { } view) return null;
                var by = view.ReturnNotes.LastOrDefault()?.Reviewer;
                var notice = new Notice(n.Kind, IsSecret(view.Content.SecurityLevel), view.Content.Subject, "", by, null, $"/surat-keluar/{view.Id}");
                return new Target(notice, [], [letter.DraftedByPersonId], eventKey);
            }
            case NotificationKind.LetterDelivered:
            {
                if (await session.LoadAsync<IncomingLetterView>(n.SubjectId, ct) is not { } letter) return null;
                var positions = n.PositionIds;
                if (positions.Length == 0) // to no named position: the registry that registered it
                    positions = (await session.Query<Position>().ToListAsync(ct))
                        .Where(p => p.Roles.Contains(Role.Registrar) && (letter.RegisteredByUnitId is null || p.UnitId == letter.RegisteredByUnitId)).Select(p => p.Id).ToArray();
                var notice = new Notice(n.Kind, IsSecret(letter.SecurityLevel), letter.Subject, letter.SenderLetterNumber, letter.Sender, null, $"/surat-masuk/{letter.Id}");
                return new Target(notice, positions, [], eventKey);
            }
            case NotificationKind.RecordsDue:
            {
                if (await session.Events.LoadAsync(n.EventId, ct) is not { Data: Records.RecordsCameDue due }) return null;
                var archivists = (await session.Query<Position>().ToListAsync(ct)).Where(p => p.Roles.Contains(Role.Archivist)).Select(p => p.Id).ToArray();
                var notice = new Notice(n.Kind, false, $"{due.BecameInactiveCount} berkas menjadi inaktif, {due.RetentionEndedCount} berkas berakhir masa retensinya",
                    due.Day.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture), null, null, "/arsip/jatuh-tempo",
                    (due.BecameInactiveCount, due.RetentionEndedCount));
                return new Target(notice, archivists, [], $"{n.Kind}:{due.Key}");
            }
            default:
                return null;
        }
    }
}
