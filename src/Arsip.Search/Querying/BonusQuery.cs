using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Arsip.Search.Querying;

/// <summary>
/// The inner query's own score plus a constant (normalised like a <see cref="ConstantScoreQuery"/> with that boost) for
/// every match: the form typed keeps its tf-idf and stays above any other form's constant. One pass over the inner
/// query's postings, where <c>inner OR ConstantScore(inner)</c> ran it twice.
/// </summary>
internal sealed class BonusQuery(Query inner, float bonus) : Query
{
    public Query Inner { get; } = inner;
    public float Bonus { get; } = bonus;

    public override Query Rewrite(IndexReader reader)
    {
        var rewritten = Inner.Rewrite(reader);
        return ReferenceEquals(rewritten, Inner) ? this : new BonusQuery(rewritten, Bonus) { Boost = Boost };
    }

    public override void ExtractTerms(ISet<Term> terms) => Inner.ExtractTerms(terms);

    public override Weight CreateWeight(IndexSearcher searcher) => new BonusWeight(this, Inner.CreateWeight(searcher));

    public override string ToString(string field) => $"({Inner.ToString(field)})+{Bonus}{ToStringUtils.Boost(Boost)}";

    public override bool Equals(object? obj) =>
        obj is BonusQuery other && Inner.Equals(other.Inner) && Bonus.Equals(other.Bonus) && Boost.Equals(other.Boost);

    public override int GetHashCode() => HashCode.Combine(Inner, Bonus, Boost);

    private sealed class BonusWeight(BonusQuery query, Weight inner) : Weight
    {
        // As ConstantScoreQuery's weight: the constant takes part in the query norm like a clause boosted by it.
        private float constant;

        public override Query Query => query;

        public override float GetValueForNormalization()
        {
            var own = query.Bonus * query.Boost;
            return inner.GetValueForNormalization() * query.Boost * query.Boost + own * own;
        }

        public override void Normalize(float norm, float topLevelBoost)
        {
            inner.Normalize(norm, topLevelBoost * query.Boost);
            constant = query.Bonus * query.Boost * norm * topLevelBoost;
        }

        public override bool ScoresDocsOutOfOrder => false;

        public override Scorer? GetScorer(AtomicReaderContext context, IBits acceptDocs) =>
            inner.GetScorer(context, acceptDocs) is { } scorer ? new BonusScorer(this, scorer, constant) : null;

        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            var explained = inner.Explain(context, doc);
            if (!explained.IsMatch) return explained;
            var sum = new ComplexExplanation(true, explained.Value + constant, "sum of:");
            sum.AddDetail(explained);
            sum.AddDetail(new Explanation(constant, "bonus for the form typed"));
            return sum;
        }
    }

    private sealed class BonusScorer(Weight weight, Scorer inner, float constant) : Scorer(weight)
    {
        public override float GetScore() => inner.GetScore() + constant;
        public override int Freq => inner.Freq;
        public override int DocID => inner.DocID;
        public override int NextDoc() => inner.NextDoc();
        public override int Advance(int target) => inner.Advance(target);
        public override long GetCost() => inner.GetCost();
        public override ICollection<ChildScorer> GetChildren() => [new ChildScorer(inner, "BONUS")];
    }
}
