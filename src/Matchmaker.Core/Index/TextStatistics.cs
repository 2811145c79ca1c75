using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Matchmaker.Index;

/// <summary>
/// The BM25 collection statistics of the text field frozen at one moment: document frequencies
/// of every term and the field's totals. Text scores computed with them depend only on this
/// snapshot and on the document's own text, so writing one profile moves no other profile's text
/// score until the next snapshot. That is what lets a cached match list be invalidated by the
/// profiles that touch it instead of by every write (README "Match-list cache").
/// </summary>
public sealed class TextStatistics
{
    private readonly Dictionary<string, (long DocFreq, long TotalTermFreq)> _terms;

    private TextStatistics(Dictionary<string, (long, long)> terms, long maxDoc, long docCount, long sumTotalTermFreq, long sumDocFreq, int numDocs)
    {
        _terms = terms;
        MaxDoc = maxDoc;
        DocCount = docCount;
        SumTotalTermFreq = sumTotalTermFreq;
        SumDocFreq = sumDocFreq;
        NumDocs = numDocs;
    }

    public long MaxDoc { get; }

    public long DocCount { get; }

    public long SumTotalTermFreq { get; }

    public long SumDocFreq { get; }

    /// <summary>Live documents, the base of the common-term cut in retrieval.</summary>
    public int NumDocs { get; }

    public int TermCount => _terms.Count;

    public static TextStatistics Empty { get; } = new([], 0, 0, 0, 0, 0);

    public static TextStatistics Capture(IndexReader reader)
    {
        var terms = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        var fieldTerms = MultiFields.GetTerms(reader, IndexFields.Text);
        if (fieldTerms is null)
        {
            return new TextStatistics(terms, reader.MaxDoc, 0, 0, 0, reader.NumDocs);
        }

        var iterator = fieldTerms.GetEnumerator();
        while (iterator.MoveNext())
        {
            terms[iterator.Term.Utf8ToString()] = (iterator.DocFreq, iterator.TotalTermFreq);
        }

        return new TextStatistics(terms, reader.MaxDoc, fieldTerms.DocCount, fieldTerms.SumTotalTermFreq, fieldTerms.SumDocFreq, reader.NumDocs);
    }

    public long DocFreq(string term) => _terms.TryGetValue(term, out var s) ? s.DocFreq : 0;

    internal TermStatistics TermStatistics(BytesRef term)
    {
        var (docFreq, total) = _terms.GetValueOrDefault(term.Utf8ToString());
        // A term new since the snapshot counts as seen once, which BM25 treats as very rare.
        return new TermStatistics(term, Math.Max(1, docFreq), Math.Max(Math.Max(1, docFreq), total));
    }

    internal CollectionStatistics CollectionStatistics() =>
        new(IndexFields.Text, Math.Max(1, MaxDoc), Math.Min(DocCount, Math.Max(1, MaxDoc)), SumTotalTermFreq, SumDocFreq);
}
