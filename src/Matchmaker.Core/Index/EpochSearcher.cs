using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Matchmaker.Index;

/// <summary>A searcher over the current documents that scores the text field with frozen statistics.</summary>
internal sealed class EpochSearcher(IndexReader reader, TextStatistics statistics) : IndexSearcher(reader)
{
    public override TermStatistics TermStatistics(Term term, TermContext context) =>
        term.Field == IndexFields.Text ? statistics.TermStatistics(term.Bytes) : base.TermStatistics(term, context);

    public override CollectionStatistics CollectionStatistics(string field) =>
        field == IndexFields.Text ? statistics.CollectionStatistics() : base.CollectionStatistics(field);
}
