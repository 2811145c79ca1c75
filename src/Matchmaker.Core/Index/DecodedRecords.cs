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
/// With a record, the term frequencies of its text field (what BM25 scores) are kept once asked for.
/// At most <c>capacity</c> records are kept; past that, bodies are decoded per request as before.
/// A merged-away segment's records go with it.
/// </summary>
public sealed class DecodedRecords<T>
    where T : class
{
    private static readonly HashSet<string> BodyOnly = [IndexFields.Body];

    private readonly ConditionalWeakTable<object, Segment> _segments = [];
    private readonly Func<Document, T> _decode;
    private readonly Func<T, string[]> _textOf;
    private readonly long _capacity;
    private long _kept;

    /// <param name="decode">Turns a document holding only the stored body into the record.</param>
    /// <param name="textOf">The texts the record puts in the text field, as indexed.</param>
    /// <param name="capacity">How many decoded records may be kept (0: none).</param>
    public DecodedRecords(Func<Document, T> decode, Func<T, string[]> textOf, long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _decode = decode;
        _textOf = textOf;
        _capacity = capacity;
    }

    /// <summary>How many decoded records are kept now.</summary>
    public long Kept => Interlocked.Read(ref _kept);

    /// <summary>The record of a searcher's (top-level) document.</summary>
    public T Read(IndexSearcher searcher, int doc) => Entry(searcher, doc).Record;

    /// <summary>The record of a searcher's document and how often each term occurs in its text field.</summary>
    public (T Record, TermFrequencies Terms) ReadWithTerms(IndexSearcher searcher, int doc)
    {
        var entry = Entry(searcher, doc);
        return (entry.Record, entry.Terms);
    }

    private Decoded Entry(IndexSearcher searcher, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var reader = leaf.AtomicReader;
        var local = doc - leaf.DocBase;
        if (_capacity == 0)
        {
            return new Decoded(this, _decode(reader.Document(local, BodyOnly)));
        }

        var segment = _segments.GetValue(reader.CoreCacheKey, _ => new Segment(this, reader.MaxDoc));
        if (Volatile.Read(ref segment.Records[local]) is { } kept)
        {
            return kept;
        }

        var entry = new Decoded(this, _decode(reader.Document(local, BodyOnly)));
        Keep(segment, local, entry);
        return entry;
    }

    /// <summary>
    /// Decodes ahead of any match the records of one segment's documents that <paramref name="docs"/>
    /// lists (live ones, not kept yet), with their term frequencies, while the capacity allows: the
    /// first lists after an import or a start then find their candidates decoded.
    /// </summary>
    /// <returns>How many records were added.</returns>
    public int Warm(AtomicReader reader, DocIdSetIterator docs, CancellationToken cancellation)
    {
        if (_capacity == 0)
        {
            return 0;
        }

        var segment = _segments.GetValue(reader.CoreCacheKey, _ => new Segment(this, reader.MaxDoc));
        var live = reader.LiveDocs;
        var added = 0;
        for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
        {
            if (cancellation.IsCancellationRequested || Kept >= _capacity)
            {
                break;
            }

            if ((live is not null && !live.Get(doc)) || Volatile.Read(ref segment.Records[doc]) is not null)
            {
                continue;
            }

            var entry = new Decoded(this, _decode(reader.Document(doc, BodyOnly)));
            _ = entry.Terms;
            if (Keep(segment, doc, entry))
            {
                added++;
            }
        }

        return added;
    }

    /// <returns>False when the capacity is reached or another thread kept the same record first.</returns>
    private bool Keep(Segment segment, int local, Decoded entry)
    {
        if (Interlocked.Increment(ref _kept) > _capacity
            || Interlocked.CompareExchange(ref segment.Records[local], entry, null) is not null)
        {
            Interlocked.Decrement(ref _kept);
            return false;
        }

        Interlocked.Increment(ref segment.Filled);
        return true;
    }

    /// <summary>A decoded record; its term frequencies are computed when first asked for (two threads may both compute them: the same values).</summary>
    private sealed class Decoded(DecodedRecords<T> owner, T record)
    {
        private TermFrequencies? _terms;

        public T Record => record;

        public TermFrequencies Terms => Volatile.Read(ref _terms) ?? (_terms = TermFrequencies.Of(owner._textOf(record)));
    }

    /// <summary>One segment's decoded records by segment-local document number; its count leaves the total when it is collected.</summary>
    private sealed class Segment(DecodedRecords<T> owner, int maxDoc)
    {
        public readonly Decoded?[] Records = new Decoded?[maxDoc];
        public long Filled;

        ~Segment() => Interlocked.Add(ref owner._kept, -Filled);
    }
}
