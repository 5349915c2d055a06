using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Arsip.Notifications;

/// <summary>An agency's webhook: the same notifications POSTed as JSON, signed with HMAC-SHA256 over the body with the secret.</summary>
public sealed class Webhook
{
    public Guid Id { get; set; }
    public string Url { get; set; } = "";
    public string Secret { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed record RegisterWebhook(string? Url, string? Secret);

public sealed record RegisterWebhookCommand(Guid WebhookId, RegisterWebhook Body, string[] OwnAuthorities, DateTimeOffset Now);

public sealed record RegisterWebhookResponse(Guid Id, string Url);

public sealed record WebhookSummary(Guid Id, string Url, DateTimeOffset CreatedAt);

/// <summary>The JSON a webhook receives; for Rahasia and Sangat Rahasia letters without subject (only that a letter waits).</summary>
public sealed record WebhookPayload(Guid Id, string Agency, string Kind, string Title, string? Subject, bool Secret, string Link, DateTimeOffset At, Guid[] PersonIds);

public sealed record PostWebhook(Guid DeliveryId, string Agency, Guid WebhookId, string Body);

public static class RegisterWebhookHandler
{
    public const int MinimumSecretLength = 16;

    /// <summary><paramref name="ownAuthorities"/>: Arsip's own host:port as the caller reached it and as published; a webhook there would call Arsip itself.</summary>
    public static ProblemDetails? RefusalOf(RegisterWebhook body, IReadOnlyCollection<string> ownAuthorities)
    {
        if (!Uri.TryCreate(body.Url?.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return Problems.BadRequest("url", "Alamat webhook harus URL http atau https (the webhook URL must be an http or https URL).");
        if (ownAuthorities.Any(a => string.Equals(a, url.Authority, StringComparison.OrdinalIgnoreCase) || string.Equals(a, $"{url.Host}:{url.Port}", StringComparison.OrdinalIgnoreCase)))
            return Problems.BadRequest("url", "Alamat webhook menunjuk ke Arsip sendiri (the webhook URL points at Arsip itself).");
        if (string.IsNullOrEmpty(body.Secret) || body.Secret.Length < MinimumSecretLength)
            return Problems.BadRequest("secret", $"Rahasia webhook paling sedikit {MinimumSecretLength} karakter (the webhook secret needs at least {MinimumSecretLength} characters).");
        return null;
    }

    public static Decision Handle(RegisterWebhookCommand command, IDocumentSession session)
    {
        if (RefusalOf(command.Body, command.OwnAuthorities) is { } refused) return Decision.Refuse(refused);
        session.Store(new Webhook { Id = command.WebhookId, Url = command.Body.Url!.Trim(), Secret = command.Body.Secret!, CreatedAt = command.Now });
        return Decision.Accept();
    }

    public static string[] OwnAuthorities(HttpContext http, IConfiguration configuration)
    {
        var own = new List<string>();
        var host = http.Request.Host;
        own.Add(host.Port is { } port ? $"{host.Host}:{port}" : $"{host.Host}:{(http.Request.IsHttps ? 443 : 80)}");
        if (configuration[Documents.DocumentLinks.Setting] is { Length: > 0 } published && Uri.TryCreate(published, UriKind.Absolute, out var p))
            own.Add($"{p.Host}:{p.Port}");
        return own.ToArray();
    }

    [WolverinePost("/api/notifications/webhooks")]
    [Tags("Pemberitahuan")]
    [Authorize(Policy = Policies.Administrator)]
    [EndpointSummary("Register a webhook: notifications are POSTed to the URL as JSON with X-Arsip-Signature: sha256=HMAC-SHA256(secret, body), retried when it fails")]
    [ProducesResponseType<RegisterWebhookResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(RegisterWebhook body, [NotBody] Caller caller, IMessageBus bus, ArsipClock clock, IConfiguration configuration, HttpContext http)
    {
        var now = clock.GetUtcNow();
        var command = new RegisterWebhookCommand(Guid.CreateVersion7(now), body, OwnAuthorities(http, configuration), now);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency, command, http.RequestAborted);
        return decision.ToResult(() => Results.Created($"/api/notifications/webhooks/{command.WebhookId}", new RegisterWebhookResponse(command.WebhookId, body.Url!.Trim())));
    }
}

public static class WebhookEndpoints
{
    [WolverineGet("/api/notifications/webhooks")]
    [Tags("Pemberitahuan")]
    [Authorize(Policy = Policies.Administrator)]
    [EndpointSummary("The agency's webhooks (their secrets are not shown again)")]
    public static async Task<IReadOnlyList<WebhookSummary>> List(IQuerySession session, CancellationToken ct) =>
        (await session.Query<Webhook>().OrderBy(w => w.CreatedAt).ToListAsync(ct)).Select(w => new WebhookSummary(w.Id, w.Url, w.CreatedAt)).ToList();
}

public sealed class WebhookNotDelivered(string reason) : Exception(reason);

public static class PostWebhookHandler
{
    public const string SignatureHeader = "X-Arsip-Signature";

    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static string BodyOf(WebhookPayload payload) => JsonSerializer.Serialize(payload, JsonSerializerOptions.Web);

    /// <summary>A webhook removed meanwhile gets nothing; a failed call throws so Wolverine retries it (Notifications/Configuration.cs).</summary>
    public static async Task Handle(PostWebhook message, IDocumentStore store, IHttpClientFactory clients, CancellationToken ct)
    {
        await using var session = store.QuerySession(message.Agency);
        if (await session.LoadAsync<Webhook>(message.WebhookId, ct) is not { } webhook) return;
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new StringContent(message.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SignatureHeader, Sign(webhook.Secret, message.Body));
        request.Headers.Add("X-Arsip-Delivery", message.DeliveryId.ToString());
        using var response = await clients.CreateClient(Configuration.WebhookClient).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw new WebhookNotDelivered($"{(int)response.StatusCode} {response.ReasonPhrase}");
    }
}
