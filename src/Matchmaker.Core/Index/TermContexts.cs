using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace Matchmaker.Index;

/// <summary>
/// Where a term's postings start in each segment, looked up once per segment instead of once per
/// query: a segment never changes, so the term dictionary's answer for it never does either. A query
/// of 20 words over a dozen segments made 240 dictionary seeks before scoring a document.
/// </summary>
internal static class TermContexts
{
    /// <summary>Distinct terms remembered per segment; past that (unusual vocabularies) terms are looked up per query.</summary>
    private const int MaxTermsPerSegment = 200_000;

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<Term, Entry>> Segments = [];

    /// <summary>The term's states in every segment of <paramref name="top"/>, as <see cref="TermContext.Build"/> gives them.</summary>
    public static TermContext For(IndexReaderContext top, Term term)
    {
        var context = new TermContext(top);
        foreach (var leaf in top.Leaves)
        {
            var reader = leaf.AtomicReader;
            var terms = Segments.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<Term, Entry>());
            if (!terms.TryGetValue(term, out var entry))
            {
                entry = Look(reader, term);
                if (terms.Count < MaxTermsPerSegment)
                {
                    terms.TryAdd(term, entry);
                }
            }

            if (entry.State is not null)
            {
                context.Register(entry.State, leaf.Ord, entry.DocFreq, entry.TotalTermFreq);
            }
        }

        return context;
    }

    /// <summary>The segment's term dictionary positioned on the term; null when the segment does not have it.</summary>
    internal static TermsEnum? Seek(AtomicReader reader, Term term) =>
        reader.Fields?.GetTerms(term.Field)?.GetEnumerator() is { } enumerator && enumerator.SeekExact(term.Bytes) ? enumerator : null;

    private static Entry Look(AtomicReader reader, Term term) =>
        Seek(reader, term) is { } enumerator
            ? new Entry(enumerator.GetTermState(), enumerator.DocFreq, enumerator.TotalTermFreq)
            : default;

    /// <summary>A term's state in one segment (shared read-only: a terms enumerator copies it when it seeks to it); null when absent.</summary>
    private readonly record struct Entry(TermState? State, int DocFreq, long TotalTermFreq);
}
