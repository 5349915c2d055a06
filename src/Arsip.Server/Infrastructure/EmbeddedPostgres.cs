using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace Arsip.Infrastructure;

/// <summary>Raised when no private PostgreSQL cluster can be started; the message is meant for the operator.</summary>
public sealed class EmbeddedPostgresException(string message) : Exception(message);

public sealed record EmbeddedPostgresOptions
{
    public required string DataDirectory { get; init; }
    public string Database { get; init; } = "arsip";
    /// <summary>Throwaway clusters (tests, benchmarks) trade crash safety for speed.</summary>
    public bool Durable { get; init; } = true;
    /// <summary>A command (verify, import, ...) beside a possibly running server: it never stops a cluster it did not start.</summary>
    public bool IsCommand { get; init; }
}

/// <summary>A private PostgreSQL cluster from Debian's binaries: as root it runs as postgres, every role signs in with a password under secrets/, and Arsip runs as a role that may neither manage the cluster nor own the schema (DatabaseRoles).</summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "arsip";
    private readonly string _binDir;
    private readonly string _clusterDir;
    private readonly bool _stopOnDispose;
    private readonly FileStream? _serverLock;

    /// <summary>The cluster's superuser: for creating roles and databases, never for Arsip's own work.</summary>
    public string ConnectionString { get; }
    public int Port { get; }
    public Secrets Passwords { get; }

    private EmbeddedPostgres(string binDir, string clusterDir, int port, string database, Secrets passwords, bool stopOnDispose, FileStream? serverLock)
    {
        _binDir = binDir;
        _clusterDir = clusterDir;
        _stopOnDispose = stopOnDispose;
        _serverLock = serverLock;
        Port = port;
        Passwords = passwords;
        ConnectionString = ConnectionFor(SuperUser, passwords.Superuser, database);
    }

    public string ConnectionFor(string user, string password, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = user, Password = password, Database = database,
        MaxPoolSize = 100, Timeout = 15,
    }.ConnectionString;

    public sealed class Secrets(string folder)
    {
        public string Superuser => Read("postgres-superuser");
        public string Owner => Read(DatabaseRoles.Owner);
        public string Runtime => Read(DatabaseRoles.Runtime);
        public bool HasSuperuser => File.Exists(Path.Combine(folder, "postgres-superuser"));

        private string Read(string name)
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path)) return File.ReadAllText(path).Trim();
            Directory.CreateDirectory(folder);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var password = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            try
            {
                using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
                writer.Write(password);
                return password;
            }
            catch (IOException) when (File.Exists(path))
            {
                return File.ReadAllText(path).Trim(); // made by another process meanwhile
            }
        }
    }

    /// <summary>A command never stops a cluster it found running, since a server may be using it; a server stops one it started or adopted from a killed run.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, CancellationToken ct = default)
    {
        var binDir = FindBinDirectory() ?? throw new EmbeddedPostgresException(
            "PostgreSQL server binaries were not found (looked for initdb via `pg_config --bindir` and /usr/lib/postgresql/*/bin). " +
            "Install them with `apt-get install -y postgresql`, or point Arsip at a server with ConnectionStrings:Arsip or ARSIP_DB.");

        var dataDir = Path.GetFullPath(options.DataDirectory);
        var clusterDir = Path.Combine(dataDir, "pg");
        var logFile = Path.Combine(dataDir, "postgres.log");
        var runAs = IsRoot() ? "postgres" : null;
        Directory.CreateDirectory(dataDir);
        var secrets = new Secrets(Path.Combine(dataDir, "secrets"));
        var fresh = !File.Exists(Path.Combine(clusterDir, "PG_VERSION"));
        // a cluster an older Arsip made with trust authentication: its superuser has no password yet
        var converting = !fresh && !secrets.HasSuperuser;
        if (fresh && Directory.Exists(clusterDir) && !File.Exists(Path.Combine(clusterDir, "postmaster.pid")))
            Directory.Delete(clusterDir, recursive: true); // an initdb that died half-way
        Directory.CreateDirectory(clusterDir);
        if (!File.Exists(logFile)) await File.WriteAllTextAsync(logFile, "", ct);
        if (runAs is not null) await PrepareForServiceUserAsync(dataDir, [clusterDir, logFile], runAs, ct);

        if (fresh)
        {
            // the password goes to initdb through a file only its user can read, removed straight after
            var passwordFile = Path.Combine(dataDir, ".initdb-password");
            await File.WriteAllTextAsync(passwordFile, secrets.Superuser, ct);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (runAs is not null) await RunAsync(null, "chown", null, ct, $"{runAs}:", passwordFile);
            try
            {
                await RunAsync(binDir, "initdb", runAs, ct,
                    "-D", clusterDir, "-U", SuperUser, "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", $"--pwfile={passwordFile}",
                    "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            }
            finally
            {
                File.Delete(passwordFile);
            }
        }
        await WriteHostRulesAsync(clusterDir, runAs, converting ? "trust" : "scram-sha-256", ct);

        // Only a server takes the data folder's lock: a server finding the cluster running without it adopts an orphan.
        var serverLock = options.IsCommand ? null : TryLock(Path.Combine(dataDir, "server.lock"));
        var running = ReadRunningPort(clusterDir);
        if (running is int existing && await CanConnectAsync(existing, secrets.Superuser, ct))
        {
            var adopted = new EmbeddedPostgres(binDir, clusterDir, existing, options.Database, secrets, stopOnDispose: serverLock is not null, serverLock);
            await adopted.SecureAsync(options.Database, converting, runAs, ct);
            return adopted;
        }

        var port = FreeLoopbackPort();
        var settings = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200";
        if (!options.Durable) settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        await RunAsync(binDir, "pg_ctl", runAs, ct,
            "-D", clusterDir, "-l", logFile, "-o", settings, "-w", "-t", "60", "start");

        var cluster = new EmbeddedPostgres(binDir, clusterDir, port, options.Database, secrets, stopOnDispose: true, serverLock);
        await cluster.SecureAsync(options.Database, converting, runAs, ct);
        return cluster;
    }

    /// <summary>The superuser password is set again each start, which also converts a cluster an older Arsip created with trust authentication.</summary>
    private async Task SecureAsync(string database, bool converting, string? runAs, CancellationToken ct)
    {
        if (converting) await WriteHostRulesAsync(_clusterDir, runAs, "scram-sha-256", ct); // read at the reload below
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await DatabaseRoles.EnsureRolesAsync(connection, Passwords.Owner, Passwords.Runtime, ct);
        await using (var password = new NpgsqlCommand($"alter role {SuperUser} password '{Passwords.Superuser}'", connection))
            await password.ExecuteNonQueryAsync(ct);
        await using (var reload = new NpgsqlCommand("select pg_reload_conf()", connection))
            await reload.ExecuteNonQueryAsync(ct);
        var onDatabase = new NpgsqlConnectionStringBuilder(await EnsureDatabaseAsync(database, ct)) { Pooling = false };
        await using var target = new NpgsqlConnection(onDatabase.ConnectionString);
        await target.OpenAsync(ct);
        await DatabaseRoles.TakeOverAsync(target, ct);
    }

    public string OwnerConnectionString(string database) => ConnectionFor(DatabaseRoles.Owner, Passwords.Owner, database);
    public string RuntimeConnectionString(string database) => ConnectionFor(DatabaseRoles.Runtime, Passwords.Runtime, database);

    /// <summary>Loopback only, every role with its password: a local process that knows no password gets nothing.</summary>
    private static async Task WriteHostRulesAsync(string clusterDir, string? runAs, string method, CancellationToken ct)
    {
        var rules = $"""
            # Written by Arsip at every start: loopback TCP only, every role with its password (scram-sha-256).
            host    all    all    127.0.0.1/32    {method}

            """;
        var path = Path.Combine(clusterDir, "pg_hba.conf");
        if (File.Exists(path) && await File.ReadAllTextAsync(path, ct) == rules) return;
        await File.WriteAllTextAsync(path, rules, ct);
        if (runAs is not null) await RunAsync(null, "chown", null, ct, $"{runAs}:", path);
    }

    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null; // another server holds it
        }
    }

    public async Task<string> EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        var quoted = $"\"{database.Replace("\"", "\"\"")}\"";
        await using var create = new NpgsqlCommand(await exists.ExecuteScalarAsync(ct) is null
            ? $"create database {quoted} owner {DatabaseRoles.Owner}"
            : $"alter database {quoted} owner to {DatabaseRoles.Owner}", connection);
        await create.ExecuteNonQueryAsync(ct);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_stopOnDispose)
            await RunAsync(_binDir, "pg_ctl", IsRoot() ? "postgres" : null, CancellationToken.None,
                "-D", _clusterDir, "-m", "fast", "-w", "-t", "60", "stop");
        if (_serverLock is not null) await _serverLock.DisposeAsync();
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

    /// <summary>The rest of the data folder (secrets, keys, blobs) stays Arsip's own.</summary>
    private static async Task PrepareForServiceUserAsync(string dataDir, string[] owned, string user, CancellationToken ct)
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
        await RunAsync(null, "chown", null, ct, ["-R", $"{user}:", .. owned]);
    }

    /// <summary>Null when that process is gone (the pid file is stale).</summary>
    private static int? ReadRunningPort(string clusterDir)
    {
        var pidFile = Path.Combine(clusterDir, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length <= 3 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port)) return null;
        return !OperatingSystem.IsLinux() || Directory.Exists($"/proc/{pid}") ? port : null;
    }

    /// <summary>A live postmaster may be slow to answer on a busy machine: try for half a minute before calling it gone.</summary>
    private static async Task<bool> CanConnectAsync(int port, string password, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(
                    $"Host=127.0.0.1;Port={port};Username={SuperUser};Database=postgres;Pooling=false;Timeout=10;Password={password}");
                await connection.OpenAsync(ct);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException && attempt < 3)
            {
                if (e is PostgresException { SqlState: "28P01" or "28000" }) throw new EmbeddedPostgresException(
                    $"The private cluster is running but refuses Arsip's superuser password ({e.Message}): was secrets/ replaced?");
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                return false;
            }
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
