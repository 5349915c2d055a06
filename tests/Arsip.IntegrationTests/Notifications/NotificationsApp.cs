using System.Net;
using System.Net.Sockets;
using System.Text;
using Arsip.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using MimeKit;
using netDumbster.smtp;

namespace Arsip.IntegrationTests.Notifications;

/// <summary>Arsip with mail on, sending to a real SMTP server (netDumbster) on a loopback port the tests may stop and start.</summary>
public sealed class NotificationsApp : ArsipApp, IAsyncLifetime
{
    public const string PublicBaseUrl = "https://arsip.bekasikota.go.id";
    public int SmtpPort { get; } = FreePort();
    public SimpleSmtpServer? Smtp { get; private set; }

    public override async Task InitializeAsync()
    {
        StartSmtp();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Arsip:Mail:Host", "127.0.0.1");
        builder.UseSetting("Arsip:Mail:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Arsip:Mail:Security", "None");
        builder.UseSetting("Arsip:Mail:From", "arsip@bekasikota.go.id");
        builder.UseSetting("Arsip:Mail:RetryDelays:0", "00:00:01");
        builder.UseSetting("Arsip:PublicBaseUrl", PublicBaseUrl);
    }

    public void StartSmtp() => Smtp = SimpleSmtpServer.Start(SmtpPort);

    public void StopSmtp()
    {
        Smtp?.Stop();
        Smtp?.Dispose();
        Smtp = null;
    }

    /// <summary>Every message the SMTP server has received, parsed by MimeKit.</summary>
    public IReadOnlyList<MimeMessage> Received =>
        Smtp?.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList() ?? [];

    public async Task<IReadOnlyList<MimeMessage>> WaitForMailAsync(Func<MimeMessage, bool> match, int count = 1, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var found = Received.Where(match).ToList();
            if (found.Count >= count || DateTime.UtcNow > until) return found;
            await Task.Delay(100);
        }
    }

    public new async Task DisposeAsync()
    {
        StopSmtp();
        await base.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>An SMTP server that refuses every recipient for good (550), as a server does for an unknown mailbox.</summary>
public sealed class RefusingSmtpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();

    public RefusingSmtpServer(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ConverseAsync(client));
        }
    }

    private static async Task ConverseAsync(TcpClient client)
    {
        using var _ = client;
        await using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 refusing.test ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO": await writer.WriteLineAsync("250 refusing.test"); break;
                case "MAIL": await writer.WriteLineAsync("250 2.1.0 OK"); break;
                case "RCPT": await writer.WriteLineAsync("550 5.1.1 Mailbox does not exist"); break;
                case "QUIT": await writer.WriteLineAsync("221 2.0.0 Bye"); return;
                default: await writer.WriteLineAsync("503 5.5.1 Bad sequence"); break;
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
