using Lucene.Net.Store;

namespace Matchmaker.Index;

/// <summary>
/// NIOFSDirectory (MMapDirectory is unsafe under concurrent search in this Lucene.Net) with a
/// larger read buffer. Lucene's default of 1 KB turns reading one stored document (from a chunk of
/// up to 16 KB) or a run of postings into many positioned file reads: a profile of MatchInquiry on
/// 100,000 profiles spent about a third of its time in them, and 15% with 16 KB buffers.
/// </summary>
internal sealed class BufferedNIOFSDirectory(DirectoryInfo path) : NIOFSDirectory(path)
{
    /// <summary>
    /// Measured with the e2e benchmark (MatchInquiry top 10 p50, 100,000 exporters): 1 KB 11.4 ms,
    /// 2 KB 10.4, 4 KB 9.1–9.2, 8 KB 10.0, 16 KB 9.9, 32 KB 11.7: every clone of an input (one per
    /// term lookup) fills its own buffer, so past 4–8 KB the copying outweighs the saved reads.
    /// </summary>
    public const int ReadBufferSize = 4 * 1024;

    public override IndexInput OpenInput(string name, IOContext context) => Enlarge(base.OpenInput(name, context));

    // Compound-file segments are read through slices of one file.
    public override IndexInputSlicer CreateSlicer(string name, IOContext context) => new Slicer(base.CreateSlicer(name, context));

    private static IndexInput Enlarge(IndexInput input)
    {
        if (input is BufferedIndexInput buffered && buffered.BufferSize < ReadBufferSize)
        {
            buffered.SetBufferSize(ReadBufferSize);
        }

        return input;
    }

    private sealed class Slicer(IndexInputSlicer inner) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            Enlarge(inner.OpenSlice(sliceDescription, offset, length));

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => Enlarge(inner.OpenFullSlice());

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
        }
    }
}
