using MailKit.Security;
using Wolverine.ErrorHandling;

namespace Arsip.Notifications;

/// <summary>
/// <c>Arsip:Mail:*</c>: the installation's SMTP server. Mail is off while <c>Host</c> is unset; notifications then
/// stay inside Arsip. <c>Security</c> is <c>StartTls</c> (default, port 587), <c>Tls</c> (port 465) or <c>None</c>.
/// </summary>
public sealed record MailSettings(string? Host, int Port, SecureSocketOptions Security, string? User, string? Password, string From,
    TimeSpan[] RetryDelays)
{
    public const string Section = "Arsip:Mail";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public static MailSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var security = section["Security"] switch
        {
            null or "" => SecureSocketOptions.StartTls,
            var s when s.Equals("Tls", StringComparison.OrdinalIgnoreCase) => SecureSocketOptions.SslOnConnect,
            var s when s.Equals("None", StringComparison.OrdinalIgnoreCase) => SecureSocketOptions.None,
            var s when s.Equals("StartTls", StringComparison.OrdinalIgnoreCase) => SecureSocketOptions.StartTls,
            var s => throw new InvalidOperationException($"{Section}:Security is '{s}': use StartTls, Tls or None."),
        };
        var port = section.GetValue<int?>("Port") ?? security switch { SecureSocketOptions.SslOnConnect => 465, SecureSocketOptions.None => 25, _ => 587 };
        var delays = section.GetSection("RetryDelays").Get<TimeSpan[]>() is { Length: > 0 } configured
            ? configured
            : [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)];
        return new MailSettings(section["Host"], port, security, section["User"], section["Password"],
            section["From"] is { Length: > 0 } from ? from : "arsip@localhost", delays);
    }

    public string Describe() => Enabled
        ? $"Mail is on: SMTP {Host}:{Port} ({Security}), from {From}."
        : $"Mail is off ({Section}:Host is not set): notifications stay inside Arsip. See README, \"Notifications\".";
}

public static class Configuration
{
    /// <summary>Mails and webhook calls get their own durable queue: an SMTP outage holds them there, not the other modules' work.</summary>
    public const string MailQueue = "mail";
    public const string WebhookClient = "webhooks";

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(MailSettings.Read(configuration));
        services.SubscribeToEvents(new NotificationSubscription());
        // no redirects: a receiver could otherwise bounce the signed notification to an address the administrator never registered
        services.AddHttpClient(WebhookClient, c => c.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
    }

    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<NotificationProfile>();
        opts.Schema.For<MailDelivery>().Duplicate(m => m.Status).Duplicate(m => m.CreatedAt);
        opts.Schema.For<DigestItem>().Duplicate(d => d.PersonId);
        opts.Schema.For<Webhook>();
    }

    public static void Configure(WolverineOptions opts, IConfiguration configuration)
    {
        var settings = MailSettings.Read(configuration);
        opts.PublishMessage<SendMail>().ToLocalQueue(MailQueue).UseDurableInbox();
        opts.PublishMessage<Notify>().ToLocalQueue(MailQueue).UseDurableInbox();
        opts.PublishMessage<SendDigest>().ToLocalQueue(MailQueue).UseDurableInbox();
        opts.PublishMessage<PostWebhook>().ToLocalQueue(MailQueue).UseDurableInbox();
        // a server that is down or answers 4xx: the mail waits (its delivery row says why) and goes when the server is back
        opts.OnException<MailNotSentYet>().ScheduleRetryIndefinitely(settings.RetryDelays);
        // a receiver down or failing: tried again at the mail's pace a few times, then the dead-letter queue keeps it
        opts.OnException<WebhookNotDelivered>().Or<HttpRequestException>().Or<TaskCanceledException>()
            .ScheduleRetry([.. settings.RetryDelays, .. settings.RetryDelays]);
    }
}
