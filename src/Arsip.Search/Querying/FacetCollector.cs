using System.Globalization;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Arsip.Search.Querying;

/// <summary>Runs beside the top-hits collector on the same trimmed query, so a hidden letter is never counted; a match costs a few array increments.</summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<string, int>[] totals = [.. Enumerable.Range(0, FacetColumns.Count).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
    private FacetColumns? columns;
    private int[][] counts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Fold();
        columns = FacetColumns.Of(context.AtomicReader);
        counts = [.. columns.Values.Select(v => new int[v.Length + 1])];
    }

    public void Collect(int doc)
    {
        var c = columns!;
        counts[0][c.ClassificationTopLevel[doc]]++;
        counts[1][c.ClassificationSecondLevel[doc]]++;
        counts[2][c.Year[doc]]++;
        counts[3][c.Status[doc]]++;
        for (var i = c.UnitStarts[doc]; i < c.UnitStarts[doc + 1]; i++) counts[4][c.Units[i]]++;
        counts[5][c.NaskahKind[doc]]++;
    }

    public SearchFacets ToFacets()
    {
        Fold();
        return new SearchFacets
        {
            ClassificationTopLevel = Result(0),
            ClassificationSecondLevel = Result(1),
            Years = Result(2),
            Statuses = Result(3),
            Units = Result(4),
            Kinds = Result(5),
        };
    }

    /// <summary>Slot 0 is "no value".</summary>
    private void Fold()
    {
        if (columns is null) return;
        for (var facet = 0; facet < counts.Length; facet++)
        for (var ord = 1; ord < counts[facet].Length; ord++)
        {
            if (counts[facet][ord] == 0) continue;
            var value = columns.Values[facet][ord - 1];
            totals[facet][value] = totals[facet].GetValueOrDefault(value) + counts[facet][ord];
        }
        columns = null;
    }

    private List<FacetCount> Result(int facet) =>
        totals[facet].OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new FacetCount(p.Key, p.Value)).ToList();
}

/// <summary>Per segment core, cached, so near-real-time reopens build only new segments; about 14 bytes per letter.</summary>
internal sealed class FacetColumns
{
    public const int Count = 6;
    private static readonly ConditionalWeakTable<object, FacetColumns> BySegment = new();

    public required ushort[] ClassificationTopLevel { get; init; }
    public required ushort[] ClassificationSecondLevel { get; init; }
    public required ushort[] Year { get; init; }
    public required ushort[] Status { get; init; }
    public required int[] UnitStarts { get; init; }
    public required ushort[] Units { get; init; }
    public required ushort[] NaskahKind { get; init; }
    public required string[][] Values { get; init; }

    public static FacetColumns Of(AtomicReader reader) =>
        BySegment.GetValue(reader.CoreCacheKey, _ => Build(reader));

    private static FacetColumns Build(AtomicReader reader)
    {
        var maxDoc = reader.MaxDoc;
        var (top, topValues) = Sorted(reader.GetSortedDocValues(LetterFields.ClassificationTopLevel), maxDoc);
        var (second, secondValues) = Sorted(reader.GetSortedDocValues(LetterFields.ClassificationSecondLevel), maxDoc);
        var (status, statusValues) = Sorted(reader.GetSortedDocValues(LetterFields.Status), maxDoc);
        var (naskah, naskahValues) = Sorted(reader.GetSortedDocValues(LetterFields.NaskahKind), maxDoc);
        var (year, yearValues) = Numeric(reader.GetNumericDocValues(LetterFields.Year), reader.GetDocsWithField(LetterFields.Year), maxDoc);

        var unitStarts = new int[maxDoc + 1];
        var units = new List<ushort>(maxDoc);
        var unitValues = new List<string>();
        if (reader.GetSortedSetDocValues(LetterFields.Unit) is { } set)
        {
            var bytes = new BytesRef();
            for (var ord = 0L; ord < Math.Min(set.ValueCount, ushort.MaxValue); ord++)
            {
                set.LookupOrd(ord, bytes);
                unitValues.Add(bytes.Utf8ToString());
            }
            for (var doc = 0; doc < maxDoc; doc++)
            {
                unitStarts[doc] = units.Count;
                set.SetDocument(doc);
                for (var ord = set.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = set.NextOrd())
                    if (ord < ushort.MaxValue) units.Add((ushort)(ord + 1));
            }
        }
        unitStarts[maxDoc] = units.Count;

        return new FacetColumns
        {
            ClassificationTopLevel = top,
            ClassificationSecondLevel = second,
            Year = year,
            Status = status,
            UnitStarts = unitStarts,
            Units = [.. units],
            NaskahKind = naskah,
            Values = [topValues, secondValues, yearValues, statusValues, [.. unitValues], naskahValues],
        };
    }

    /// <summary>Ordinals beyond 65,534 values count as "no value": facets list a few dozen values at most.</summary>
    private static (ushort[] Ords, string[] Values) Sorted(SortedDocValues? values, int maxDoc)
    {
        var ords = new ushort[maxDoc];
        if (values is null) return (ords, []);
        var names = new string[Math.Min(values.ValueCount, ushort.MaxValue - 1)];
        var bytes = new BytesRef();
        for (var ord = 0; ord < names.Length; ord++)
        {
            values.LookupOrd(ord, bytes);
            names[ord] = bytes.Utf8ToString();
        }
        for (var doc = 0; doc < maxDoc; doc++)
        {
            var ord = values.GetOrd(doc);
            if (ord >= 0 && ord < names.Length) ords[doc] = (ushort)(ord + 1);
        }
        return (ords, names);
    }

    private static (ushort[] Ords, string[] Values) Numeric(NumericDocValues? values, IBits? present, int maxDoc)
    {
        var ords = new ushort[maxDoc];
        if (values is null || present is null) return (ords, []);
        var byValue = new Dictionary<long, ushort>();
        for (var doc = 0; doc < maxDoc; doc++)
        {
            if (!present.Get(doc)) continue;
            var value = values.Get(doc);
            if (!byValue.TryGetValue(value, out var ord))
            {
                if (byValue.Count >= ushort.MaxValue - 1) continue;
                byValue[value] = ord = (ushort)(byValue.Count + 1);
            }
            ords[doc] = ord;
        }
        var names = new string[byValue.Count];
        foreach (var (value, ord) in byValue) names[ord - 1] = value.ToString(CultureInfo.InvariantCulture);
        return (ords, names);
    }
}
