using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Arsip.Search.Analysis;

/// <summary>Each /-separated part is one position, with its dotted prefixes and hyphen sides at the same position, so fragments like 123/Setda, 800.1/123 or B-99 match as exact phrases without wildcards.</summary>
public sealed class NumberAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new NumberTokenizer(reader));

    /// <summary>The several numbers of one letter must not form a phrase together.</summary>
    public override int GetPositionIncrementGap(string fieldName) => 100;

    public static IReadOnlyList<string> QueryParts(string fragment) =>
        Split(fragment).Select(part => part.Text).ToList();

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
