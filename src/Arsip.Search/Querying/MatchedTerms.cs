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

    /// <summary>Another form's words (an acronym's expansion): marked, but not a query word a snippet must show, so the search for a better window still stops when every typed word is in it.</summary>
    public void AddOther(string term) => words.TryAdd(term, int.MaxValue);

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
