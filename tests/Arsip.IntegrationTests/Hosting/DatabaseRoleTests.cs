using System.Diagnostics;
using System.Net;
using System.Text;
using Arsip.Infrastructure;
using Arsip.IntegrationTests.Infrastructure;
using Npgsql;

namespace Arsip.IntegrationTests.Hosting;

/// <summary>The built server, run as a real process with its own settings (as <c>ops/run</c> runs it).</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public static string Dll { get; } = Path.Combine(Path.GetDirectoryName(ArsipApp.SamplesFolder)!, "src", "Arsip.Server", "bin",
#if DEBUG
        "Debug",
#else
        "Release",
#endif
        "net10.0", "Arsip.Server.dll");

    private ServerProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }
    public int ExitCode => _process.ExitCode;

    public static ServerProcess Start(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
        };
        start.ArgumentList.Add(Dll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var server = new ServerProcess(new Process { StartInfo = start });
        server._process.OutputDataReceived += (_, e) => { lock (server._output) server._output.AppendLine(e.Data); };
        server._process.ErrorDataReceived += (_, e) => { lock (server._output) server._output.AppendLine(e.Data); };
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Runs a command to its end (at most two minutes) and returns its exit code.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        await using var command = Start(arguments, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await command._process.WaitForExitAsync(timeout.Token);
        command._process.WaitForExit(); // drains the redirected output
        return (command.ExitCode, command.Output);
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits (at most two minutes) until /health answers, and returns its status and text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> HealthAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited ({_process.ExitCode}):\n{Output}");
            try
            {
                var response = await http.GetAsync("/health");
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>SIGKILL (kill -9), as a power cut or the OOM killer ends it: nothing of the server runs after.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops it: the server shuts down cleanly (and stops the cluster it started).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }
}

/// <summary>Least privilege as an installation gets it: the private cluster, and a configured server.</summary>
public class DatabaseRoleTests
{
    [Fact]
    public async Task The_private_cluster_runs_Arsip_without_superuser_and_a_command_beside_it_leaves_it_running()
    {
        var data = Path.Combine(Path.GetTempPath(), $"arsip-roles-{Guid.NewGuid():N}");
        var url = $"http://127.0.0.1:{ServerProcess.FreePort()}";
        try
        {
            await using (var server = ServerProcess.Start(["--urls", url, $"--Arsip:DataDirectory={data}"]))
            {
                (await server.HealthAsync(url)).ShouldBe((HttpStatusCode.OK, "Healthy"));

                // nobody gets in without a password, and Arsip's own role is no superuser and cannot read the anchor key
                var port = int.Parse(File.ReadAllLines(Path.Combine(data, "pg", "postmaster.pid"))[3]);
                await using (var noPassword = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=arsip;Database=postgres;Pooling=false"))
                    (await Should.ThrowAsync<NpgsqlException>(() => noPassword.OpenAsync())).ShouldNotBeNull();
                var runtime = $"Host=127.0.0.1;Port={port};Username={DatabaseRoles.Runtime};Password={File.ReadAllText(Path.Combine(data, "secrets", DatabaseRoles.Runtime)).Trim()};Database=arsip;Pooling=false";
                var privileges = await DatabaseRoles.CheckAsync(runtime, CancellationToken.None);
                privileges.ShouldSatisfyAllConditions(p => p.Superuser.ShouldBeFalse(), p => p.ServerFiles.ShouldBeFalse(), p => p.AltersEvents.ShouldBeFalse());
                var key = Path.Combine(data, "keys", "anchor-signing.pem");
                await using (var connection = new NpgsqlConnection(runtime))
                {
                    await connection.OpenAsync();
                    await using var read = new NpgsqlCommand($"select pg_read_binary_file('{key}')", connection);
                    (await Should.ThrowAsync<PostgresException>(() => read.ExecuteScalarAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
                }
                File.Exists(key).ShouldBeTrue();
                if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(key).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

                // the verify command beside the running server connects to its cluster and leaves it running
                var (exit, output) = await ServerProcess.RunAsync(["verify", "--agency", "kota-bekasi"], new Dictionary<string, string> { ["Arsip__DataDirectory"] = data });
                exit.ShouldBe(0, output);
                (await server.HealthAsync(url)).ShouldBe((HttpStatusCode.OK, "Healthy"));
            }
            File.Exists(Path.Combine(data, "pg", "postmaster.pid")).ShouldBeFalse("the server stops the cluster it started");
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    [Fact]
    public async Task A_superuser_connection_is_refused_unless_allowed_and_then_reported_on_health()
    {
        var superuser = await TestDatabase.SuperuserAsync("superuser");
        var data = Path.Combine(Path.GetTempPath(), $"arsip-superuser-{Guid.NewGuid():N}");
        try
        {
            var url = $"http://127.0.0.1:{ServerProcess.FreePort()}";
            var (exit, output) = await ServerProcess.RunAsync(["--urls", url, $"--ConnectionStrings:Arsip={superuser}", $"--Arsip:DataDirectory={data}"]);
            exit.ShouldBe(2, output);
            output.ShouldContain("superuser");

            await using var server = ServerProcess.Start(["--urls", url, $"--ConnectionStrings:Arsip={superuser}", $"--Arsip:DataDirectory={data}", "--Arsip:AllowSuperuser=true"]);
            (await server.HealthAsync(url)).ShouldBe((HttpStatusCode.OK, "Degraded"));
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
