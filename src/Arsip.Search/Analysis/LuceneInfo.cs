using Lucene.Net.Util;

namespace Arsip.Search.Analysis;

/// <summary>The Lucene compatibility version every analyzer and writer of this library uses.</summary>
internal static class LuceneInfo
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;
}
