using System.Reflection;
using Arsip.Bench;

// ops/bench [--quick] [name-filter]: runs every IBench in this assembly and prints one markdown table.
var quick = args.Contains("--quick");
var filter = args.FirstOrDefault(a => !a.StartsWith("--"));
var workDir = Path.Combine(Path.GetTempPath(), "arsip-bench-" + Environment.ProcessId);
Directory.CreateDirectory(workDir);

var benches = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBench).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBench)Activator.CreateInstance(t)!)
    .Where(b => filter is null || b.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
    .OrderBy(b => b.Name)
    .ToList();

var rows = new List<BenchRow>();
var context = new BenchContext { Quick = quick, WorkDir = workDir };
foreach (var bench in benches)
{
    Console.Error.WriteLine($"running {bench.Name} ...");
    rows.AddRange(await bench.RunAsync(context));
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}{(quick ? ", quick mode" : "")}");
Console.WriteLine();
Console.WriteLine("| Area | Case | Measure | Value | Baseline (same run) | Target | Met |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var r in rows)
    Console.WriteLine($"| {r.Area} | {r.Case} | {r.Measure} | {r.Value} | {r.Baseline} | {r.Target} | {(r.Met ? "yes" : "**no**")} |");

try { Directory.Delete(workDir, recursive: true); } catch (IOException) { }
