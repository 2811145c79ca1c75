using System.Runtime.CompilerServices;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Matchmaker.Index;

/// <summary>
/// Records decoded from the index's stored bodies, kept per segment: a segment never changes once
/// written (an update adds the new version to a newer segment and marks the old one deleted, which
/// searches skip), so a body decoded once serves every later match that retrieves it. Reading and
/// decoding 200 stored bodies (a compressed block each, then JSON) was about a third of a match.
/// At most <c>capacity</c> records are kept; past that, bodies are decoded per request as before.
/// A merged-away segment's records go with it.
/// </summary>
public sealed class DecodedRecords<T>
    where T : class
{
    private static readonly HashSet<string> BodyOnly = [IndexFields.Body];

    private readonly ConditionalWeakTable<object, Segment> _segments = [];
    private readonly Func<Document, T> _decode;
    private readonly long _capacity;
    private long _kept;

    /// <param name="decode">Turns a document holding only the stored body into the record.</param>
    /// <param name="capacity">How many decoded records may be kept (0: none).</param>
    public DecodedRecords(Func<Document, T> decode, long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _decode = decode;
        _capacity = capacity;
    }

    /// <summary>How many decoded records are kept now.</summary>
    public long Kept => Interlocked.Read(ref _kept);

    /// <summary>The record of a searcher's (top-level) document.</summary>
    public T Read(IndexSearcher searcher, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var reader = leaf.AtomicReader;
        var local = doc - leaf.DocBase;
        if (_capacity == 0)
        {
            return _decode(reader.Document(local, BodyOnly));
        }

        var segment = _segments.GetValue(reader.CoreCacheKey, _ => new Segment(this, reader.MaxDoc));
        if (Volatile.Read(ref segment.Records[local]) is { } kept)
        {
            return kept;
        }

        var record = _decode(reader.Document(local, BodyOnly));
        if (Interlocked.Increment(ref _kept) > _capacity
            || Interlocked.CompareExchange(ref segment.Records[local], record, null) is not null)
        {
            Interlocked.Decrement(ref _kept);
        }
        else
        {
            Interlocked.Increment(ref segment.Filled);
        }

        return record;
    }

    /// <summary>One segment's decoded records by segment-local document number; its count leaves the total when it is collected.</summary>
    private sealed class Segment(DecodedRecords<T> owner, int maxDoc)
    {
        public readonly T?[] Records = new T?[maxDoc];
        public long Filled;

        ~Segment() => Interlocked.Add(ref owner._kept, -Filled);
    }
}
