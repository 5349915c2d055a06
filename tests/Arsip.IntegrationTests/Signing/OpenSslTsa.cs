using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Arsip.IntegrationTests.Infrastructure;

namespace Arsip.IntegrationTests.Signing;

/// <summary>
/// OpenSSL's own RFC 3161 time-stamping authority (`openssl ts -reply`) with the DEMO TSA certificate of samples/signing,
/// behind a loopback HTTP listener: not ours, so a token it issues proves our request and our embedding, not our own TSA code.
/// </summary>
public sealed class OpenSslTsa : IDisposable
{
    public enum Behaviour { Stamp, Garbage, Down }

    private readonly HttpListener _listener = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"arsip-tsa-{Guid.NewGuid():N}");
    private readonly SemaphoreSlim _serial = new(1, 1);

    /// <summary>Down stops listening: the port refuses connections, as a TSA host that is off.</summary>
    public Behaviour Mode
    {
        get => _mode;
        set
        {
            lock (_listener)
            {
                if (value == Behaviour.Down && _listener.IsListening) _listener.Stop();
                else if (value != Behaviour.Down && !_listener.IsListening)
                {
                    _listener.Start();
                    _ = Task.Run(ServeAsync);
                }
                _mode = value;
            }
        }
    }

    private Behaviour _mode = Behaviour.Stamp;
    public Uri Url { get; }
    public int Requests;

    public OpenSslTsa()
    {
        Directory.CreateDirectory(_folder);
        var samples = Path.Combine(ArsipApp.SamplesFolder, "signing");
        File.WriteAllText(Path.Combine(_folder, "serial"), "01\n");
        File.WriteAllText(Path.Combine(_folder, "tsa.cnf"), $"""
            [ tsa ]
            default_tsa = tsa_config
            [ tsa_config ]
            serial = {Path.Combine(_folder, "serial")}
            crypto_device = builtin
            signer_cert = {Path.Combine(samples, "demo-tsa.pem")}
            certs = {Path.Combine(samples, "demo-tsa.pem")}
            signer_key = {Path.Combine(samples, "demo-tsa.key")}
            signer_digest = sha256
            default_policy = 1.3.6.1.4.1.99999.1.1
            other_policies = 1.3.6.1.4.1.99999.1.2
            digests = sha256, sha384, sha512
            accuracy = secs:1
            ordering = no
            tsa_name = no
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256
            """);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/tsa/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref Requests);
        if (Mode == Behaviour.Garbage)
        {
            await Reply(context, "<html>Layanan sedang dalam pemeliharaan</html>"u8.ToArray());
            return;
        }
        var id = Guid.NewGuid().ToString("N");
        var (query, reply) = (Path.Combine(_folder, $"{id}.tsq"), Path.Combine(_folder, $"{id}.tsr"));
        using (var file = File.Create(query)) await context.Request.InputStream.CopyToAsync(file);
        await _serial.WaitAsync();
        try
        {
            var (exit, output) = OpenSsl("ts", "-reply", "-queryfile", query, "-config", Path.Combine(_folder, "tsa.cnf"), "-out", reply);
            if (exit != 0) throw new InvalidOperationException(output);
        }
        finally { _serial.Release(); }
        await Reply(context, await File.ReadAllBytesAsync(reply));
    }

    private static async Task Reply(HttpListenerContext context, byte[] body)
    {
        context.Response.ContentType = "application/timestamp-reply";
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }

    public static (int ExitCode, string Output) OpenSsl(params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("openssl", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    public void Dispose()
    {
        _listener.Close();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>A host whose signatures are PAdES B-T, time-stamped by <see cref="OpenSslTsa"/>.</summary>
public sealed class TimestampingApp : ArsipApp, IAsyncLifetime
{
    public OpenSslTsa Tsa { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(Arsip.Signing.TimestampAuthority.UrlSetting, Tsa.Url.ToString());
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Tsa.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TimestampingCollection : ICollectionFixture<TimestampingApp>
{
    public const string Name = "timestamping";
}
