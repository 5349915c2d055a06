using System.Reflection;
using Arsip.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Id;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace Arsip.Search;

/// <summary>One line of an acronym or synonym list: the short form (BKPSDM, SK), its long form, and where it came from.</summary>
public sealed record ExpansionEntry(string Short, string Long, string? Source = null);

/// <summary>Why an entry is refused (<see cref="Warning"/>: accepted, but it only broadens what a query finds).</summary>
public sealed record ExpansionProblem(int Index, string Field, string Message, bool Warning = false);

/// <summary>Acronyms and fixed synonym pairs applied at query time: a query word (or run of words) equal to one side also
/// matches the other side as a phrase, ranked below the form typed. Immutable; build once per list version.</summary>
public sealed class TermExpansions
{
    /// <summary>A key with more alternatives than this is cut: an acronym with ten meanings floods every query.</summary>
    public const int MaxAlternatives = 4;

    private static readonly Lazy<IReadOnlyList<ExpansionEntry>> BundledEntries = new(LoadBundled);
    private static readonly Lazy<TermExpansions> BundledSet = new(() => Create(BundledEntries.Value));

    private readonly Dictionary<string, List<Alternative>> byKey;
    private readonly HashSet<string> firstWords;

    private TermExpansions(Dictionary<string, List<Alternative>> byKey, int entries)
    {
        this.byKey = byKey;
        Count = entries;
        MaxKeyWords = byKey.Count == 0 ? 0 : byKey.Keys.Max(k => k.Count(c => c == ' ') + 1);
        firstWords = byKey.Keys.Select(k => k.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
    }

    public static TermExpansions None { get; } = new([], 0);

    /// <summary>The list shipped with Arsip (Expansion/acronyms-id.txt): government acronyms with their sources.</summary>
    public static IReadOnlyList<ExpansionEntry> BundledList => BundledEntries.Value;

    public static TermExpansions Bundled => BundledSet.Value;

    /// <summary>Entries used in both directions; entries refused by <see cref="ExpansionRules.Check"/> are skipped, not thrown.</summary>
    public static TermExpansions Create(IEnumerable<ExpansionEntry> entries)
    {
        var list = entries.ToList();
        var refused = ExpansionRules.Check(list).Where(p => !p.Warning).Select(p => p.Index).ToHashSet();
        var byKey = new Dictionary<string, List<Alternative>>(StringComparer.Ordinal);
        var used = 0;
        for (var i = 0; i < list.Count; i++)
        {
            if (refused.Contains(i)) continue;
            var (shortForm, longForm) = (list[i].Short.Trim(), list[i].Long.Trim());
            var (shortKey, longKey) = (ExpansionRules.Key(shortForm), ExpansionRules.Key(longForm));
            Add(byKey, shortKey, new Alternative(longForm, longKey));
            Add(byKey, longKey, new Alternative(shortForm, shortKey));
            used++;
        }
        return new TermExpansions(byKey, used);
    }

    public int Count { get; }

    /// <summary>The longest key in words: how far the query builder looks ahead.</summary>
    internal int MaxKeyWords { get; }

    public IReadOnlyList<string> For(string text) => Lookup(ExpansionRules.Key(text)).Select(a => a.Text).ToList();

    /// <summary>Whether some key starts with this word's key: a query word that starts none is never looked up further.</summary>
    internal bool StartsKey(string wordKey) => wordKey.Length > 0 && firstWords.Contains(wordKey.Split(' ')[0]);

    internal IReadOnlyList<Alternative> Lookup(string key) =>
        key.Length > 0 && byKey.TryGetValue(key, out var found) ? found : [];

    private static void Add(Dictionary<string, List<Alternative>> byKey, string key, Alternative alternative)
    {
        if (key.Length == 0 || alternative.Key.Length == 0 || key == alternative.Key) return;
        // "undangan" → "surat undangan" finds nothing "undangan" does not, and its phrase over a common word is costly.
        if ($" {alternative.Key} ".Contains($" {key} ", StringComparison.Ordinal)) return;
        if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
        if (list.Count < MaxAlternatives && list.All(a => a.Key != alternative.Key)) list.Add(alternative);
    }

    private static List<ExpansionEntry> LoadBundled()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Arsip.Search.Expansion.acronyms-id.txt")
            ?? throw new InvalidOperationException("acronyms-id.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var entries = new List<ExpansionEntry>();
        foreach (var line in reader.ReadToEnd().Split('\n'))
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#')) continue;
            var parts = text.Split(';');
            if (parts.Length < 2) throw new InvalidOperationException($"acronyms-id.txt: '{text}' is not AKRONIM;kepanjangan;sumber.");
            entries.Add(new ExpansionEntry(parts[0].Trim(), parts[1].Trim(), parts.Length > 2 ? parts[2].Trim() : null));
        }
        return entries;
    }

    internal sealed record Alternative(string Text, string Key);
}

/// <summary>The refusals an agency's list meets: an empty side, a cycle, an acronym that is a common word (DAN), and the warnings.</summary>
public static class ExpansionRules
{
    public const int MaxEntries = 5_000;
    public const int MaxLength = 200;

