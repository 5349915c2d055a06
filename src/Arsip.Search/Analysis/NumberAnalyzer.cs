using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Arsip.Search.Analysis;

/// <summary>
/// Letter and agenda numbers such as <c>800.1.11.1/123/Setda/2026</c> or
/// <c>B-99/IJ/KP.07.6/04/2020</c>. Each <c>/</c>-separated part becomes one position; at the
/// same position it also emits every dotted prefix of the part (<c>800</c>, <c>800.1</c>,
/// <c>800.1.11</c>) and, for hyphenated parts, each side (<c>b</c>, <c>99</c>). A typed fragment
/// is then an exact phrase over its parts: <c>123/Setda</c>, <c>800.1/123</c>, <c>B-99</c> and
/// <c>99/IJ</c> all match without wildcards.
/// </summary>
public sealed class NumberAnalyzer : Analyzer
{
    /// <inheritdoc />
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new NumberTokenizer(reader));

    /// <summary>The several numbers of one letter must not form a phrase together.</summary>
    public override int GetPositionIncrementGap(string fieldName) => 100;

    /// <summary>The parts of a typed number fragment, normalized as the index normalizes them.</summary>
    public static IReadOnlyList<string> QueryParts(string fragment) =>
        Split(fragment).Select(part => part.Text).ToList();

    /// <summary>Whether a typed word looks like a (fragment of a) number rather than a word.</summary>
    public static bool LooksLikeNumber(string word) =>
        word.Any(char.IsDigit) && word.Any(c => c is '/' or '.' or '-');

    private static IEnumerable<(string Text, int Start, int End)> Split(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var separator = i == text.Length || text[i] == '/' || char.IsWhiteSpace(text[i]);
            if (!separator && start < 0) start = i;
            if (separator && start >= 0)
            {
                var part = text[start..i].Trim('.', '-').ToLowerInvariant();
                if (part.Length > 0) yield return (part, start, i);
                start = -1;
            }
        }
    }

    private static List<(string Text, int Increment, int Start, int End)> Tokens(string text)
    {
        var tokens = new List<(string Text, int Increment, int Start, int End)>();
        foreach (var (part, start, end) in Split(text))
        {
            tokens.Add((part, 1, start, end));
            for (var dot = part.IndexOf('.'); dot > 0; dot = part.IndexOf('.', dot + 1))
                tokens.Add((part[..dot], 0, start, end));
            if (part.Contains('-'))
                foreach (var side in part.Split('-', StringSplitOptions.RemoveEmptyEntries)) tokens.Add((side, 0, start, end));
        }
        return tokens;
    }

    private sealed class NumberTokenizer : Tokenizer
    {
        private readonly ICharTermAttribute term;
        private readonly IOffsetAttribute offset;
        private readonly IPositionIncrementAttribute increment;
        private List<(string Text, int Increment, int Start, int End)> tokens = [];
        private int next;
        private int length;

        public NumberTokenizer(TextReader input) : base(input)
        {
            term = AddAttribute<ICharTermAttribute>();
            offset = AddAttribute<IOffsetAttribute>();
            increment = AddAttribute<IPositionIncrementAttribute>();
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            if (next >= tokens.Count) return false;
            var token = tokens[next++];
            term.SetEmpty().Append(token.Text);
            offset.SetOffset(CorrectOffset(token.Start), CorrectOffset(token.End));
            increment.PositionIncrement = token.Increment;
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            // Numbers are short: reading the whole value is simpler than streaming it.
            var text = m_input.ReadToEnd();
            length = text.Length;
            tokens = Tokens(text);
            next = 0;
        }

        public override void End()
        {
            base.End();
            var final = CorrectOffset(length);
            offset.SetOffset(final, final);
        }
    }
}
