using System.Text.RegularExpressions;

namespace Arsip.Search.Analysis;

/// <summary>Normalizes exact values (status, sifat, sender, kind) the same way at index and query time.</summary>
internal static partial class Keyword
{
    public static string Normalize(string value) =>
        Whitespace().Replace(value.Trim(), " ").ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
