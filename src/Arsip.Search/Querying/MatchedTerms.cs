using Lucene.Net.Util.Automaton;

namespace Arsip.Search.Querying;

/// <summary>
/// Which analyzed content tokens a query matches: its stems exactly, and its typo-tolerant words
/// by the same Levenshtein automata the fuzzy queries use. Snippets test re-analyzed tokens
/// against it, which avoids enumerating the index's terms a second time.
/// </summary>
internal sealed class MatchedTerms
{
    private readonly HashSet<string> exact = new(StringComparer.Ordinal);
    private readonly List<CharacterRunAutomaton> fuzzy = [];

    public bool IsEmpty => exact.Count == 0 && fuzzy.Count == 0;

    public void AddExact(string term) => exact.Add(term);

    /// <summary>Terms within <paramref name="edits"/> of <paramref name="term"/> that share its first <paramref name="prefixLength"/> characters.</summary>
    public void AddFuzzy(string term, int edits, int prefixLength)
    {
        var prefix = term[..prefixLength];
        var rest = new LevenshteinAutomata(term[prefixLength..], withTranspositions: true).ToAutomaton(edits);
        fuzzy.Add(new CharacterRunAutomaton(BasicOperations.Concatenate(BasicAutomata.MakeString(prefix), rest)));
    }

    public bool Matches(string term) => exact.Contains(term) || fuzzy.Exists(automaton => automaton.Run(term));
}