    /// <summary>Frequent words of official letters besides the stop words: as an acronym they would rewrite ordinary text.</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "surat", "dinas", "kota", "kabupaten", "daerah", "data", "rapat", "hal", "bagian", "umum", "kepala", "badan", "kantor",
        "tahun", "bulan", "hari", "tanggal", "nomor", "perihal", "lampiran", "kami", "kita", "anda", "saudara", "bapak", "ibu",
        "mohon", "atas", "bawah", "baru", "lama", "besar", "kecil", "satu", "dua", "tiga", "rumah", "jalan", "air", "tanah",
        "kerja", "uang", "dana", "kas", "pajak", "pegawai", "warga", "desa", "pusat",
        "sakit", "obat", "buku", "meja", "kursi", "pagi", "siang", "sore", "malam", "minggu", "senin", "selasa", "rabu", "kamis",
        "jumat", "sabtu", "bisa", "boleh", "harus", "akan", "sudah", "belum", "tidak", "bukan", "juga", "saja", "lagi", "pada",
        "bank", "bus", "kode", "info", "ok", "oke",
    };

    private static readonly Analyzer KeyAnalyzer = new KeyWords();

    /// <summary>Every problem of the list, by entry index; an empty list of problems (or warnings only) is a valid list.</summary>
    public static IReadOnlyList<ExpansionProblem> Check(IReadOnlyList<ExpansionEntry> entries)
    {
        var problems = new List<ExpansionProblem>();
        if (entries.Count > MaxEntries)
            problems.Add(new ExpansionProblem(MaxEntries, "file", $"Paling banyak {MaxEntries} baris (at most {MaxEntries} entries)."));
        var keys = new (string Short, string Long)[entries.Count];
        var seen = new Dictionary<(string, string), int>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (shortForm, longForm) = (entries[i].Short?.Trim() ?? "", entries[i].Long?.Trim() ?? "");
            keys[i] = ("", "");
            if (shortForm.Length == 0) { problems.Add(new(i, "akronim", "Akronim kosong (the acronym is empty).")); continue; }
            if (longForm.Length == 0) { problems.Add(new(i, "kepanjangan", "Kepanjangan kosong (the expansion is empty).")); continue; }
            if (shortForm.Length > MaxLength || longForm.Length > MaxLength)
            {
                problems.Add(new(i, "kepanjangan", $"Paling panjang {MaxLength} huruf (at most {MaxLength} characters)."));
                continue;
            }
            var (shortKey, longKey) = (Key(shortForm), Key(longForm));
            var oneWord = !shortForm.Any(char.IsWhiteSpace);
            if (oneWord && (shortKey.Length == 0 || CommonWords.Contains(shortKey)))
            {
                problems.Add(new(i, "akronim", $"\"{shortForm}\" adalah kata umum bahasa Indonesia; setiap surat yang memuatnya akan ikut cocok " +
                                                $"(\"{shortForm}\" is a common Indonesian word: every letter containing it would match)."));
                continue;
            }
            if (shortKey.Length == 0 || longKey.Length == 0)
            {
                problems.Add(new(i, shortKey.Length == 0 ? "akronim" : "kepanjangan",
                    "Hanya kata umum atau tanda baca; tidak dapat dicari (only stop words or punctuation: cannot be searched)."));
                continue;
            }
            if (shortKey == longKey)
            {
                problems.Add(new(i, "kepanjangan", "Kedua sisi sama (both sides are the same)."));
                continue;
            }
            if (seen.TryGetValue((shortKey, longKey), out var first))
            {
                problems.Add(new(i, "akronim", $"Sama dengan entri ke-{first + 1} (duplicate of entry {first + 1}).", Warning: true));
                continue;
            }
            seen[(shortKey, longKey)] = i;
            keys[i] = (shortKey, longKey);
            if ($" {longKey} ".Contains($" {shortKey} ", StringComparison.Ordinal) || $" {shortKey} ".Contains($" {longKey} ", StringComparison.Ordinal))
                problems.Add(new(i, "kepanjangan", "Satu sisi memuat sisi lain: hanya menambah hasil, bentuk yang diketik tetap di atas " +
                                                   "(one side contains the other: it only broadens results; the typed form still ranks first).", Warning: true));
        }
        problems.AddRange(Cycles(keys));
        return problems.OrderBy(p => p.Index).ToList();
    }

    /// <summary>A short form defined through a chain that leads back to itself (A→B, B→A; A→B, B→C, C→A): the list contradicts itself.</summary>
    private static IEnumerable<ExpansionProblem> Cycles((string Short, string Long)[] keys)
    {
        var edges = new Dictionary<string, List<(string To, int Index)>>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i].Short.Length == 0) continue;
            if (!edges.TryGetValue(keys[i].Short, out var list)) edges[keys[i].Short] = list = [];
            list.Add((keys[i].Long, i));
        }
        var reported = new HashSet<int>();
        foreach (var start in edges.Keys)
        {
            // Depth-first from each short form; the entry that closes the loop is reported.
            var stack = new Stack<(string Node, int Depth)>();
            var visited = new HashSet<string>(StringComparer.Ordinal);
            stack.Push((start, 0));
            while (stack.Count > 0)
            {
                var (node, depth) = stack.Pop();
                if (!edges.TryGetValue(node, out var next) || depth > 50) continue;
                foreach (var (to, index) in next)
                {
                    if (to == start)
                    {
                        if (reported.Add(index))
                            yield return new ExpansionProblem(index, "kepanjangan",
                                "Siklus: kepanjangan ini kembali ke akronim asal lewat entri lain (cycle: this expansion leads back to the acronym through other entries).");
                        continue;
                    }
                    if (visited.Add(to)) stack.Push((to, depth + 1));
                }
            }
        }
    }

    /// <summary>How a side is compared: words in lower case without accents or stop words, unstemmed (so "kas" never looks like "Kasi").</summary>
    public static string Key(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var words = new List<string>();
        using var stream = KeyAnalyzer.GetTokenStream("k", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) words.Add(term.ToString());
        stream.End();
        return string.Join(' ', words);
    }

    private sealed class KeyWords : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(LuceneInfo.Version, reader);
            TokenStream stream = new LowerCaseFilter(LuceneInfo.Version, tokenizer);
            stream = new ASCIIFoldingFilter(stream);
            stream = new StopFilter(LuceneInfo.Version, stream, IndonesianAnalyzer.DefaultStopSet);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
