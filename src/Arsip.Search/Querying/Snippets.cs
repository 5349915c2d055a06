using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;

namespace Arsip.Search.Querying;

/// <summary>Lucene.Net.Highlighter is not available: re-analyze the stored text, mark matched tokens, cut the window with the most distinct matches.</summary>
internal static class Snippets
{
    public const int WindowSize = 160;
    /// <summary>How much of each stored text is re-analyzed: long attachment texts are cut, so one hit stays cheap.</summary>
    public const int MaxScannedChars = 20_000;
    private const string Ellipsis = "…";

    public static readonly string[] SourceFields =
        [LetterFields.Summary, LetterFields.Body, LetterFields.Attachment, LetterFields.Disposition, LetterFields.Subject];

    /// <returns>HTML, or null when the letter has no stored text.</returns>
    public static string? Build(Analyzer analyzer, MatchedTerms terms, Document document)
    {
        var texts = SourceFields.SelectMany(document.GetValues).Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => t.Length > MaxScannedChars ? t[..MaxScannedChars] : t).ToList();
        if (texts.Count == 0) return null;

        (string Text, List<Match> Marks, int Start, int End)? best = null;
        var bestScore = (Distinct: 0, Total: 0);
        foreach (var text in texts)
        {
            // A window with every query word cannot be beaten by a later field.
            if (terms.WordCount == 0 || bestScore.Distinct == terms.WordCount) break;
            var matches = Matches(analyzer, text, terms);
            for (var first = 0; first < matches.Count; first++)
            {
                var last = first;
                while (last + 1 < matches.Count && matches[last + 1].End - matches[first].Start <= WindowSize) last++;
                var window = matches.GetRange(first, last - first + 1);
                var score = (window.Select(m => m.Word).Distinct().Count(), window.Count);
                if (score.CompareTo(bestScore) <= 0) continue;
                bestScore = score;
                best = (text, window, matches[first].Start, matches[last].End);
            }
        }

        if (best is not { } chosen) return Render(texts[0], [], 0, 0);
        return Render(chosen.Text, chosen.Marks, chosen.Start, chosen.End);
    }

    private readonly record struct Match(int Start, int End, int Word);

    private static List<Match> Matches(Analyzer analyzer, string text, MatchedTerms terms)
    {
        var matches = new List<Match>();
        using var stream = analyzer.GetTokenStream(LetterFields.Content, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            // The stem and the unstemmed word share offsets; mark the word once.
            if (matches.Count > 0 && matches[^1].Start == offset.StartOffset) continue;
            var word = terms.Match(term.ToString());
            if (word >= 0) matches.Add(new Match(offset.StartOffset, offset.EndOffset, word));
        }
        stream.End();
        return matches;
    }

    private static string Render(string text, List<Match> marks, int start, int end)
    {
        var slack = Math.Max(0, WindowSize - (end - start));
        var from = Math.Max(0, start - slack / 3);
        var to = Math.Min(text.Length, from + Math.Max(WindowSize, end - start));
        from = Math.Max(0, Math.Min(from, to - WindowSize));

        if (from > 0 && !char.IsWhiteSpace(text[from - 1]))
        {
            var space = text.IndexOf(' ', from, Math.Max(0, start - from));
            if (space >= 0) from = space + 1;
        }
        if (to < text.Length && !char.IsWhiteSpace(text[to]))
        {
            var space = text.LastIndexOf(' ', to - 1, Math.Max(0, to - end));
            if (space >= 0) to = space;
        }

        var html = new StringBuilder(WindowSize * 2);
        if (from > 0) html.Append(Ellipsis);
        var position = from;
        foreach (var (markStart, markEnd, _) in marks)
        {
            AppendEscaped(html, text, position, markStart);
            html.Append("<mark>");
            AppendEscaped(html, text, markStart, markEnd);
            html.Append("</mark>");
            position = markEnd;
        }
        AppendEscaped(html, text, position, to);
        if (to < text.Length) html.Append(Ellipsis);
        return html.ToString();
    }

    private static void AppendEscaped(StringBuilder html, string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            switch (text[i])
            {
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                case '\r' or '\n' or '\t': html.Append(' '); break;
                default: html.Append(text[i]); break;
            }
        }
    }
}
