using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Id;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;

namespace Arsip.Search.Analysis;

/// <summary>
/// Free text in Indonesian: standard tokenization, lower case, ASCII folding, Indonesian stop
/// words, a small dictionary of roots the stemmer gets wrong (<see cref="IndonesianStemOverrides"/>)
/// and the Indonesian stemmer (me-/pe-/di-/ber-/-kan/-an/-nya).
/// </summary>
/// <remarks>
/// The indexing variant also keeps each unstemmed word at the same position, so typo tolerance
/// can compare what was typed with what was written (stems of a misspelt word are too short
/// and too different to compare), while exact searches and phrases use the stems.
/// </remarks>
public sealed class IndonesianTextAnalyzer : Analyzer
{
    private readonly bool keepOriginal;

    /// <param name="keepOriginal">
    /// True for indexing: emit the unstemmed word beside its stem. False for query terms.
    /// </param>
    public IndonesianTextAnalyzer(bool keepOriginal)
    {
        this.keepOriginal = keepOriginal;
    }

    /// <inheritdoc />
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(LuceneInfo.Version, reader);
        TokenStream stream = new LowerCaseFilter(LuceneInfo.Version, tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(LuceneInfo.Version, stream, IndonesianAnalyzer.DefaultStopSet);
        if (keepOriginal) stream = new KeywordRepeatFilter(stream);
        stream = new StemmerOverrideFilter(stream, IndonesianStemOverrides.Map);
        stream = new IndonesianStemFilter(stream);
        if (keepOriginal) stream = new RemoveDuplicatesTokenFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>Multi-valued text fields must not let phrases match across two values.</summary>
    public override int GetPositionIncrementGap(string fieldName) => 100;
}
