using System.Text.RegularExpressions;
using Arsip.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Arsip.Search.Querying;

internal sealed record BuiltQuery(Query Query, MatchedTerms Highlight);

internal sealed partial class LetterQueryBuilder(Analyzer indexAnalyzer, Analyzer queryAnalyzer)
{
    /// <summary>A typed word in at least this many letters is taken as spelt right: near spellings of a common word are themselves common and costly.</summary>
    public const int FuzzySkipDocFreq = 20;

    /// <summary>Subject matches weigh more than matches elsewhere in the letter.</summary>
    private const float SubjectBoost = 2f;
    /// <summary>A typo-tolerant match ranks below any exact (stemmed) match.</summary>
    private const float FuzzyBoost = 0.3f;
    private const int FuzzyPrefixLength = 1;
    private const int FuzzyMaxExpansions = 10;

    private readonly FilterCache filters = new(capacity: 128);

    /// <summary>Word frequencies in the reader decide on typo tolerance.</summary>
    public BuiltQuery Build(SearchRequest request, IndexReader reader)
    {
        var highlight = new MatchedTerms();
        var text = BuildText(UserQuery.Parse(request.Query), highlight, reader);
        var query = new BooleanQuery { { text, Occur.MUST } };
        // A date range has too many values to cache well: it stays a (non-scoring) clause.
        if (request.From is not null || request.To is not null)
            query.Add(NonScoring(NumericRangeQuery.NewInt32Range(LetterFields.LetterDate, request.From?.DayNumber, request.To?.DayNumber, true, true)), Occur.MUST);
        return new BuiltQuery(new FilteredQuery(query, new AllOfFilter(Filters(request).ToList())), highlight);
    }

    private Query BuildText(IReadOnlyList<UserClause> clauses, MatchedTerms highlight, IndexReader reader)
    {
        var text = new BooleanQuery();
        var positive = false;
        foreach (var clause in clauses)
        {
            // Excluded words are not highlighted: they are absent from every hit.
            if (ClauseQuery(clause, clause.Excluded ? null : highlight, reader) is not { } query) continue;
            text.Add(query, clause.Excluded ? Occur.MUST_NOT : Occur.MUST);
            positive |= !clause.Excluded;
        }
        // Only exclusions (or nothing): they subtract from everything visible.
        if (!positive) text.Add(new MatchAllDocsQuery(), Occur.MUST);
        return text;
    }

    private Query? ClauseQuery(UserClause clause, MatchedTerms? highlight, IndexReader reader) => clause.Field switch
    {
        null when NumberAnalyzer.LooksLikeNumber(clause.Text) => NumberOrCode(clause.Text),
        null when clause.IsPhrase => TextPhrase(clause.Text, highlight),
        null => Word(clause.Text, highlight, reader),
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

    private Query? Word(string word, MatchedTerms? highlight, IndexReader reader)
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
        if (edits > 0 && typed.All(char.IsLetter) && reader.DocFreq(new Term(LetterFields.Content, typed)) < FuzzySkipDocFreq)
        {
            highlight?.AddFuzzy(stem, typed, edits, FuzzyPrefixLength);
            best.Add(new FuzzyQuery(new Term(LetterFields.Content, typed), edits, FuzzyPrefixLength, FuzzyMaxExpansions, transpositions: true)
            {
                Boost = FuzzyBoost,
            });
        }
        else
        {
            highlight?.AddExact(stem);
        }
        return best;
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
