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
}
