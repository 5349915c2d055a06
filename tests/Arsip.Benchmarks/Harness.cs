using System.Diagnostics;

namespace Arsip.Bench;

/// <summary>One line of the results table: a measurement beside its baseline from the same run.</summary>
public sealed record BenchRow(string Area, string Case, string Measure, string Value, string Baseline, string Target, bool Met);

/// <summary>A benchmark the harness runs; each issue adds its own file implementing this.</summary>
public interface IBench
{
    string Name { get; }
    Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context);
}

public sealed class BenchContext
{
    public required bool Quick { get; init; }
    public required string WorkDir { get; init; }
    public TextWriter Log { get; init; } = Console.Error;
}

public static class Measure
{
    /// <summary>Runs <paramref name="action"/> <paramref name="iterations"/> times after a warm-up and returns sorted latencies in ms.</summary>
    public static double[] Latencies(int warmup, int iterations, Action action)
    {
        for (var i = 0; i < warmup; i++) action();
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public static string Ms(double value) => $"{value:0.###} ms";

    /// <summary>
    /// CPU time used so far by this process and by one PostgreSQL cluster (its postmaster and backends):
    /// on a shared 2-core machine wall-clock throughput depends on what else runs, CPU per operation does not.
    /// </summary>
    public static (TimeSpan Process, TimeSpan Postgres) CpuNow(int postmasterPid)
    {
        const double ticksPerSecond = 100; // USER_HZ on Linux
        double postgres = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (pid != postmasterPid && int.Parse(fields[1]) != postmasterPid) continue;
                postgres += (long.Parse(fields[11]) + long.Parse(fields[12])) / ticksPerSecond;
                // backends that ended (a pool closing idle connections) leave their CPU in the postmaster's reaped-children time;
                // without it a backend ending inside a measured span took its whole life's CPU out of the difference
                if (pid == postmasterPid) postgres += (long.Parse(fields[13]) + long.Parse(fields[14])) / ticksPerSecond;
            }
            catch (IOException) { } // the process ended meanwhile
        }
        return (Process.GetCurrentProcess().TotalProcessorTime, TimeSpan.FromSeconds(postgres));
    }

    /// <summary>User plus system CPU of one process so far, from /proc (Linux).</summary>
    public static TimeSpan CpuOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0); // USER_HZ
    }

    /// <summary>The postmaster of the cluster behind <paramref name="connectionString"/> (same machine only).</summary>
    public static async Task<int> PostmasterPidAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select setting from pg_settings where name = 'data_directory'", connection);
        var dataDirectory = (string)(await command.ExecuteScalarAsync())!;
        return int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First());
    }
}
