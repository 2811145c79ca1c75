using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Matchmaker.Matching;

/// <summary>
/// A filter whose set per segment is a bit set: <see cref="CachingWrapperFilter"/> keeps it as it is (it would
/// compress another set, which has no random access), and retrieval looks a document up in it instead of
/// advancing an iterator to every candidate (a seventh of a million-profile match).
/// </summary>
internal sealed class BitSetFilter(Filter inner) : Filter
{
    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
    {
        var bits = new FixedBitSet(context.AtomicReader.MaxDoc);
        if (inner.GetDocIdSet(context, null)?.GetIterator() is { } iterator)
        {
            bits.Or(iterator);
        }

        return BitsFilteredDocIdSet.Wrap(bits, acceptDocs);
    }

    public override string ToString() => $"BitSetFilter({inner})";
}
