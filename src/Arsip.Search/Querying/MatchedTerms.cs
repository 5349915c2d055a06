using Lucene.Net.Util.Automaton;

namespace Arsip.Search.Querying;

/// <summary>Snippets test re-analyzed tokens against it (stems exactly, typo-tolerant words by their Levenshtein automaton) instead of enumerating the index's terms again.</summary>
internal sealed class MatchedTerms
{
    private readonly Dictionary<string, int> words = new(StringComparer.Ordinal);
    private readonly List<(CharacterRunAutomaton Automaton, int Word)> fuzzy = [];

    private int count;

    /// <summary>Distinct query words; the stems of a typo's near spellings count as the typed word.</summary>
    public int WordCount => count;

    /// <summary>Another form's words (an acronym's expansion) count as the typed form's <paramref name="word"/>: a window with them has that word.</summary>
    public void AddOther(string term, int word) => words.TryAdd(term, word);

    /// <summary>Every query word added since <paramref name="first"/> becomes word <paramref name="first"/>: a run of words expanded
    /// together ("dinas kesehatan") is one word for the snippet, as its other forms are.</summary>
    public void MergeWordsFrom(int first)
    {
        if (count <= first + 1) return;
        foreach (var (term, word) in words.ToList())
            if (word > first && word < count) words[term] = first;
        for (var k = 0; k < fuzzy.Count; k++)
            if (fuzzy[k].Word > first) fuzzy[k] = (fuzzy[k].Automaton, first);
        count = first + 1;
    }

    public void AddExact(string stem)
    {
        if (words.TryAdd(stem, count)) count++;
    }

    public void AddFuzzy(string stem, string typed, int edits, int prefixLength, IEnumerable<string>? stemsOfNearSpellings = null)
    {
        AddExact(stem);
        foreach (var near in stemsOfNearSpellings ?? []) words.TryAdd(near, words[stem]);
        var rest = new LevenshteinAutomata(typed[prefixLength..], withTranspositions: true).ToAutomaton(edits);
        var automaton = BasicOperations.Concatenate(BasicAutomata.MakeString(typed[..prefixLength]), rest);
        fuzzy.Add((new CharacterRunAutomaton(automaton), words[stem]));
    }

    public int Match(string term)
    {
        if (words.TryGetValue(term, out var word)) return word;
        foreach (var (automaton, fuzzyWord) in fuzzy)
            if (automaton.Run(term)) return fuzzyWord;
        return -1;
    }
}
