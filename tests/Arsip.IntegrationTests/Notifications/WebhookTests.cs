using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arsip.IntegrationTests.Dispositions;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Notifications;

namespace Arsip.IntegrationTests.Notifications;

/// <summary>Webhooks: registered by the administrator, called on loopback with the notification as signed JSON.</summary>
public class WebhookTests(NotificationsApp app) : DispositionTest(app), IClassFixture<NotificationsApp>
{
    private sealed record Received(string Body, string? Signature);

    /// <summary>A receiver on a loopback port: the first call fails (503), so the test also sees the retry.</summary>
    private sealed class Receiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        public ConcurrentQueue<Received> Calls { get; } = new();
        public int Port { get; }
        private int _failures = 1;

        public Receiver()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); Port = ((IPEndPoint)probe.LocalEndpoint).Port; }
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); }
                    catch (Exception) { return; }
                    using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                    var body = await reader.ReadToEndAsync();
                    if (Interlocked.Decrement(ref _failures) >= 0) context.Response.StatusCode = 503;
                    else
                    {
                        Calls.Enqueue(new Received(body, context.Request.Headers["X-Arsip-Signature"]));
                        context.Response.StatusCode = 204;
                    }
                    context.Response.Close();
                }
            });
        }

        public void Dispose() => _listener.Close();
    }

    [Fact]
    public async Task A_registered_webhook_receives_the_notification_as_json_signed_with_its_secret_after_a_failed_call()
    {
        using var receiver = new Receiver();
        const string secret = "rahasia-gerbang-whatsapp-2026";
        var registered = await (await As("admin")).PostAsJsonAsync("/api/notifications/webhooks", new { url = $"http://127.0.0.1:{receiver.Port}/arsip", secret });
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());

        var slip = await DisposeAsync("sekda", await LetterToAsync("sekda", subject: "Rapat koordinasi layanan publik"), ["kabag.umum"], deadline: Now.AddDays(2));
        var secretSlip = await DisposeAsync("sekda", await LetterToAsync("sekda", securityLevel: "SangatRahasia", subject: "Penyelidikan internal"), ["kabag.umum"], deadline: Now.AddDays(2));

        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until && receiver.Calls.Count < 2) await Task.Delay(100);
        receiver.Calls.Count.ShouldBe(2);
        foreach (var call in receiver.Calls)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(call.Body)));
            call.Signature.ShouldBe(expected);
        }
        var payloads = receiver.Calls.Select(c => JsonSerializer.Deserialize<WebhookPayload>(c.Body, ArsipApp.Json)!).ToList();
        var plain = payloads.Single(p => p.Link.EndsWith(slip.ToString()));
        plain.Kind.ShouldBe("DispositionReceived");
        plain.Subject.ShouldBe("Rapat koordinasi layanan publik");
        plain.Link.ShouldBe($"{NotificationsApp.PublicBaseUrl}/disposisi/{slip}");
        plain.PersonIds.ShouldBe([await PersonId("kabag.umum")]);
        var hidden = receiver.Calls.Single(c => c.Body.Contains(secretSlip.ToString()));
        hidden.Body.ShouldNotContain("Penyelidikan");
        JsonSerializer.Deserialize<WebhookPayload>(hidden.Body, ArsipApp.Json)!.Title.ShouldBe("Ada surat untuk Anda");
    }

    [Fact]
    public async Task A_webhook_outside_http_or_at_arsip_itself_or_without_a_secret_is_refused()
    {
        var admin = await As("admin");
        foreach (var (url, secret, text) in new[]
                 {
                     ("ftp://gateway.bekasikota.go.id/hook", "rahasia-gerbang-whatsapp-2026", "http atau https"),
                     ("file:///etc/passwd", "rahasia-gerbang-whatsapp-2026", "http atau https"),
                     ("gateway", "rahasia-gerbang-whatsapp-2026", "http atau https"),
                     ("http://localhost/api/dispositions", "rahasia-gerbang-whatsapp-2026", "Arsip sendiri"), // the address the test client reaches Arsip at
                     ($"{NotificationsApp.PublicBaseUrl}/api/letters", "rahasia-gerbang-whatsapp-2026", "Arsip sendiri"),
                     ("https://gateway.bekasikota.go.id/hook", "pendek", "Rahasia webhook"),
                 })
        {
            var refused = await admin.PostAsJsonAsync("/api/notifications/webhooks", new { url, secret });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            (await refused.Content.ReadAsStringAsync()).ShouldContain(text);
        }
        (await (await As("kabag.umum")).PostAsJsonAsync("/api/notifications/webhooks", new { url = "https://gateway.bekasikota.go.id/hook", secret = "rahasia-gerbang-whatsapp-2026" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.GetFromJsonAsync<WebhookSummary[]>("/api/notifications/webhooks", ArsipApp.Json))!
            .ShouldNotContain(w => w.Url.Contains("bekasikota") || w.Url.Contains("localhost") || w.Url.StartsWith("ftp") || w.Url.StartsWith("file"));
    }
}
