using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Arsip.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Arsip.Search.Querying;

internal sealed record BuiltQuery(Query Query, MatchedTerms Highlight, IReadOnlyList<string> Expanded);

internal sealed partial class LetterQueryBuilder(Analyzer indexAnalyzer, Analyzer queryAnalyzer)
{
    /// <summary>A typed word in at least this many letters is taken as spelt right: near spellings of a common word are themselves common and costly.</summary>
    public const int FuzzySkipDocFreq = 20;

    private const float SubjectBoost = 2f;
    private const float FuzzyBoost = 0.3f;
    private const int FuzzyPrefixLength = 1;
    private const int FuzzyMaxExpansions = 10;
    /// <summary>Every letter with the form typed gets this on top of its usual score; one with only another form gets <see cref="ExpandedScore"/>: exact forms rank first.</summary>
    private const float ExactFormBonus = 1f;
    private const float ExpandedScore = 0.5f;

    private readonly FilterCache filters = new(capacity: 128);
    /// <summary>The other forms of a known word as cached bit sets: an expansion is usually a phrase of common words ("dinas
    /// kesehatan"), dear to match against every candidate and the same for every query that names it.</summary>
    private readonly FilterCache otherForms = new(capacity: 64);
    private readonly ConditionalWeakTable<TermExpansions, ConcurrentDictionary<string, List<(string, int)>>> analyzedAlternatives = new();

    public BuiltQuery Build(SearchRequest request, IndexReader reader)
    {
        var highlight = new MatchedTerms();
        var expanded = new List<string>();
        var text = BuildText(UserQuery.Parse(request.Query), highlight, reader, request.Expansions ?? TermExpansions.None, expanded);
        var query = new BooleanQuery { { text, Occur.MUST } };
        // A date range has too many values to cache well: it stays a (non-scoring) clause.
        if (request.From is not null || request.To is not null)
            query.Add(NonScoring(NumericRangeQuery.NewInt32Range(LetterFields.LetterDate, request.From?.DayNumber, request.To?.DayNumber, true, true)), Occur.MUST);
        return new BuiltQuery(new FilteredQuery(query, AccessAndFilters(request)), highlight, expanded);
    }

    internal Lucene.Net.Util.FixedBitSet ScopeBits(AccessScope scope, AtomicReaderContext segment) =>
        Filters(new SearchRequest(scope)).First().Bits(segment);

    /// <summary>Trimming and the request's filters: every query, count and suggestion goes through it.</summary>
    internal Filter AccessAndFilters(SearchRequest request) => new AllOfFilter(Filters(request).ToList());

    private Query BuildText(IReadOnlyList<UserClause> clauses, MatchedTerms highlight, IndexReader reader, TermExpansions expansions, List<string> expanded)
    {
        var text = new BooleanQuery();
        var positive = false;
        for (var i = 0; i < clauses.Count; i++)
        {
            var clause = clauses[i];
            // Excluded words are not highlighted: they are absent from every hit.
            var query = clause.Excluded ? ClauseQuery(clause, null, reader) : Expanded(clauses, ref i, highlight, reader, expansions, expanded);
            if (query is null) continue;
            text.Add(query, clause.Excluded ? Occur.MUST_NOT : Occur.MUST);
            positive |= !clause.Excluded;
        }
        // Only exclusions (or nothing): they subtract from everything visible.
        if (!positive) text.Add(new MatchAllDocsQuery(), Occur.MUST);
        return text;
    }

