using System.Reflection;
using Lucene.Net.Analysis.Miscellaneous;

namespace Arsip.Search.Analysis;

/// <summary>Lucene's IndonesianStemmer cannot tell which letter meN-/peN- swallowed (menangani gives angan, ditangani tangan) and takes roots' final -i for a suffix; listed roots' affixed forms are marked as keywords.</summary>
public static class IndonesianStemOverrides
{
    private static readonly string[] Prefixes = ["", "di", "ter", "ke", "ber", "per", "diper", "memper", "se"];
    private static readonly string[] Suffixes = ["", "kan", "an", "i", "nya", "kannya", "annya", "inya", "lah", "kah", "pun"];

    public static IReadOnlyList<string> Roots { get; } = LoadRoots();

    public static IReadOnlyDictionary<string, string> Forms { get; } = Generate(Roots);

    internal static StemmerOverrideFilter.StemmerOverrideMap Map { get; } = BuildMap();

    public static IEnumerable<string> NasalForms(string root, string prefix)
    {
        var first = root[0];
        var vowelNext = root.Length > 1 && IsVowel(root[1]);
        switch (first)
        {
            case 'a' or 'e' or 'i' or 'o' or 'u': yield return prefix + "ng" + root; break;
            case 'k':
                if (vowelNext) yield return prefix + "ng" + root[1..];
                yield return prefix + "ng" + root; // mengkoordinasikan, as often written
                break;
            case 't': yield return vowelNext ? prefix + "n" + root[1..] : prefix + "n" + root; break;
            case 'p':
                if (vowelNext) yield return prefix + "m" + root[1..];
                yield return prefix + "m" + root; // mempercayai, as often written
                break;
            case 's':
                yield return vowelNext ? prefix + "ny" + root[1..] : prefix + "n" + root;
                break;
            case 'b' or 'f' or 'v': yield return prefix + "m" + root; break;
            case 'c' or 'd' or 'j' or 'z': yield return prefix + "n" + root; break;
            case 'g' or 'h': yield return prefix + "ng" + root; break;
            default: yield return prefix + root; break; // l, m, n, r, w, y
        }
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static Dictionary<string, string> Generate(IEnumerable<string> roots)
    {
        var forms = new Dictionary<string, string>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            var stems = Prefixes.Select(p => p + root).Concat(NasalForms(root, "me")).Concat(NasalForms(root, "pe"));
            foreach (var stem in stems)
            foreach (var suffix in Suffixes)
            {
                var word = stem + suffix;
                // Two roots generating one word: neither wins, the stemmer decides as before.
                if (forms.TryGetValue(word, out var other) && other != root) ambiguous.Add(word);
                else forms[word] = root;
            }
        }
        foreach (var word in ambiguous) forms.Remove(word);
        return forms;
    }

    private static StemmerOverrideFilter.StemmerOverrideMap BuildMap()
    {
        var builder = new StemmerOverrideFilter.Builder(ignoreCase: false);
        foreach (var (word, root) in Forms) builder.Add(word, root);
        return builder.Build();
    }

    private static List<string> LoadRoots()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Arsip.Search.Analysis.stem-roots.txt")
            ?? throw new InvalidOperationException("stem-roots.txt is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n')
            .Select(line => line.Split('#')[0])
            .SelectMany(line => line.Split(' ', '\t', '\r'))
            .Where(word => word.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
