using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Arsip.Notifications;

public sealed record SendMail(Guid MailId, string Agency, Guid? PersonId, string To, string Subject, string Text, string Html);

public enum MailStatus { Waiting, Sent, Refused }

/// <summary>One mail's fate, for the administrator: waiting (with the last reason it did not go), sent, or refused for good.</summary>
public sealed class MailDelivery
{
    public Guid Id { get; set; }
    public Guid? PersonId { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Kind { get; set; } = "";
    public MailStatus Status { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    public static MailDelivery Waiting(SendMail mail, string kind, DateTimeOffset now) => new()
    {
        Id = mail.MailId, PersonId = mail.PersonId, To = mail.To, Subject = mail.Subject, Kind = kind, Status = MailStatus.Waiting, CreatedAt = now,
    };
}

public abstract record MailOutcome
{
    public sealed record Sent : MailOutcome;
    /// <summary>The server said no for good (5xx): retrying would only repeat it.</summary>
    public sealed record Refused(string Reason) : MailOutcome;
    /// <summary>Down, unreachable, a 4xx or a failed sign-in: worth trying again later.</summary>
    public sealed record NotYet(string Reason) : MailOutcome;
}

/// <summary>Thrown after the reason is recorded, so Wolverine's retry policy (Notifications/Configuration.cs) takes the mail up again later.</summary>
public sealed class MailNotSentYet(string reason) : Exception(reason);

public static class MailSender
{
    public static MimeMessage MessageOf(MailSettings settings, SendMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.MessageId = $"{mail.MailId:N}@arsip";
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }

    public static async Task<MailOutcome> SendAsync(MailSettings settings, SendMail mail, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, ct);
            if (!string.IsNullOrEmpty(settings.User)) await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
            await client.SendAsync(MessageOf(settings, mail), ct);
            await client.DisconnectAsync(true, ct);
            return new MailOutcome.Sent();
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            return new MailOutcome.Refused($"{(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or MailKit.Security.AuthenticationException
                                      or SocketException or IOException or TimeoutException or MailKit.Security.SslHandshakeException)
        {
            return new MailOutcome.NotYet(e.Message);
        }
    }
}

public static class SendMailHandler
{
    /// <summary>
    /// A mail already sent or refused is not sent again (a redelivered message, another node). Waiting ones record why and
    /// throw, so Wolverine schedules the next attempt; the durable inbox keeps the mail through a restart meanwhile.
    /// </summary>
    public static async Task Handle(SendMail mail, IDocumentStore store, MailSettings settings, ArsipClock clock, ILogger<SendMail> logger, CancellationToken ct)
    {
        await using var session = store.LightweightSession(mail.Agency);
        var delivery = await session.LoadAsync<MailDelivery>(mail.MailId, ct) ?? MailDelivery.Waiting(mail, "", clock.GetUtcNow());
        if (delivery.Status != MailStatus.Waiting) return;
        var outcome = settings.Enabled ? await MailSender.SendAsync(settings, mail, ct) : new MailOutcome.NotYet("Surel tidak dikonfigurasi (mail is off)");
        var now = clock.GetUtcNow();
        delivery.Attempts++;
        delivery.LastAttemptAt = now;
        switch (outcome)
        {
            case MailOutcome.Sent:
                delivery.Status = MailStatus.Sent;
                delivery.SentAt = now;
                delivery.LastError = null;
                break;
            case MailOutcome.Refused refused:
                delivery.Status = MailStatus.Refused;
                delivery.LastError = refused.Reason;
                logger.LogWarning("Mail {MailId} to {To} refused for good: {Reason}", mail.MailId, mail.To, refused.Reason);
                break;
            case MailOutcome.NotYet notYet:
                delivery.LastError = notYet.Reason;
                break;
        }
        session.Store(delivery);
        await session.SaveChangesAsync(ct);
        if (outcome is MailOutcome.NotYet wait) throw new MailNotSentYet(wait.Reason);
    }
}