    /// <summary>The clause at <paramref name="i"/>, or the longest run of plain words (or one phrase) from there that the list knows,
    /// as the form typed OR any other form as a phrase; the typed form scores <see cref="ExactFormBonus"/> more.</summary>
    private Query? Expanded(IReadOnlyList<UserClause> clauses, ref int i, MatchedTerms highlight, IndexReader reader, TermExpansions expansions, List<string> expanded)
    {
        var clause = clauses[i];
        if (expansions.MaxKeyWords == 0 || clause.Field is not null || NumberAnalyzer.LooksLikeNumber(clause.Text))
            return ClauseQuery(clause, highlight, reader);

        // Plain words: try the longest run first ("surat keputusan" before "surat"). A run's key is its words' keys joined,
        // and only a word that starts some key starts a run: most queries never reach the dictionary of keys.
        var run = 1;
        IReadOnlyList<TermExpansions.Alternative> alternatives = [];
        if (clause.IsPhrase)
        {
            alternatives = expansions.Lookup(ExpansionRules.Key(clause.Text));
        }
        else
        {
            var first = ExpansionRules.Key(clause.Text);
            if (!expansions.StartsKey(first)) return ClauseQuery(clause, highlight, reader);
            var keys = new List<string> { first };
            while (i + keys.Count < clauses.Count && keys.Count < expansions.MaxKeyWords && IsPlainWord(clauses[i + keys.Count]))
                keys.Add(ExpansionRules.Key(clauses[i + keys.Count].Text));
            for (var length = keys.Count; length >= 1 && alternatives.Count == 0; length--)
            {
                alternatives = expansions.Lookup(string.Join(' ', keys.Take(length).Where(k => k.Length > 0)));
                run = length;
            }
        }
        if (alternatives.Count == 0) return ClauseQuery(clause, highlight, reader);

        var firstWord = highlight.WordCount;
        // A word the list knows is written as meant: no near spellings (a rare acronym would always look for them).
        var exact = new BooleanQuery();
        for (var k = i; k < i + run; k++)
            if (ClauseQuery(clauses[k], highlight, reader, typoTolerant: false) is { } part) exact.Add(part, Occur.MUST);
        i += run - 1;
        if (exact.Clauses.Count == 0) return null;
        // For the snippet the run and its other forms are one query word: a letter saying only "Dinas Kesehatan" has
        // every word of "Dinkes banjir" once both are in the window, and the search for a better window stops there.
        highlight.MergeWordsFrom(firstWord);

        // Only content: it holds the subject too, and a constant score has no use for the subject's boost.
        var others = new BooleanQuery(disableCoord: true);
        var key = new System.Text.StringBuilder("other forms");
        foreach (var alternative in alternatives)
        {
            var terms = AnalyzedAlternative(expansions, alternative.Text);
            if (terms.Count == 0) continue;
            foreach (var (term, _) in terms) highlight.AddOther(term, firstWord);
            others.Add(Phrase(LetterFields.Content, terms), Occur.SHOULD);
            foreach (var (term, position) in terms) key.Append('\n').Append(position).Append(' ').Append(term);
            key.Append('\n');
            expanded.Add(alternative.Text);
        }
        if (others.Clauses.Count == 0) return exact;
        // Scores of a long phrase dwarf a single rare term's, so the other forms count as a constant, and the form typed
        // as its own score plus a larger constant (one pass over its postings, see BonusQuery).
        return new BooleanQuery(disableCoord: true)
        {
            { new BonusQuery(exact, ExactFormBonus), Occur.SHOULD },
            { new ConstantScoreQuery(otherForms.Get(key.ToString(), () => others)) { Boost = ExpandedScore }, Occur.SHOULD },
        };
    }

    /// <summary>An alternative's analysed words, kept as long as its list version lives: a list is built once and serves many queries.</summary>
    private List<(string Term, int Position)> AnalyzedAlternative(TermExpansions expansions, string text) =>
        analyzedAlternatives.GetValue(expansions, _ => new ConcurrentDictionary<string, List<(string, int)>>(StringComparer.Ordinal))
            .GetOrAdd(text, t => Analyze(queryAnalyzer, LetterFields.Content, t));

    private static bool IsPlainWord(UserClause clause) =>
        clause is { Field: null, IsPhrase: false, Excluded: false } && !NumberAnalyzer.LooksLikeNumber(clause.Text);

    private Query? ClauseQuery(UserClause clause, MatchedTerms? highlight, IndexReader reader, bool typoTolerant = true) => clause.Field switch
    {
        null when NumberAnalyzer.LooksLikeNumber(clause.Text) => NumberOrCode(clause.Text),
        null when clause.IsPhrase => TextPhrase(clause.Text, highlight),
        null => Word(clause.Text, highlight, reader, typoTolerant),
        UserField.Number => NumberPhrase(LetterFields.Number, clause.Text),
        UserField.Agenda => NumberPhrase(LetterFields.Agenda, clause.Text),
        UserField.Classification => ClassificationPrefix(clause.Text),
        UserField.Sender => AnalyzedPhrase(LetterFields.Sender, clause.Text),
        UserField.SecurityLevel => KeywordTerm(LetterFields.SecurityLevel, clause.Text),
        UserField.Status => KeywordTerm(LetterFields.Status, clause.Text),
        UserField.Kind => KindTerm(clause.Text),
        UserField.Year => int.TryParse(clause.Text, out var year) ? YearRange(year) : Word(clause.Text, highlight, reader),
        UserField.Unit => new TermQuery(new Term(LetterFields.Unit, clause.Text)),
        UserField.Position => new TermQuery(new Term(LetterFields.Position, clause.Text)),
        _ => throw new ArgumentOutOfRangeException(nameof(clause), clause.Field, "Unknown field."),
    };

