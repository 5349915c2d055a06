using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace Arsip.Bench;

/// <summary>
/// Issue #19: registrations through HAProxy to two real server processes, beside the same load sent to one of them directly,
/// in the same run on the same database. On one 2-core machine the two nodes, PostgreSQL, HAProxy and the clients share the
/// cores, so this measures the load balancer's and the second node's overhead, not scaling; the CPU each part spends per
/// letter is what the README's expected scaling is computed from.
/// </summary>
public sealed class ClusterBench : IBench
{
    private const int Clients = 16;
    public string Name => "cluster";

    private sealed record Run(double PerSecond, double P50, double P99, double ArsipCpuMs, double PostgresCpuMs, double ProxyCpuMs);

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        var server = Environment.GetEnvironmentVariable("ARSIP_BENCH_DB")
            ?? throw new InvalidOperationException("Set ARSIP_BENCH_DB to a PostgreSQL server connection string (ops/bench does).");
        if (Which("haproxy") is null)
        {
            context.Log.WriteLine("cluster: haproxy is not installed (apt-get install haproxy); skipped");
            return [new BenchRow("Several nodes (#19)", "registration through HAProxy", "letters/s", "not run: haproxy missing", "-", "-", false)];
        }
        var database = $"arsip_bench_cluster_{Environment.ProcessId}";
        var connectionString = await CorrespondenceBench.CreateDatabaseAsync(server, database);
        var folder = Path.Combine(context.WorkDir, "cluster");
        Directory.CreateDirectory(folder);
        using (var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
            await File.WriteAllTextAsync(Path.Combine(folder, "anchor.pem"), key.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(Path.Combine(folder, "cookie.key"), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var count = context.Quick ? 1_500 : 6_000;
        var processes = new List<Process>();
        try
        {
            var runtime = new NpgsqlConnectionStringBuilder(connectionString) { Username = Arsip.Infrastructure.DatabaseRoles.Runtime }.ConnectionString;
            var owner = new NpgsqlConnectionStringBuilder(connectionString) { Username = Arsip.Infrastructure.DatabaseRoles.Owner }.ConnectionString;
            var ports = new[] { FreePort(), FreePort() };
            var a = Start(ports[0], 1, folder, runtime, owner);
            processes.Add(a);
            await HealthyAsync(ports[0], a);
            var postmaster = await Measure.PostmasterPidAsync(connectionString);

            // one node, addressed directly (the second is not running yet)
            context.Log.WriteLine($"  cluster: {count} registrations with {Clients} clients, one node directly");
            var direct = await MeasureAsync($"http://127.0.0.1:{ports[0]}", count, [a], null, postmaster, "DIRECT");

            var b = Start(ports[1], 2, folder, runtime, null);
            processes.Add(b);
            await HealthyAsync(ports[1], b);
            var proxyPort = FreePort();
            var config = (await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "ops", "haproxy.cfg"))).Replace("@BIND@", $"127.0.0.1:{proxyPort}")
                         + $"    server node1 127.0.0.1:{ports[0]} check\n    server node2 127.0.0.1:{ports[1]} check\n";
            await File.WriteAllTextAsync(Path.Combine(folder, "haproxy.cfg"), config);
            var proxy = Process.Start(new ProcessStartInfo("haproxy", ["-db", "-f", Path.Combine(folder, "haproxy.cfg")]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            processes.Add(proxy);
            await HealthyAsync(proxyPort, proxy);
            context.Log.WriteLine($"  cluster: {count} registrations with {Clients} clients, HAProxy to two nodes");
            var balanced = await MeasureAsync($"http://127.0.0.1:{proxyPort}", count, [a, b], proxy, postmaster, "LB");

            var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            string Split(Run r) => $"Arsip {r.ArsipCpuMs:0.00} ms + PostgreSQL {r.PostgresCpuMs:0.00} ms{(r.ProxyCpuMs > 0 ? $" + HAProxy {r.ProxyCpuMs:0.00} ms" : "")} CPU per letter";
            return
            [
                new("Several nodes (#19)", $"registration, {Clients} clients: HAProxy to 2 nodes vs 1 node directly (2 cores shared: overhead, not scaling; load {load})",
                    "letters/s", $"{balanced.PerSecond:N0}", $"{direct.PerSecond:N0} (1 node directly)", "within 30% of one node (no scaling possible on one 2-core machine)",
                    balanced.PerSecond >= direct.PerSecond * 0.7),
                new("Several nodes (#19)", "registration latency p50 / p99", "ms", $"{balanced.P50:0.0} / {balanced.P99:0.0}", $"{direct.P50:0.0} / {direct.P99:0.0} (1 node directly)", "-", true),
                new("Several nodes (#19)", "CPU per registration (from /proc)", "ms", Split(balanced), Split(direct), "-", true),
            ];
        }
        finally
        {
            foreach (var process in processes.AsEnumerable().Reverse())
            {
                if (!process.HasExited) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
                process.Dispose();
            }
            NpgsqlConnection.ClearAllPools();
            await CorrespondenceBench.DropDatabaseAsync(server, database);
        }
    }

    private static async Task<Run> MeasureAsync(string url, int count, Process[] nodes, Process? proxy, int postmaster, string tag)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = Clients * 2 }) { BaseAddress = new Uri(url) };
        (await http.PostAsJsonAsync("/api/auth/sign-in", new { agency = "kota-bekasi", userName = "registrar", password = "arsip-demo-2026" })).EnsureSuccessStatusCode();
        var RegisterAsync = RegistrationBench.Registrations(http, tag);
        await CorrespondenceBench.RunConcurrentAsync(200, RegisterAsync); // warm-up (on every node behind the proxy)
        var before = (Cpu(nodes), Measure.CpuNow(postmaster).Postgres, proxy is null ? 0 : Cpu([proxy]));
        var (latencies, elapsed) = await CorrespondenceBench.RunConcurrentAsync(count, i => RegisterAsync(1_000 + i));
        var after = (Cpu(nodes), Measure.CpuNow(postmaster).Postgres, proxy is null ? 0 : Cpu([proxy]));
        return new Run(count / elapsed.TotalSeconds, Measure.Percentile(latencies, 50), Measure.Percentile(latencies, 99),
            (after.Item1 - before.Item1) / count, (after.Item2 - before.Item2).TotalMilliseconds / count, (after.Item3 - before.Item3) / count);
    }

    /// <summary>CPU milliseconds the processes used so far (user + system, from /proc).</summary>
    private static double Cpu(IEnumerable<Process> processes) => processes.Sum(p => Measure.CpuOf(p.Id).TotalMilliseconds);

    private static Process Start(int port, int node, string folder, string runtime, string? owner)
    {
        var dll = Path.Combine(RepositoryRoot(), "src", "Arsip.Server", "bin", "Release", "net10.0", "Arsip.Server.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     dll, "--urls", $"http://127.0.0.1:{port}", $"--ConnectionStrings:Arsip={runtime}", $"--Arsip:DataDirectory={Path.Combine(folder, $"node{node}")}",
                     "--Arsip:Blobs:Store=postgres", $"--Arsip:Audit:AnchorKeyFile={Path.Combine(folder, "anchor.pem")}",
                     $"--Arsip:DataProtection:KeyFile={Path.Combine(folder, "cookie.key")}", "--Arsip:TrustedProxies=127.0.0.1", $"--Arsip:NodeName=node{node}",
                     "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Wolverine=Error", "--Logging:LogLevel:Marten=None",
                 }) start.ArgumentList.Add(argument);
        if (owner is not null)
        {
            start.ArgumentList.Add($"--ConnectionStrings:ArsipOwner={owner}");
            start.ArgumentList.Add($"--Arsip:SampleData={Path.Combine(RepositoryRoot(), "samples")}");
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        // drained so a chatty node never blocks on a full pipe
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task HealthyAsync(int port, Process process)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"{process.StartInfo.FileName} exited ({process.ExitCode}) before it answered");
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"nothing answered on port {port}");
            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "samples", "organization.json"))) return dir.FullName;
        throw new InvalidOperationException("samples/organization.json not found above " + AppContext.BaseDirectory);
    }
}
