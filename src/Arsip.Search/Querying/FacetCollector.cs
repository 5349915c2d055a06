using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Arsip.Search.Querying;

/// <summary>
/// Counts facet values over every collected match from doc values. It runs beside the top-hits
/// collector on the same trimmed, filtered query, so a hidden letter can never be counted.
/// </summary>
internal sealed class FacetCollector : ICollector
{
    private readonly SortedCounter classificationTopLevel = new(LetterFields.ClassificationTopLevel);
    private readonly SortedCounter classificationSecondLevel = new(LetterFields.ClassificationSecondLevel);
    private readonly SortedSetCounter units = new(LetterFields.Unit);
    private readonly NumericCounter years = new(LetterFields.Year);
    private readonly SortedCounter statuses = new(LetterFields.Status);
    private readonly FacetCounter[] counters;

    public FacetCollector()
    {
        counters = [classificationTopLevel, classificationSecondLevel, units, years, statuses];
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        foreach (var counter in counters) counter.SetReader(context.AtomicReader);
    }

    public void Collect(int doc)
    {
        foreach (var counter in counters) counter.Collect(doc);
    }

    public SearchFacets ToFacets() => new()
    {
        ClassificationTopLevel = classificationTopLevel.Result(),
        ClassificationSecondLevel = classificationSecondLevel.Result(),
        Units = units.Result(),
        Years = years.Result(),
        Statuses = statuses.Result(),
    };

    private abstract class FacetCounter(string field)
    {
        protected string Field { get; } = field;
        protected Dictionary<string, int> Totals { get; } = new(StringComparer.Ordinal);

        /// <summary>Moves to the next segment (null: the end), folding the previous segment's counts into the totals.</summary>
        public abstract void SetReader(AtomicReader? reader);
        public abstract void Collect(int doc);

        public IReadOnlyList<FacetCount> Result()
        {
            SetReader(null);
            return Totals.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new FacetCount(p.Key, p.Value)).ToList();
        }

        protected void Add(string value, int count) =>
            Totals[value] = Totals.GetValueOrDefault(value) + count;

        /// <summary>Folds one segment's per-ordinal counts into the totals, resolving each counted ordinal once.</summary>
        protected void AddOrdinalCounts(int[] counts, Action<int, BytesRef> lookupOrd)
        {
            var bytes = new BytesRef();
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0) continue;
                lookupOrd(ord, bytes);
                Add(bytes.Utf8ToString(), counts[ord]);
            }
        }
    }

    /// <summary>Single-valued strings: count by segment ordinal, resolve ordinals once per segment.</summary>
    private sealed class SortedCounter(string field) : FacetCounter(field)
    {
        private SortedDocValues? values;
        private int[] counts = [];

        public override void SetReader(AtomicReader? reader)
        {
            if (values is { } previous) AddOrdinalCounts(counts, previous.LookupOrd);
            values = reader?.GetSortedDocValues(Field);
            counts = values is null ? [] : new int[values.ValueCount];
        }

        public override void Collect(int doc)
        {
            if (values is null) return;
            var ord = values.GetOrd(doc);
            if (ord >= 0) counts[ord]++;
        }
    }

    /// <summary>Multi-valued strings: like <see cref="SortedCounter"/>, one count per value of a document.</summary>
    private sealed class SortedSetCounter(string field) : FacetCounter(field)
    {
        private SortedSetDocValues? values;
        private int[] counts = [];

        public override void SetReader(AtomicReader? reader)
        {
            if (values is { } previous) AddOrdinalCounts(counts, (ord, bytes) => previous.LookupOrd(ord, bytes));
            values = reader?.GetSortedSetDocValues(Field);
            counts = values is null ? [] : new int[values.ValueCount];
        }

        public override void Collect(int doc)
        {
            if (values is null) return;
            values.SetDocument(doc);
            for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd())
                counts[ord]++;
        }
    }

    /// <summary>Numbers (years): few distinct values, counted directly.</summary>
    private sealed class NumericCounter(string field) : FacetCounter(field)
    {
        private readonly Dictionary<long, int> counts = [];
        private NumericDocValues? values;
        private IBits? present;

        public override void SetReader(AtomicReader? reader)
        {
            values = reader?.GetNumericDocValues(Field);
            present = reader?.GetDocsWithField(Field);
            if (reader is not null) return;
            foreach (var (value, count) in counts) Add(value.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
            counts.Clear();
        }

        public override void Collect(int doc)
        {
            if (values is null || present is null || !present.Get(doc)) return;
            var value = values.Get(doc);
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }
    }
}
