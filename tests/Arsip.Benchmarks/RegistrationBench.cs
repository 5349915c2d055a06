using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;

namespace Arsip.Bench;

/// <summary>
/// Issue 24: registering incoming letters through HTTP against the built server running as its own process (as
/// <c>ops/run</c> runs it), so the server's CPU per registration is its own and the load generator's is reported
/// beside it. Closed loop with 16 clients, paced at 500 letters/s, and the closed loop again with PostgreSQL's
/// durable settings (fsync, synchronous commit, full page writes: what <c>ops/run</c>'s cluster uses); baselines are
/// plain INSERTs and INSERTs behind a gapless counter over 16 connections in the same run.
/// </summary>
public sealed class RegistrationBench : IBench
{
    private const int Clients = 16;
    public string Name => "registration";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        var server = Environment.GetEnvironmentVariable("ARSIP_BENCH_DB")
            ?? throw new InvalidOperationException("Set ARSIP_BENCH_DB to a PostgreSQL server connection string (ops/bench does).");
        var database = $"arsip_bench_reg_{Environment.ProcessId}";
        var connectionString = await CorrespondenceBench.CreateDatabaseAsync(server, database);
        // ARSIP_BENCH_REGISTRATIONS: more letters, e.g. to attach a profiler to the server during the closed loop
        var count = int.TryParse(Environment.GetEnvironmentVariable("ARSIP_BENCH_REGISTRATIONS"), out var asked) ? asked : context.Quick ? 3_000 : 10_000;
        var log = context.Log;
        if (Environment.GetEnvironmentVariable("ARSIP_BENCH_COMPARE_DLL") is { Length: > 0 } otherBuild)
        {
            try { return await SideBySideAsync(server, connectionString, database, otherBuild, count, context); }
            finally { NpgsqlConnection.ClearAllPools(); await CorrespondenceBench.DropDatabaseAsync(server, database); }
        }
        try
        {
            await using var arsip = await ServerProcess.StartAsync(connectionString, Path.Combine(context.WorkDir, "registration"), log);
            var postmaster = await Measure.PostmasterPidAsync(connectionString);
            using var http = await arsip.SignedInClientAsync("registrar", "kota-bekasi", Clients);
            var RegisterAsync = Registrations(http);

            log.WriteLine($"  registration (server process {arsip.Pid}): warm-up, then {count} letters with {Clients} clients");
            await WarmUpAsync(count, RegisterAsync);
            var closed = await ClosedLoopAsync(count, 0, RegisterAsync, arsip.Pid, postmaster);
            if (Environment.GetEnvironmentVariable("ARSIP_BENCH_CLOSED_LOOP_ONLY") == "1") // for A/B comparisons of the server's CPU
                return [new("Registration", $"server process, {Clients} clients closed-loop, {count:N0} letters", "throughput; CPU server / PostgreSQL / generator",
                    $"{closed.Throughput:N0} letters/s; {Measure.Ms(closed.ServerCpu)} / {Measure.Ms(closed.PostgresCpu)} / {Measure.Ms(closed.ClientCpu)}", "-", "-", true)];
            log.WriteLine($"  paced: {Math.Min(count, 5_000)} letters at 500/s");
            var paced = await CorrespondenceBench.RunAtRateAsync(Math.Min(count, 5_000), 500, i => RegisterAsync(10 * count + i));

            log.WriteLine("  durable settings: fsync, synchronous_commit, full_page_writes on");
            await SetDurableAsync(connectionString, true);
            CloseLoop durable;
            try { durable = await ClosedLoopAsync(count, 20 * count, RegisterAsync, arsip.Pid, postmaster); }
            finally { await SetDurableAsync(connectionString, false); }
            // the first loop again, now that the server has served 3-4 times as many letters: what warming up still costs
            log.WriteLine("  closed loop again, fsync off");
            var again = await ClosedLoopAsync(count, 30 * count, RegisterAsync, arsip.Pid, postmaster);

            var (insert, gapless) = await BaselinesAsync(connectionString, count, log);
            const string area = "Registration";
            var @case = $"server process, {Clients} clients closed-loop, {count:N0} letters";
            return
            [
                new(area, @case, "throughput (fsync off)", $"{closed.Throughput:N0} letters/s; p50 {Measure.Ms(Measure.Percentile(closed.Latencies, 50))}",
                    $"plain INSERT {insert:N0} rows/s; INSERT + gapless counter {gapless:N0} rows/s", ">= 1,000/s", closed.Throughput >= 1_000),
                new(area, @case, "CPU per registration: server / PostgreSQL / load generator", $"{Measure.Ms(closed.ServerCpu)} / {Measure.Ms(closed.PostgresCpu)} / {Measure.Ms(closed.ClientCpu)}",
                    $"2 cores allow at most {2000 / (closed.ServerCpu + closed.PostgresCpu + closed.ClientCpu):N0} letters/s with the generator, {2000 / (closed.ServerCpu + closed.PostgresCpu):N0}/s without",
                    "server <= 1.2 ms", closed.ServerCpu <= 1.2),
                new(area, @case, "the same again after the durable run (fsync off): throughput; CPU server / PostgreSQL / generator",
                    $"{again.Throughput:N0} letters/s; {Measure.Ms(again.ServerCpu)} / {Measure.Ms(again.PostgresCpu)} / {Measure.Ms(again.ClientCpu)}", "-", "server <= 1.2 ms", again.ServerCpu <= 1.2),
                new(area, @case, "throughput with durable settings (as ops/run)", $"{durable.Throughput:N0} letters/s; p50 {Measure.Ms(Measure.Percentile(durable.Latencies, 50))}",
                    $"CPU server / PostgreSQL {Measure.Ms(durable.ServerCpu)} / {Measure.Ms(durable.PostgresCpu)}", "reported", true),
                new(area, $"server process, 500 letters/s offered from up to {Clients} clients, {paced.Length:N0} letters, timed from when each was due", "p50 / p95 latency",
                    $"{Measure.Ms(Measure.Percentile(paced, 50))} / {Measure.Ms(Measure.Percentile(paced, 95))}", "-", "p50 < 10 ms", Measure.Percentile(paced, 50) < 10),
            ];
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await CorrespondenceBench.DropDatabaseAsync(server, database);
        }
    }

    /// <summary>
    /// ARSIP_BENCH_COMPARE_DLL: another build of the server (e.g. the code before a change) runs beside this one at the same
    /// moment, each with its own database and 16 clients, so both meet the same neighbours on a shared machine; PostgreSQL's
    /// CPU is split by the database its backends serve.
    /// </summary>
    private static async Task<IReadOnlyList<BenchRow>> SideBySideAsync(string server, string connectionString, string database, string otherBuild, int count, BenchContext context)
    {
        var otherDatabase = database + "_other";
        var otherConnection = await CorrespondenceBench.CreateDatabaseAsync(server, otherDatabase);
        try
        {
            var postmaster = await Measure.PostmasterPidAsync(connectionString);
            await using var current = await ServerProcess.StartAsync(connectionString, Path.Combine(context.WorkDir, "registration"), context.Log);
            await using var other = await ServerProcess.StartAsync(otherConnection, Path.Combine(context.WorkDir, "registration-other"), context.Log, otherBuild);
            using var currentHttp = await current.SignedInClientAsync("registrar", "kota-bekasi", Clients);
            using var otherHttp = await other.SignedInClientAsync("registrar", "kota-bekasi", Clients);
            context.Log.WriteLine($"  side by side: this build (process {current.Pid}) and {otherBuild} (process {other.Pid}), {count} letters each");
            await Task.WhenAll(WarmUpAsync(count, Registrations(currentHttp)), WarmUpAsync(count, Registrations(otherHttp)));
            // ARSIP_BENCH_COMPARE_RATE: both offered the same letters/s instead of a closed loop each. In a closed loop the build
            // that gets ahead commits bigger groups and so pays less per letter: the same build beside itself read 37 % apart.
            var rate = int.TryParse(Environment.GetEnvironmentVariable("ARSIP_BENCH_COMPARE_RATE"), out var r) && r > 0 ? r : (int?)null;
            async Task<(double Throughput, double Server, double Postgres)> LoopAsync(ServerProcess process, HttpClient http, string db)
            {
                var (serverBefore, pgBefore) = (Measure.CpuOf(process.Pid), PostgresCpuOf(postmaster, db));
                var started = Stopwatch.GetTimestamp();
                if (rate is { } offered) await CorrespondenceBench.RunAtRateAsync(count, offered, Registrations(http));
                else await CorrespondenceBench.RunConcurrentAsync(count, Registrations(http));
                var elapsed = Stopwatch.GetElapsedTime(started);
                return (count / elapsed.TotalSeconds, (Measure.CpuOf(process.Pid) - serverBefore).TotalMilliseconds / count,
                    (PostgresCpuOf(postmaster, db) - pgBefore).TotalMilliseconds / count);
            }
            var results = await Task.WhenAll(LoopAsync(current, currentHttp, database), LoopAsync(other, otherHttp, otherDatabase));
            string Row((double Throughput, double Server, double Postgres) r) => $"{r.Throughput:N0} letters/s; CPU {Measure.Ms(r.Server)} / {Measure.Ms(r.Postgres)}";
            return
            [
                new("Registration", $"side by side, {(rate is { } o ? $"{o}/s offered" : $"{Clients} clients")} each, {count:N0} letters each: this build (value) and {otherBuild} (baseline)",
                    "throughput; CPU per registration server / PostgreSQL", Row(results[0]), Row(results[1]), "server <= 1.2 ms", results[0].Server <= 1.2),
            ];
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await CorrespondenceBench.DropDatabaseAsync(server, otherDatabase);
        }
    }

    /// <summary>
    /// Tiered compilation recompiles hot methods with profile data in the background for a while after the first requests:
    /// a closed loop right after 1,000 warm-up letters read 2.6 CPU-ms per registration, the same server's next loop 1.2.
    /// Half the measured count first, then a pause for the compiler's queue.
    /// </summary>
    private static async Task WarmUpAsync(int count, Func<int, Task> register)
    {
        await CorrespondenceBench.RunConcurrentAsync(Math.Max(2_000, count / 2), i => register(-i - 1));
        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    /// <summary>CPU of the backends serving one database (their process title names it), from /proc.</summary>
    private static TimeSpan PostgresCpuOf(int postmaster, string database)
    {
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1]) != postmaster) continue;
                if (!File.ReadAllText(Path.Combine(dir, "cmdline")).Split(' ', '\0').Contains(database)) continue;
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
            }
            catch (IOException) { } // the backend ended meanwhile
        }
        return TimeSpan.FromSeconds(ticks / 100);
    }

    /// <summary>Registration i of a load test: its own sender's number (tag/i/random), so none is refused as a duplicate.</summary>
    internal static Func<int, Task> Registrations(HttpClient http, string tag = "BENCH")
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        return async i =>
        {
            using var response = await http.PostAsJsonAsync("/api/incoming-letters", new
            {
                sender = $"Dinas Uji Beban {i % 50}", senderLetterNumber = $"{tag}/{i}/{Guid.NewGuid():N}", letterDate = today.AddDays(-1), receivedOn = today,
                subject = $"Laporan kegiatan nomor {i}", classification = "400.7", securityLevel = "Biasa", urgency = "Segera", attachments = "1 berkas",
            });
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"{http.BaseAddress}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        };
    }

    private sealed record CloseLoop(double Throughput, double[] Latencies, double ServerCpu, double PostgresCpu, double ClientCpu);

    private static async Task<CloseLoop> ClosedLoopAsync(int count, int offset, Func<int, Task> register, int serverPid, int postmaster)
    {
        var serverBefore = Measure.CpuOf(serverPid);
        var before = Measure.CpuNow(postmaster);
        var (latencies, elapsed) = await CorrespondenceBench.RunConcurrentAsync(count, i => register(offset + i));
        var after = Measure.CpuNow(postmaster);
        var serverCpu = (Measure.CpuOf(serverPid) - serverBefore).TotalMilliseconds / count;
        return new CloseLoop(count / elapsed.TotalSeconds, latencies, serverCpu,
            (after.Postgres - before.Postgres).TotalMilliseconds / count, (after.Process - before.Process).TotalMilliseconds / count);
    }

    /// <summary>fsync and full_page_writes take effect on reload; synchronous_commit is set for the whole cluster the same way.</summary>
    private static async Task SetDurableAsync(string connectionString, bool durable)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var value = durable ? "on" : "off";
        foreach (var setting in new[] { "fsync", "synchronous_commit", "full_page_writes" })
            await new NpgsqlCommand($"alter system set {setting} = {value}", connection).ExecuteNonQueryAsync();
        await new NpgsqlCommand("select pg_reload_conf()", connection).ExecuteNonQueryAsync();
        await Task.Delay(500); // backends pick the reload up at their next command
    }

    private static async Task<(double Insert, double Gapless)> BaselinesAsync(string connectionString, int count, TextWriter log)
    {
        log.WriteLine($"  baselines: {count} plain INSERTs, {count} INSERTs behind a gapless counter, {Clients} connections");
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Clients * 2 }.ConnectionString);
        await using (var setup = source.CreateCommand("""
            create table bench_letters (id uuid primary key, agenda_number int not null, sender_letter_number text not null, subject text not null, data jsonb not null);
            create table bench_counter (name text primary key, value bigint not null);
            """))
            await setup.ExecuteNonQueryAsync();
        async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, int i)
        {
            await using var command = new NpgsqlCommand("insert into bench_letters values ($1, $2, $3, $4, $5::jsonb)", connection, transaction);
            var number = $"BASE/{i}/{Guid.NewGuid():N}";
            command.Parameters.AddWithValue(Guid.CreateVersion7());
            command.Parameters.AddWithValue(i);
            command.Parameters.AddWithValue(number);
            command.Parameters.AddWithValue($"Laporan kegiatan nomor {i}");
            command.Parameters.AddWithValue($$"""{"senderLetterNumber":"{{number}}","sender":"Dinas Uji Beban","classification":"400.7"}""");
            await command.ExecuteNonQueryAsync();
        }
        var (_, plain) = await CorrespondenceBench.RunConcurrentAsync(count, async i =>
        {
            await using var connection = await source.OpenConnectionAsync();
            await InsertAsync(connection, null, i);
        });
        var (_, gapless) = await CorrespondenceBench.RunConcurrentAsync(count, async i =>
        {
            await using var connection = await source.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var next = new NpgsqlCommand(
                "insert into bench_counter as c values ('agenda', 1) on conflict (name) do update set value = c.value + 1 returning value", connection, transaction))
                await next.ExecuteScalarAsync();
            await InsertAsync(connection, transaction, -i - 1);
            await transaction.CommitAsync();
        });
        return (count / plain.TotalSeconds, count / gapless.TotalSeconds);
    }

    /// <summary>The built server (src/Arsip.Server/bin/Release), started as <c>ops/run</c> starts it, against the bench's database.</summary>
    private sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _baseUrl;

        private ServerProcess(Process process, string baseUrl) => (_process, _baseUrl) = (process, baseUrl);

        public int Pid => _process.Id;

        public static async Task<ServerProcess> StartAsync(string connectionString, string dataDirectory, TextWriter log, string? serverDll = null)
        {
            var root = FindRoot();
            // ARSIP_BENCH_SERVER_DLL: another build of the server, to compare two versions in one session
            var dll = serverDll ?? (Environment.GetEnvironmentVariable("ARSIP_BENCH_SERVER_DLL") is { Length: > 0 } other ? other
                : Path.Combine(root, "src", "Arsip.Server", "bin", "Release", "net10.0", "Arsip.Server.dll"));
            if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build src/Arsip.Server in Release first (ops/bench does).");
            int port;
            using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0)) { listener.Start(); port = ((IPEndPoint)listener.LocalEndpoint).Port; }
            var baseUrl = $"http://127.0.0.1:{port}";
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
            string[] arguments =
            [
                dll, "--contentRoot", Path.Combine(root, "src", "Arsip.Server"), "--urls", baseUrl,
                // as a real installation runs: the owner applies the schema, Arsip runs as the runtime role
                $"--ConnectionStrings:Arsip={new NpgsqlConnectionStringBuilder(connectionString) { Username = Arsip.Infrastructure.DatabaseRoles.Runtime }}",
                $"--ConnectionStrings:ArsipOwner={new NpgsqlConnectionStringBuilder(connectionString) { Username = Arsip.Infrastructure.DatabaseRoles.Owner }}",
                $"--Arsip:DataDirectory={dataDirectory}", $"--Arsip:SampleData={Path.Combine(root, "samples")}",
                "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Marten=None", "--Logging:LogLevel:Wolverine=Error",
            ];
            // ARSIP_BENCH_CONNECTION_OPTIONS: Npgsql settings appended to the server's connection strings (an experiment's switch)
            if (Environment.GetEnvironmentVariable("ARSIP_BENCH_CONNECTION_OPTIONS") is { Length: > 0 } extra)
                arguments = [.. arguments.Select(a => a.StartsWith("--ConnectionStrings:", StringComparison.Ordinal) ? $"{a};{extra}" : a)];
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            // as ops/run starts it (ops/lib/common.sh, server_runtime_env), a build compared beside it too: the code is what differs
            start.Environment["DOTNET_GCgen0size"] = Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "0x4000000";
            start.Environment["DOTNET_TC_CallCountingDelayMs"] = Environment.GetEnvironmentVariable("DOTNET_TC_CallCountingDelayMs") ?? "0";
            // ARSIP_BENCH_SERVER_ENV: "NAME=VALUE;…" for this build's process only (a runtime setting tried side by side)
            if (serverDll is null && Environment.GetEnvironmentVariable("ARSIP_BENCH_SERVER_ENV") is { Length: > 0 } settings)
                foreach (var pair in settings.Split(';', StringSplitOptions.RemoveEmptyEntries))
                    start.Environment[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) log.WriteLine("  [server] " + e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new ServerProcess(process, baseUrl);
            using var probe = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };
            for (var deadline = DateTime.UtcNow.AddMinutes(3); ; await Task.Delay(250))
            {
                if (process.HasExited) throw new InvalidOperationException($"the server exited with {process.ExitCode}");
                try { if ((await probe.GetAsync("/health")).IsSuccessStatusCode) return server; }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline) { }
                catch (TaskCanceledException) when (DateTime.UtcNow < deadline) { }
            }
        }

        public async Task<HttpClient> SignedInClientAsync(string user, string agency, int connections)
        {
            var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = connections * 2 }) { BaseAddress = new Uri(_baseUrl) };
            var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { agency, userName = user, password = "arsip-demo-2026" });
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                kill(_process.Id, 15); // SIGTERM: a graceful stop, as Ctrl-C stops ops/run
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try { await _process.WaitForExitAsync(timeout.Token); }
                catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
            }
            _process.Dispose();
        }

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int signal);

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "samples", "organization.json"))) return dir.FullName;
            throw new InvalidOperationException("samples/organization.json not found above " + AppContext.BaseDirectory);
        }
    }
}