    private Query? Word(string word, MatchedTerms? highlight, IndexReader reader, bool typoTolerant = true)
    {
        var stems = Analyze(queryAnalyzer, LetterFields.Content, word);
        if (stems.Count == 0) return null; // a stop word
        if (stems.Count > 1) return TextPhrase(word, highlight); // "surat-undangan" and the like

        var stem = stems[0].Term;
        var best = new DisjunctionMaxQuery(0.1f)
        {
            new TermQuery(new Term(LetterFields.Content, stem)),
            new TermQuery(new Term(LetterFields.Subject, stem)) { Boost = SubjectBoost },
        };
        if (word.All(char.IsDigit)) best.Add(new TermQuery(new Term(LetterFields.Number, word)));

        // The index keeps each unstemmed word too; compare the typed word with those.
        var typed = Analyze(indexAnalyzer, LetterFields.Content, word)[0].Term;
        var edits = typed.Length switch { >= 8 => 2, >= 5 => 1, _ => 0 };
        if (typoTolerant && edits > 0 && typed.All(char.IsLetter) && reader.DocFreq(new Term(LetterFields.Content, typed)) < FuzzySkipDocFreq)
        {
            // Each near spelling is also stemmed as if typed, so a typo of "kearsipan" reaches letters that say "arsip".
            var near = new DisjunctionMaxQuery(0f) { Boost = FuzzyBoost };
            var stemsOfNear = new List<string>();
            foreach (var candidate in NearSpellings(reader, typed, edits, FuzzyMaxExpansions))
            {
                near.Add(new TermQuery(new Term(LetterFields.Content, candidate)));
                if (Analyze(queryAnalyzer, LetterFields.Content, candidate) is [var (candidateStem, _)] && candidateStem != candidate && candidateStem != stem)
                {
                    near.Add(new TermQuery(new Term(LetterFields.Content, candidateStem)));
                    stemsOfNear.Add(candidateStem);
                }
            }
            highlight?.AddFuzzy(stem, typed, edits, FuzzyPrefixLength, stemsOfNear);
            if (near.Disjuncts.Count > 0) best.Add(near);
        }
        else
        {
            highlight?.AddExact(stem);
        }
        return best;
    }

    /// <summary>Indexed words within <paramref name="edits"/> of the typed one (first letter fixed), closest and then most frequent first.</summary>
    internal static IReadOnlyList<string> NearSpellings(IndexReader reader, string typed, int edits, int max)
    {
        var terms = MultiFields.GetTerms(reader, LetterFields.Content);
        if (terms is null) return [];
        var found = new List<(string Term, float Similarity, int DocFreq)>();
        var fuzzy = new FuzzyTermsEnum(terms, new Lucene.Net.Util.AttributeSource(), new Term(LetterFields.Content, typed), edits, FuzzyPrefixLength, true);
        var boost = fuzzy.Attributes.AddAttribute<IBoostAttribute>();
        while (fuzzy.MoveNext())
        {
            var term = fuzzy.Term.Utf8ToString();
            if (term != typed) found.Add((term, boost.Boost, fuzzy.DocFreq));
        }
        return found.OrderByDescending(f => f.Similarity).ThenByDescending(f => f.DocFreq).ThenBy(f => f.Term, StringComparer.Ordinal)
            .Take(max).Select(f => f.Term).ToList();
    }

    private Query? TextPhrase(string text, MatchedTerms? highlight)
    {
        var terms = Analyze(queryAnalyzer, LetterFields.Content, text);
        if (terms.Count == 0) return null;
        foreach (var (term, _) in terms) highlight?.AddExact(term);
        var subject = Phrase(LetterFields.Subject, terms);
        subject.Boost = SubjectBoost;
        return new DisjunctionMaxQuery(0.1f) { Phrase(LetterFields.Content, terms), subject };
    }

    private Query? AnalyzedPhrase(string field, string text)
    {
        var terms = Analyze(queryAnalyzer, field, text);
        return terms.Count == 0 ? null : Phrase(field, terms);
    }

