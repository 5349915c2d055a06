using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Id;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;

namespace Arsip.Search.Analysis;

/// <summary>Indonesian free text; the indexing variant also keeps each unstemmed word at the same position, so typo tolerance compares what was typed with what was written (stems of a misspelt word are too short to compare).</summary>
public sealed class IndonesianTextAnalyzer : Analyzer
{
    private readonly bool keepOriginal;

    public IndonesianTextAnalyzer(bool keepOriginal)
    {
        this.keepOriginal = keepOriginal;
    }

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
