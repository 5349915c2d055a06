namespace Arsip.Search;

/// <summary>The Lucene.Net index of letters (issue 6 fills this in).</summary>
public static class SearchIndex;
