using Lucene.Net.Util;

namespace Arsip.Search.Analysis;

internal static class LuceneInfo
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;
}
