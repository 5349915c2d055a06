using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Arsip.Search.Querying;

/// <summary>"Maksud Anda …?" and search-as-you-type, both from the index's own terms and both through the caller's trimming: a word or value only a hidden letter holds is never offered.</summary>
internal static class Suggestions
{
    /// <summary>How many terms one completion looks at per segment: bounds the cost of a one-letter prefix.</summary>
    private const int MaxTermsScanned = 400;

    /// <summary>The query with each rare word replaced by its most frequent near spelling that a visible letter holds; null when no word changes.</summary>
    public static string? DidYouMean(IndexSearcher searcher, LetterQueryBuilder builder, SearchRequest request)
    {
        var reader = searcher.IndexReader;
        var words = UserQuery.Parse(request.Query)
            .Where(c => c is { Field: null, IsPhrase: false, Excluded: false } && c.Text.Length >= 4 && c.Text.All(char.IsLetter))
            .Select(c => c.Text).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var corrected = request.Query!;
        var changed = false;
        foreach (var word in words)
        {
            var typed = word.ToLowerInvariant();
            var typedFreq = reader.DocFreq(new Term(LetterFields.Content, typed));
            if (typedFreq >= LetterQueryBuilder.FuzzySkipDocFreq) continue;
            var edits = typed.Length >= 8 ? 2 : 1;
            var best = LetterQueryBuilder.NearSpellings(reader, typed, edits, 10)
                .Where(c => c.All(char.IsLetter))
                .Select(c => (Term: c, Visible: VisibleCount(searcher, builder, request.Scope, c)))
                .Where(c => c.Visible > typedFreq)
                .OrderByDescending(c => c.Visible).Select(c => c.Term).FirstOrDefault();
            if (best is null) continue;
            corrected = System.Text.RegularExpressions.Regex.Replace(corrected, $@"(?<![\p{{L}}\p{{N}}]){System.Text.RegularExpressions.Regex.Escape(word)}(?![\p{{L}}\p{{N}}])",
                best, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            changed = true;
        }
        return changed ? corrected : null;
    }

    private static int VisibleCount(IndexSearcher searcher, LetterQueryBuilder builder, AccessScope scope, string term)
    {
        var count = new TotalHitCountCollector();
        searcher.Search(new TermQuery(new Term(LetterFields.Content, term)), builder.AccessAndFilters(new SearchRequest(scope)), count);
        return count.TotalHits;
    }

    /// <summary>Values of <paramref name="field"/> starting with <paramref name="prefix"/> that a visible letter holds, shown as stored in <paramref name="storedFields"/>.</summary>
    public static IReadOnlyList<string> Complete(IndexSearcher searcher, LetterQueryBuilder builder, AccessScope scope, string field,
        string prefix, string[] storedFields, Func<string, string> normalize, int max)
    {
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var prefixBytes = new BytesRef(prefix);
        foreach (var segment in searcher.IndexReader.Leaves)
        {
            var reader = segment.AtomicReader;
            var terms = reader.GetTerms(field);
            if (terms is null) continue;
            var visible = builder.ScopeBits(scope, segment);
            var iterator = terms.GetEnumerator();
            if (iterator.SeekCeil(prefixBytes) == TermsEnum.SeekStatus.END) continue;
            DocsEnum? docs = null;
            var scanned = 0;
            do
            {
                var term = iterator.Term;
                if (!StringHelper.StartsWith(term, prefixBytes) || ++scanned > MaxTermsScanned) break;
                var text = term.Utf8ToString();
                if (found.ContainsKey(text)) continue;
                docs = iterator.Docs(reader.LiveDocs, docs, DocsFlags.NONE);
                int doc;
                while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS && !visible.Get(doc)) { }
                if (doc == DocIdSetIterator.NO_MORE_DOCS) continue;
                var stored = reader.Document(doc, new HashSet<string>(storedFields));
                var shown = storedFields.SelectMany(stored.GetValues).FirstOrDefault(v => normalize(v) == text) ?? text;
                found[text] = shown;
            } while (iterator.MoveNext());
        }
        return found.Values.Distinct(StringComparer.OrdinalIgnoreCase).Take(max).ToList();
    }
}
