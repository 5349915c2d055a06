using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Arsip.Tests.Architecture;

/// <summary>
/// The modules of Arsip.Server, as the compiled assembly uses them (read with System.Reflection.Metadata over its IL,
/// no extra library: see <see cref="ModuleGraph"/>), have no cycle and match README's "Module map".
/// </summary>
public partial class ModuleMapTests(ITestOutputHelper output)
{
    /// <summary>May use any module; the map lists them as "any".</summary>
    private static readonly string[] Composers = [ModuleGraph.Root, "Pages", "Samples", "Internal"];

    private static readonly ModuleGraph Graph = ModuleGraph.Of(typeof(Arsip.Kernel.Decision).Assembly);

    [Fact]
    public void No_module_uses_a_module_that_uses_it_back()
    {
        var cycles = Graph.Cycles();
        foreach (var cycle in cycles)
        {
            output.WriteLine($"cycle: {string.Join(" ↔ ", cycle)}");
            foreach (var from in cycle)
                foreach (var to in cycle.Where(to => Graph.Uses[from].Contains(to)))
                    output.WriteLine($"  {from} → {to}: {string.Join("; ", Graph.Why(from, to))}");
        }
        cycles.ShouldBeEmpty(string.Join("\n", cycles.Select(c => string.Join(" ↔ ", c))));
    }

    [Fact]
    public void Only_the_composition_root_uses_the_pages_samples_or_generated_code()
    {
        var uses = Graph.Uses.Where(m => m.Key != ModuleGraph.Root)
            .SelectMany(m => m.Value.Where(Composers.Contains).Select(to => (From: m.Key, To: to))).ToList();
        foreach (var (from, to) in uses) output.WriteLine($"{from} → {to}: {string.Join("; ", Graph.Why(from, to))}");
        uses.ShouldBeEmpty();
    }

    [Fact]
    public void The_modules_use_exactly_what_README_module_map_says()
    {
        var actual = Graph.Uses.Where(m => !Composers.Contains(m.Key))
            .ToDictionary(m => m.Key, m => string.Join(", ", m.Value.Order(StringComparer.Ordinal)));
        foreach (var (module, uses) in actual.OrderBy(m => m.Key, StringComparer.Ordinal))
            output.WriteLine($"| {module} | {(uses.Length == 0 ? "—" : uses)} |");
        var map = ReadmeModuleMap();
        var expected = map.Where(m => !Composers.Contains(m.Key)).ToDictionary(m => m.Key, m => m.Value);

        foreach (var (module, uses) in actual)
        {
            expected.ShouldContainKey(module, $"README's module map has no row for {module}");
            uses.ShouldBe(expected[module], $"{module} uses {uses}; README says {expected[module]}; " +
                string.Join("; ", Graph.Uses[module].SelectMany(to => Graph.Why(module, to))));
        }
        expected.Keys.Except(actual.Keys).ShouldBeEmpty("README's module map names modules the assembly does not have");
        foreach (var composer in Composers) map.GetValueOrDefault(composer).ShouldBe("any", $"README's module map: {composer} may use any module");
    }

    /// <summary>The rows of README's "Module map" table: module → the modules it may use ("—" for none), sorted.</summary>
    private static Dictionary<string, string> ReadmeModuleMap()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("### Module map", StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("\n#", 1, StringComparison.Ordinal) is var end and > 0 ? end : section.Length)];
        return Row().Matches(section).Where(m => m.Groups[1].Value is not ("module" or "---"))
            .ToDictionary(m => m.Groups[1].Value.Trim('`'), m => Normalize(m.Groups[2].Value));

        static string Normalize(string uses) => uses.Trim() is "—" or "" ? "" : uses.Trim() == "any" ? "any" :
            string.Join(", ", uses.Split(',').Select(u => u.Trim().Trim('`')).Order(StringComparer.Ordinal));
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Arsip.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Arsip.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\|\s*([^|]+?)\s*\|\s*([^|]*?)\s*\|\s*$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
