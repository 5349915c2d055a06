using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace Arsip.Infrastructure;

/// <summary>Raised when no private PostgreSQL cluster can be started; the message is meant for the operator.</summary>
public sealed class EmbeddedPostgresException(string message) : Exception(message);

/// <summary>Where the private cluster lives and how it is tuned.</summary>
public sealed record EmbeddedPostgresOptions
{
    public required string DataDirectory { get; init; }
    public string Database { get; init; } = "arsip";
    /// <summary>Throwaway clusters (tests, benchmarks) trade crash safety for speed.</summary>
    public bool Durable { get; init; } = true;
}

/// <summary>
/// A private PostgreSQL cluster started from Debian's server binaries, the way an embedded
/// database would serve: created on first use, on a free loopback port, stopped on dispose.
/// PostgreSQL refuses to run as root, so as root the server runs as the <c>postgres</c> user.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "arsip";
    private readonly string _binDir;
    private readonly string _clusterDir;

    public string ConnectionString { get; }
    public int Port { get; }

    private EmbeddedPostgres(string binDir, string clusterDir, int port, string database)
    {
        _binDir = binDir;
        _clusterDir = clusterDir;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = SuperUser, Database = database,
            MaxPoolSize = 100, Timeout = 15,
        }.ConnectionString;
    }

    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, CancellationToken ct = default)
    {
        var binDir = FindBinDirectory() ?? throw new EmbeddedPostgresException(
            "PostgreSQL server binaries were not found (looked for initdb via `pg_config --bindir` and /usr/lib/postgresql/*/bin). " +
            "Install them with `apt-get install -y postgresql`, or point Arsip at a server with ConnectionStrings:Arsip or ARSIP_DB.");

        var dataDir = Path.GetFullPath(options.DataDirectory);
        var clusterDir = Path.Combine(dataDir, "pg");
        var runAs = IsRoot() ? "postgres" : null;
        Directory.CreateDirectory(dataDir);
        if (runAs is not null) await PrepareForServiceUserAsync(dataDir, runAs, ct);

        if (!File.Exists(Path.Combine(clusterDir, "PG_VERSION")))
            await RunAsync(binDir, "initdb", runAs, ct,
                "-D", clusterDir, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");

        var running = ReadRunningPort(clusterDir);
        if (running is int existing && await CanConnectAsync(existing, ct))
        {
            // Left running by an earlier run that was killed: adopt it, and stop it at shutdown.
            var adopted = new EmbeddedPostgres(binDir, clusterDir, existing, options.Database);
            await adopted.EnsureDatabaseAsync(options.Database, ct);
            return adopted;
        }

        var port = FreeLoopbackPort();
        var settings = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200";
        if (!options.Durable) settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunAsync(binDir, "pg_ctl", runAs, ct,
            "-D", clusterDir, "-l", Path.Combine(dataDir, "postgres.log"), "-o", settings, "-w", "-t", "60", "start");

        var cluster = new EmbeddedPostgres(binDir, clusterDir, port, options.Database);
        await cluster.EnsureDatabaseAsync(options.Database, ct);
        return cluster;
    }

    /// <summary>Connection string for another database on the same cluster, created when missing.</summary>
    public async Task<string> EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"")}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync(_binDir, "pg_ctl", IsRoot() ? "postgres" : null, CancellationToken.None,
            "-D", _clusterDir, "-m", "fast", "-w", "-t", "60", "stop");
    }

    internal static string? FindBinDirectory()
    {
        var candidates = new List<string>();
        if (TryRun("pg_config", "--bindir") is { } fromPgConfig) candidates.Add(fromPgConfig.Trim());
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && geteuid() == 0;

    [DllImport("libc")]
    private static extern uint geteuid();

    /// <summary>As root, the folder must belong to the service user and its parents must be traversable.</summary>
    private static async Task PrepareForServiceUserAsync(string dataDir, string user, CancellationToken ct)
    {
        for (var dir = new DirectoryInfo(dataDir); dir is not null; dir = dir.Parent)
        {
            if (OperatingSystem.IsLinux())
            {
                var mode = File.GetUnixFileMode(dir.FullName);
                if (!mode.HasFlag(UnixFileMode.OtherExecute))
                    File.SetUnixFileMode(dir.FullName, mode | UnixFileMode.OtherExecute);
            }
        }
        await RunAsync(null, "chown", null, ct, "-R", $"{user}:", dataDir);
    }

    private static int? ReadRunningPort(string clusterDir)
    {
        var pidFile = Path.Combine(clusterDir, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private static async Task<bool> CanConnectAsync(int port, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(
                $"Host=127.0.0.1;Port={port};Username={SuperUser};Database=postgres;Pooling=false;Timeout=3");
            await connection.OpenAsync(ct);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string? binDir, string tool, string? runAs, CancellationToken ct, params string[] arguments)
    {
        var executable = binDir is null ? tool : Path.Combine(binDir, tool);
        var start = new ProcessStartInfo(runAs is null ? executable : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (runAs is not null)
        {
            foreach (var a in new[] { "-u", runAs, "--", executable }) start.ArgumentList.Add(a);
        }
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = Process.Start(start) ?? throw new EmbeddedPostgresException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new EmbeddedPostgresException(
                $"{tool} failed with exit code {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}".Trim());
    }

    private static string? TryRun(string tool, string argument)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, argument)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
