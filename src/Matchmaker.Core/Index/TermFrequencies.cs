namespace Matchmaker.Index;

/// <summary>
/// How often each term occurs in a record's text field: what the index's postings say for that
/// document (the same analyzer over the same texts), so BM25 can score a known candidate without
/// walking postings to it.
/// </summary>
public sealed class TermFrequencies
{
    private readonly string[] _terms;
    private readonly int[] _counts;

    private TermFrequencies(string[] terms, int[] counts)
    {
        _terms = terms;
        _counts = counts;
    }

    /// <summary>Occurrences of <paramref name="term"/> (0 when absent).</summary>
    public int Of(string term)
    {
        var i = Array.BinarySearch(_terms, term, StringComparer.Ordinal);
        return i >= 0 ? _counts[i] : 0;
    }

    /// <summary>Analyses the texts as indexing does (each one a value of the text field).</summary>
    public static TermFrequencies Of(IEnumerable<string> texts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (text.Length == 0)
            {
                continue;
            }

            foreach (var term in SearchIndex.Analyzer.Tokens(IndexFields.Text, text))
            {
                counts[term] = counts.GetValueOrDefault(term) + 1;
            }
        }

        var terms = counts.Keys.ToArray();
        Array.Sort(terms, StringComparer.Ordinal);
        return new TermFrequencies(terms, [.. terms.Select(t => counts[t])]);
    }
}
