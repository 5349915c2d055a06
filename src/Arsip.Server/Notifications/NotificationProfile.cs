using System.Net.Mail;

namespace Arsip.Notifications;

public enum NotificationDelivery { Immediately, DailyDigest, Off }

public enum NotificationLanguage { Indonesian, English }

/// <summary>One person's choice of how notifications reach them outside Arsip; none (or no address) means no mail.</summary>
public sealed class NotificationProfile
{
    /// <summary>The person's id.</summary>
    public Guid Id { get; set; }
    public string? Email { get; set; }
    public NotificationDelivery Delivery { get; set; }
    /// <summary>The local hour (0–23, the agency's time zone) the daily digest goes at.</summary>
    public int DigestHour { get; set; } = 7;
    public NotificationLanguage Language { get; set; }
    /// <summary>When the next digest is scheduled for; null while nothing waits for one.</summary>
    public DateTimeOffset? DigestDueAt { get; set; }

    public bool WantsMail => Delivery != NotificationDelivery.Off && !string.IsNullOrWhiteSpace(Email);
}

public sealed record NotificationPreferences(string? Email, NotificationDelivery Delivery, int? DigestHour = null, NotificationLanguage Language = NotificationLanguage.Indonesian);

public sealed record SetNotificationPreferencesCommand(Caller Caller, NotificationPreferences Body);

public static class SetNotificationPreferencesHandler
{
    public static ProblemDetails? RefusalOf(NotificationPreferences body)
    {
        if (!string.IsNullOrWhiteSpace(body.Email) && !IsMailAddress(body.Email.Trim()))
            return Problems.BadRequest("email", "Alamat surel tidak sah, contoh: nama@instansi.go.id (not a valid e-mail address, e.g. name@agency.go.id).");
        if (body.Delivery != NotificationDelivery.Off && string.IsNullOrWhiteSpace(body.Email))
            return Problems.BadRequest("email", "Isi alamat surel untuk menerima pemberitahuan (an e-mail address is needed to receive notifications).");
        if (body.DigestHour is < 0 or > 23)
            return Problems.BadRequest("digestHour", "Jam ringkasan harian 0 sampai 23 (the digest hour is 0 to 23).");
        return null;
    }

    /// <summary>One address, with a domain that has a dot: what an SMTP server will route, not a display name or a list.</summary>
    public static bool IsMailAddress(string text) =>
        text.Length <= 254 && !text.Any(char.IsWhiteSpace) && MailAddress.TryCreate(text, out var address) && address.Address == text
        && address.Host.Contains('.') && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');

    public static NotificationProfile Decide(NotificationPreferences body, NotificationProfile? current, Guid personId) => new()
    {
        Id = personId,
        Email = string.IsNullOrWhiteSpace(body.Email) ? null : body.Email.Trim(),
        Delivery = body.Delivery,
        DigestHour = body.DigestHour ?? current?.DigestHour ?? 7,
        Language = body.Language,
        DigestDueAt = current?.DigestDueAt,
    };

    public static async Task<Decision> Handle(SetNotificationPreferencesCommand command, IDocumentSession session, CancellationToken ct)
    {
        if (RefusalOf(command.Body) is { } refused) return Decision.Refuse(refused);
        var current = await session.LoadAsync<NotificationProfile>(command.Caller.PersonId, ct);
        session.Store(Decide(command.Body, current, command.Caller.PersonId));
        return Decision.Accept();
    }

    [WolverinePut("/api/me/notifications")]
    [Tags("Pemberitahuan")]
    [EndpointSummary("Set the caller's e-mail address and how notifications reach them: immediately, a daily digest at a local hour, or off")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Put(NotificationPreferences body, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new SetNotificationPreferencesCommand(caller, body), ct)).ToResult();
}

public static class NotificationPreferencesEndpoint
{
    [WolverineGet("/api/me/notifications")]
    [Tags("Pemberitahuan")]
    [EndpointSummary("The caller's notification preferences (off, without an address, until set)")]
    public static async Task<NotificationPreferences> Get([NotBody] Caller caller, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<NotificationProfile>(caller.PersonId, ct) is { } p
            ? new NotificationPreferences(p.Email, p.Delivery, p.DigestHour, p.Language)
            : new NotificationPreferences(null, NotificationDelivery.Off, 7);
}