    /// <summary>Stop words leave gaps, as they do in the index.</summary>
    private static Query Phrase(string field, List<(string Term, int Position)> terms)
    {
        if (terms.Count == 1) return new TermQuery(new Term(field, terms[0].Term));
        var phrase = new PhraseQuery();
        foreach (var (term, position) in terms) phrase.Add(new Term(field, term), position);
        return phrase;
    }

    private static Query? NumberOrCode(string text)
    {
        var number = NumberPhrase(LetterFields.Number, text);
        if (!ClassificationCode().IsMatch(text)) return number;
        var code = new TermQuery(new Term(LetterFields.ClassificationPath, text));
        return number is null ? code : new DisjunctionMaxQuery(0f) { number, code };
    }

    private static Query? NumberPhrase(string field, string text)
    {
        var parts = NumberAnalyzer.QueryParts(text);
        if (parts.Count == 0) return null;
        if (parts.Count == 1) return new TermQuery(new Term(field, parts[0]));
        var phrase = new PhraseQuery();
        foreach (var part in parts) phrase.Add(new Term(field, part));
        return phrase;
    }

    private static TermQuery ClassificationPrefix(string code) =>
        new TermQuery(new Term(LetterFields.ClassificationPath, code.Trim().TrimEnd('.', '*')));

    private static TermQuery KeywordTerm(string field, string value) =>
        new TermQuery(new Term(field, Keyword.Normalize(value)));

    private static TermQuery KindTerm(string value) => KeywordTerm(LetterFields.Kind, Keyword.Normalize(value) switch
    {
        "masuk" or "surat masuk" => IndexedLetterMapper.DirectionCode(LetterDirection.Incoming),
        "keluar" or "surat keluar" => IndexedLetterMapper.DirectionCode(LetterDirection.Outgoing),
        var kind => kind,
    });

    private static Query YearRange(int year) => NumericRangeQuery.NewInt32Range(LetterFields.Year, year, year, true, true);

    /// <summary>One cached filter per scope and per filter value; none of them scores.</summary>
    private IEnumerable<CachedBitsFilter> Filters(SearchRequest request)
    {
        var scope = request.Scope;
        var tokens = scope.Tokens.Order(StringComparer.Ordinal).ToList();
        yield return filters.Get($"access\n{scope.Tenant}\n{string.Join('\n', tokens)}", () =>
        {
            var access = new BooleanQuery();
            foreach (var token in tokens) access.Add(new TermQuery(new Term(LetterFields.Access, token)), Occur.SHOULD);
            return new BooleanQuery { { new TermQuery(new Term(LetterFields.Tenant, scope.Tenant)), Occur.MUST }, { access, Occur.MUST } };
        });

        if (!string.IsNullOrWhiteSpace(request.Sender))
            yield return Cached(KeywordTerm(LetterFields.SenderExact, request.Sender));
        if (!string.IsNullOrWhiteSpace(request.ClassificationPrefix))
            yield return Cached(ClassificationPrefix(request.ClassificationPrefix));
        if (!string.IsNullOrWhiteSpace(request.Unit))
            yield return Cached(new TermQuery(new Term(LetterFields.Unit, request.Unit)));
        if (!string.IsNullOrWhiteSpace(request.SecurityLevel))
            yield return Cached(KeywordTerm(LetterFields.SecurityLevel, request.SecurityLevel));
        if (!string.IsNullOrWhiteSpace(request.Status))
            yield return Cached(KeywordTerm(LetterFields.Status, request.Status));
        if (!string.IsNullOrWhiteSpace(request.Kind))
            yield return Cached(KindTerm(request.Kind));
        if (request.Year is { } year)
            yield return filters.Get($"year\n{year}", () => YearRange(year));
    }

    private CachedBitsFilter Cached(TermQuery query) =>
        filters.Get($"{query.Term.Field}\n{query.Term.Text}", () => query);

    /// <summary>A required clause that contributes nothing to the score (Lucene 4.8 has no FILTER occur).</summary>
    private static Query NonScoring(Query query) => new ConstantScoreQuery(query) { Boost = 0f };

    private static List<(string Term, int Position)> Analyze(Analyzer analyzer, string field, string text)
    {
        var terms = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add((term.ToString(), Math.Max(position, 0)));
        }
        stream.End();
        return terms;
    }

    [GeneratedRegex(@"^\d{3}(\.\d+)*$")]
    private static partial Regex ClassificationCode();
}
