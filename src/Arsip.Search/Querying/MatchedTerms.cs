using Lucene.Net.Util.Automaton;

namespace Arsip.Search.Querying;

/// <summary>
/// Which analyzed content tokens a query matches, and for which of its words: each stem exactly,
/// and each typo-tolerant word by the Levenshtein automaton its fuzzy query uses. Snippets test
/// re-analyzed tokens against it, which avoids enumerating the index's terms a second time.
/// </summary>
internal sealed class MatchedTerms
{
    private readonly Dictionary<string, int> words = new(StringComparer.Ordinal);
    private readonly List<(CharacterRunAutomaton Automaton, int Word)> fuzzy = [];

    /// <summary>How many distinct query words there are to match.</summary>
    public int WordCount => words.Count;

    public void AddExact(string stem) => words.TryAdd(stem, words.Count);

    /// <summary>
    /// Also matches, as the word of <paramref name="stem"/>, terms within <paramref name="edits"/> of
    /// <paramref name="typed"/> sharing its first <paramref name="prefixLength"/> characters.
    /// </summary>
    public void AddFuzzy(string stem, string typed, int edits, int prefixLength)
    {
        AddExact(stem);
        var rest = new LevenshteinAutomata(typed[prefixLength..], withTranspositions: true).ToAutomaton(edits);
        var automaton = BasicOperations.Concatenate(BasicAutomata.MakeString(typed[..prefixLength]), rest);
        fuzzy.Add((new CharacterRunAutomaton(automaton), words[stem]));
    }

    /// <returns>The index of the query word <paramref name="term"/> matches, or -1.</returns>
    public int Match(string term)
    {
        if (words.TryGetValue(term, out var word)) return word;
        foreach (var (automaton, fuzzyWord) in fuzzy)
            if (automaton.Run(term)) return fuzzyWord;
        return -1;
    }
}
