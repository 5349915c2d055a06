using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Arsip.Search.Querying;

/// <summary>Cached per segment core as a bit set: a repeated filter costs one bit test per candidate instead of a posting-list walk; deletions are applied on top, never cached.</summary>
internal sealed class CachedBitsFilter(Query source) : Filter
{
    private readonly Filter source = new QueryWrapperFilter(source);
    private readonly ConditionalWeakTable<object, FixedBitSet> bySegment = new();

    public FixedBitSet Bits(AtomicReaderContext context)
    {
        var key = context.AtomicReader.CoreCacheKey;
        if (bySegment.TryGetValue(key, out var bits)) return bits;
        bits = new FixedBitSet(context.AtomicReader.MaxDoc);
        if (source.GetDocIdSet(context, null)?.GetIterator() is { } matches) bits.Or(matches);
        return bySegment.GetValue(key, _ => bits);
    }

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs) =>
        BitsFilteredDocIdSet.Wrap(Bits(context), acceptDocs);
}

internal sealed class AllOfFilter(IReadOnlyList<CachedBitsFilter> parts) : Filter
{
    public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        if (parts.Count == 1) return parts[0].GetDocIdSet(context, acceptDocs);
        var sets = parts.Select(p => p.Bits(context)).OrderBy(b => b.Cardinality).ToArray();
        return sets[0].Cardinality == 0 ? null : BitsFilteredDocIdSet.Wrap(new AllOfDocIdSet(sets), acceptDocs);
    }

    private sealed class AllOfDocIdSet(FixedBitSet[] sets) : DocIdSet, IBits
    {
        public override IBits Bits => this;
        public override bool IsCacheable => true;
        public int Length => sets[0].Length;

        public bool Get(int index)
        {
            foreach (var set in sets)
                if (!set.Get(index)) return false;
            return true;
        }

        // The sparsest set drives iteration when Lucene leapfrogs instead of testing bits.
        public override DocIdSetIterator GetIterator() => new Matching(sets[0].GetIterator(), this);

        private sealed class Matching(DocIdSetIterator inner, IBits all) : FilteredDocIdSetIterator(inner)
        {
            protected override bool Match(int doc) => all.Get(doc);
        }
    }
}

/// <summary>One bit per letter per segment (125 KB at a million letters).</summary>
internal sealed class FilterCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, CachedBitsFilter Filter)>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, CachedBitsFilter Filter)> recency = new();
    private readonly System.Threading.Lock gate = new();

    public CachedBitsFilter Get(string key, Func<Query> build)
    {
        lock (gate)
        {
            if (entries.TryGetValue(key, out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                return node.Value.Filter;
            }
            var filter = new CachedBitsFilter(build());
            entries[key] = recency.AddFirst((key, filter));
            if (entries.Count > capacity)
            {
                entries.Remove(recency.Last!.Value.Key);
                recency.RemoveLast();
            }
            return filter;
        }
    }
}
