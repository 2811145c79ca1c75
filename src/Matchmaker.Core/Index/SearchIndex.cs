using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Matchmaker.Profiles;
using Matchmaker.Store;
using Microsoft.Extensions.Logging;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Matchmaker.Index;

/// <summary>
/// The Lucene index derived from the record store. One IndexWriter and one SearcherManager.
/// NIOFSDirectory, not MMapDirectory: with 4.8.0-beta00017 the mmap directory crashes under
/// concurrent SearcherManager use and is slower in parallel (lucenenet #1013, #1151). Wrapped in
/// an NRTCachingDirectory: every write's near-real-time reopen flushes a small segment, which stays
/// in memory (as do merges of such segments) until a commit writes it to disk, instead of a few
/// files created, written and closed per reopen (see <see cref="NrtCacheMegabytes"/>).
/// Every commit records the last applied change-log sequence number in its user data, so a
/// restart replays only what the last commit lacks. Follows exporters and inquiries on the change log.
/// </summary>
public sealed partial class SearchIndex : IChangeFollower<Exporter>, IChangeFollower<Inquiry>, IDisposable
{
    private const string SequenceKey = "matchmaker.seq";

    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly ILogger _logger;
    private readonly Timer _committer;
    private readonly long _importCommitMilliseconds;
    private long _lastCommit = Environment.TickCount64;
    private readonly System.Threading.Lock _commitLock = new();
    private readonly System.Threading.Lock _warmLock = new();
    private readonly CancellationTokenSource _closing = new();
    private Task _warming = Task.CompletedTask;
    private CancellationTokenSource? _warmPass;
    private bool _warmAgain;
    private int _importsUnderWay;
    private long _appliedSequence;
    private long _visibleSequence;
    private long _committedSequence;
    private bool _disposed;

    /// <param name="path">The index folder.</param>
    /// <param name="create">Start empty, discarding what the folder holds (reindex).</param>
    /// <param name="commitInterval">How often applied changes are committed; what is not yet committed is replayed after a crash.</param>
    /// <param name="decodedRecords">How many decoded exporters and inquiries (each) matching may keep (see <see cref="DecodedRecords{T}"/>).</param>
    /// <param name="importCommitInterval">How often while an import is under way (<see cref="ImportUnderWay"/>): at least <paramref name="commitInterval"/>.</param>
    public SearchIndex(string path, ILogger? logger = null, bool create = false, TimeSpan? commitInterval = null,
        long decodedRecords = IndexOptions.DefaultDecodedRecords, TimeSpan? importCommitInterval = null)
    {
        Exporters = new DecodedRecords<Exporter>(DocumentFactory.ReadExporter, DocumentFactory.TextOf, decodedRecords);
        Inquiries = new DecodedRecords<Inquiry>(DocumentFactory.ReadInquiry, DocumentFactory.TextOf, decodedRecords);
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        System.IO.Directory.CreateDirectory(path);
        _directory = new NRTCachingDirectory(new BufferedNIOFSDirectory(new DirectoryInfo(path)), NrtCacheMergeMegabytes, NrtCacheMegabytes);
        var config = new IndexWriterConfig(MultilingualAnalyzer.Version, Analyzer)
        {
            OpenMode = create ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            Similarity = Similarity,
            // A 100,000-profile import flushes a few large segments rather than many small ones.
            RAMBufferSizeMB = 64,
        };
        try
        {
            _writer = new IndexWriter(_directory, config);
        }
        catch (LockObtainFailedException e)
        {
            _directory.Dispose();
            throw new IOException($"the index at {path} is in use by another process (is the server running?)", e);
        }

        // CREATE keeps the old commit's user data until the first new commit: start from nothing.
        _committedSequence = create ? 0 : ReadCommittedSequence(_writer);
        _appliedSequence = _committedSequence;
        _visibleSequence = _committedSequence;
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory());
        var interval = commitInterval ?? TimeSpan.FromSeconds(1);
        _importCommitMilliseconds = (long)Math.Max(interval.TotalMilliseconds,
            (importCommitInterval ?? TimeSpan.FromSeconds(IndexOptions.DefaultImportCommitSeconds)).TotalMilliseconds);
        _committer = new Timer(_ => CommitIfBehind(), null, interval, interval);
    }

    /// <summary>
    /// The most the directory keeps in memory of segments not yet committed (beyond it, new segments go to disk at once).
    /// With the portal upserting every 20 ms beside a 100,000-exporter import (`--suite import`, 2 cores), together with
    /// the import's longer commit interval: upserts p50 8.4–10 ms → 5–6 ms, p99 55–90 ms → 21–25 ms (runs of the same hour).
    /// </summary>
    internal const double NrtCacheMegabytes = 48;

    /// <summary>Merges expected to produce at most this much stay in memory too (larger ones are written to disk).</summary>
    internal const double NrtCacheMergeMegabytes = 4;

    /// <summary>BM25 for text relevance, shared by indexing (norms) and searching.</summary>
    internal static Similarity Similarity { get; } = new BM25Similarity();

    public static MultilingualAnalyzer Analyzer { get; } = new();

    /// <summary>Exporters as retrieved by matching, decoded once per index segment.</summary>
    public DecodedRecords<Exporter> Exporters { get; }

    /// <summary>Inquiries as retrieved by matching, decoded once per index segment.</summary>
    public DecodedRecords<Inquiry> Inquiries { get; }

    /// <summary>The sequence number of the newest change applied (visible after <see cref="Refresh"/>).</summary>
    public long AppliedSequence => Volatile.Read(ref _appliedSequence);

    /// <summary>The sequence number recorded by the newest durable commit.</summary>
    public long CommittedSequence => Volatile.Read(ref _committedSequence);

    /// <summary>Changes after the last applied one (at start-up: the last durable commit) are replayed.</summary>
    long IChangeFollower.ReplayAfter => AppliedSequence;

    /// <summary>Applies one exporter change. Changes are applied in sequence order, then made visible by <see cref="Refresh"/>.</summary>
    public void Follow(Change<Exporter> change) => Apply(change.Sequence, UidOf(change), DocumentOf(change));

    /// <summary>Applies one inquiry change.</summary>
    public void Follow(Change<Inquiry> change) => Apply(change.Sequence, UidOf(change), DocumentOf(change));

    /// <summary>
    /// Writes of other kinds move the index's position too: everything it follows up to there is
    /// applied, so its sequence numbers compare with the store's (a list computed now reflects the
    /// change log up to the position it reports, and a restart after such writes replays nothing).
    /// </summary>
    void IChangeFollower.Reached(long sequence) => MoveAppliedTo(sequence);

    /// <summary>Everything up to this sequence number is in the writer (changes are applied under the feed's lock, in order).</summary>
    private void MoveAppliedTo(long sequence)
    {
        if (sequence > _appliedSequence)
        {
            Volatile.Write(ref _appliedSequence, sequence);
        }
    }

    /// <summary>A write's changes become visible before the write returns.</summary>
    void IChangeFollower.Publish() => Refresh();

    /// <summary>After a start-up replay: what was replayed is committed at once and made visible.</summary>
    void IChangeFollower.CaughtUp(long replayed)
    {
        if (replayed > 0)
        {
            LogCaughtUp(_logger, replayed, AppliedSequence);
            Commit();
        }

        Refresh();
        _ = WarmDecodedRecords();
    }

    /// <summary>
    /// An import's batch is indexed on every core: Lucene's writer takes documents from several
    /// threads at once (each thread fills its own segment). Only a record's last change in the batch
    /// is applied (it would replace the earlier ones at once), so no two threads write the same
    /// record. Batches smaller than <see cref="ParallelBatch"/> (those beside single writes) go change
    /// by change. Measured on 2 cores: a 100,000-exporter import 6,200–8,400 → 9,800–10,600 profiles/s.
    /// </summary>
    bool IChangeFollower.FollowBatch(IReadOnlyList<Change> changes)
    {
        if (changes.Count < ParallelBatch || Environment.ProcessorCount < 2
            || !changes.All(c => c is Change<Exporter> or Change<Inquiry>))
        {
            return false;
        }

        var last = new Dictionary<string, Change>(changes.Count, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            last[UidOf(change)] = change;
        }

        // The applied sequence moves once every document is in the writer: a commit meanwhile records the one before the
        // batch (a replay after a crash then applies the batch again, replacing what that commit held of it).
        Parallel.ForEach(last, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, pair => Write(pair.Key, DocumentOf(pair.Value)));

        MoveAppliedTo(changes.Max(c => c.Sequence));

        return true;
    }

    /// <summary>The smallest bulk batch indexed on several threads.</summary>
    private const int ParallelBatch = 64;

    /// <summary>The index's key of the record a change wrote (exporters and inquiries share the index).</summary>
    private static string UidOf(Change change) => change switch
    {
        Change<Exporter> => IndexFields.ExporterUid(change.Id),
        Change<Inquiry> => IndexFields.InquiryUid(change.Id),
        _ => throw new InvalidOperationException($"the index does not follow {change.Kind}"),
    };

    /// <summary>The document a change leaves in the index (null: none, the record was deleted); built on this thread's reused fields.</summary>
    private static Lucene.Net.Documents.Document? DocumentOf(Change change) => change switch
    {
        { Deleted: true } => null,
        Change<Exporter> e => DocumentFactory.ForExporter(e.Record, e.Body),
        Change<Inquiry> q => DocumentFactory.ForInquiry(q.Record, q.Body),
        _ => throw new InvalidOperationException($"the index does not follow {change.Kind}"),
    };

    private void Apply(long sequence, string uid, Lucene.Net.Documents.Document? document)
    {
        Write(uid, document);
        MoveAppliedTo(sequence);
    }

    /// <summary>Puts a record's document in the writer (null: removes it).</summary>
    private void Write(string uid, Lucene.Net.Documents.Document? document)
    {
        var term = new Term(IndexFields.Uid, uid);
        if (document is null)
        {
            _writer.DeleteDocuments(term);
        }
        else
        {
            _writer.UpdateDocument(term, document);
        }
    }

    /// <summary>Makes every applied change visible to the next search (near-real-time reopen).</summary>
    public void Refresh()
    {
        // Read first: a searcher opened by this refresh holds at least everything applied by now.
        var applied = AppliedSequence;
        _searchers.MaybeRefreshBlocking();
        long visible;
        while ((visible = Volatile.Read(ref _visibleSequence)) < applied
            && Interlocked.CompareExchange(ref _visibleSequence, applied, visible) != visible)
        {
        }
    }

    /// <summary>
    /// Every change up to this sequence number is visible to searchers acquired after reading it
    /// (a match list computed then reflects the change log at least up to here).
    /// </summary>
    public long VisibleSequence => Volatile.Read(ref _visibleSequence);

    /// <summary>Replays from the store what this index has not applied yet; returns how many changes that was.</summary>
    public long CatchUp(IRecordStore store, Action<long>? progress = null) => ChangeFeed.Replay(store, [this], progress)[0];

    /// <summary>Runs a search on a current searcher, released when done.</summary>
    public T Search<T>(Func<IndexSearcher, T> search)
    {
        var searcher = _searchers.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Holds the current searcher until disposed: a point-in-time view that later writes do not
    /// change, so a long read (enumerating every term) can run without holding up writers.
    /// </summary>
    public SearcherLease Lease() => new(_searchers);

    /// <summary>A searcher acquired from the manager, released on dispose.</summary>
    public sealed class SearcherLease(SearcherManager manager) : IDisposable
    {
        private IndexSearcher? _searcher = manager.Acquire();

        public IndexSearcher Searcher => _searcher ?? throw new ObjectDisposedException(nameof(SearcherLease));

        public void Dispose()
        {
            if (_searcher is { } searcher)
            {
                _searcher = null;
                manager.Release(searcher);
            }
        }
    }

    /// <summary>
    /// Runs a search whose text scores use frozen collection statistics (see <see cref="TextStatistics"/>);
    /// documents, filters and term matches are current.
    /// </summary>
    public T Search<T>(TextStatistics statistics, Func<IndexSearcher, T> search) =>
        Search(searcher => search(new EpochSearcher(searcher.IndexReader, statistics) { Similarity = Similarity }));

    /// <summary>
    /// Decodes the exporters and inquiries of the current index in the background, up to the decoded
    /// records' capacity, so that the first lists after an import or a start do not decode their
    /// candidates themselves. Merges that follow an import bring new segments whose records start
    /// undecoded, so the warm-up looks again every 2 s until a pass finds nothing to add; while an
    /// import is under way (<see cref="ImportUnderWay"/>) it only waits, and an import that starts stops
    /// the pass under way. One runs at a time; a call
    /// while one runs makes it look again.
    /// </summary>
    /// <returns>The warm-up under way (tests wait for it).</returns>
    public Task WarmDecodedRecords()
    {
        lock (_warmLock)
        {
            _warmAgain = true;
            if (_warming.IsCompleted)
            {
                _warming = Task.Run(WarmUntilNothingToAdd);
            }

            return _warming;
        }
    }

    private async Task WarmUntilNothingToAdd()
    {
        var cancellation = _closing.Token;
        while (!cancellation.IsCancellationRequested)
        {
            // While an import is under way its segments are merged away again and again, and decoding them would
            // only take the cores its batches and the portal's writes need: the warm-up just looks again later. An
            // import that starts during a pass stops it (ImportUnderWay cancels the pass; set before the import count
            // is read, so an import either sees this pass or is seen by it).
            using var pass = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            Interlocked.Exchange(ref _warmPass, pass);
            var importing = Volatile.Read(ref _importsUnderWay) > 0;
            var added = 0;
            try
            {
                if (!importing)
                {
                    lock (_warmLock)
                    {
                        _warmAgain = false;
                    }

                    using var lease = Lease();
                    foreach (var leaf in lease.Searcher.IndexReader.Leaves)
                    {
                        added += Warm(leaf.AtomicReader, IndexFields.ExporterType, Exporters, pass.Token);
                        added += Warm(leaf.AtomicReader, IndexFields.InquiryType, Inquiries, pass.Token);
                    }
                }
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            finally
            {
                Interlocked.CompareExchange(ref _warmPass, null, pass);
            }

            importing |= pass.IsCancellationRequested;

            bool again;
            lock (_warmLock)
            {
                again = _warmAgain;
            }

            if (!importing && added == 0 && !again)
            {
                return;
            }

            try
            {
                await Task.Delay(WarmInterval, cancellation);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Marks a bulk import as under way until disposed: the decoded-records warm-up leaves the index
    /// alone meanwhile (an import into an index that already held records had it decode each new
    /// segment every 2 s while the import's merges replaced them: peak memory 815–848 MB instead of
    /// about 290 for 100,000 exporters, and the portal's upserts beside the import waited for the cores).
    /// A pass under way when the import starts stops there (the CLI importing 100,000 exporters 3 s
    /// after another import of as many: 8,229–8,363 profiles/s, the server using 40% more CPU, beside
    /// the previous import's pass; 10,771–10,782/s with the pass stopped).
    /// </summary>
    public IDisposable ImportUnderWay()
    {
        Interlocked.Increment(ref _importsUnderWay);
        try
        {
            Volatile.Read(ref _warmPass)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That pass had just ended.
        }

        return new ImportMark(this);
    }

    /// <summary>How often the warm-up looks again for undecoded records.</summary>
    private static readonly TimeSpan WarmInterval = TimeSpan.FromSeconds(2);

    private sealed class ImportMark(SearchIndex index) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                Interlocked.Decrement(ref index._importsUnderWay);
            }
        }
    }

    private static int Warm<T>(AtomicReader reader, string type, DecodedRecords<T> records, CancellationToken cancellation)
        where T : class =>
        reader.GetTermDocsEnum(new Term(IndexFields.Type, type)) is { } docs ? records.Warm(reader, docs, cancellation) : 0;

    /// <summary>Makes everything applied so far durable, recording its sequence number.</summary>
    public void Commit()
    {
        lock (_commitLock)
        {
            if (_disposed)
            {
                return;
            }

            // Read before committing: everything up to this number is already in the writer.
            var sequence = AppliedSequence;
            _writer.SetCommitData(new Dictionary<string, string>
            {
                [SequenceKey] = sequence.ToString(CultureInfo.InvariantCulture),
            });
            _writer.Commit();
            Volatile.Write(ref _committedSequence, sequence);
            Volatile.Write(ref _lastCommit, Environment.TickCount64);
        }
    }

    public void Dispose()
    {
        _closing.Cancel();
        try
        {
            _warming.Wait();
        }
        catch (AggregateException)
        {
            // A warm-up that failed only leaves records to be decoded on demand.
        }

        _committer.Dispose();
        lock (_commitLock)
        {
            if (_disposed)
            {
                return;
            }
        }

        Commit();
        lock (_commitLock)
        {
            _disposed = true;
            _searchers.Dispose();
            _writer.Dispose();
            _directory.Dispose();
        }
    }

    private void CommitIfBehind()
    {
        // While an import is under way a commit writes and syncs its new segments, and holds up every write's reopen
        // and the store's own syncs meanwhile: the import commits less often (a crash replays more of it from the store).
        if (AppliedSequence == CommittedSequence
            || (Volatile.Read(ref _importsUnderWay) > 0 && Environment.TickCount64 - Volatile.Read(ref _lastCommit) < _importCommitMilliseconds))
        {
            return;
        }

        try
        {
            Commit();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The next tick retries; a crash before then costs only a replay from the store.
            LogCommitFailed(_logger, e);
        }
    }

    private static long ReadCommittedSequence(IndexWriter writer) =>
        writer.CommitData is { } data && data.TryGetValue(SequenceKey, out var value)
            ? long.Parse(value, CultureInfo.InvariantCulture)
            : 0;

    [LoggerMessage(Level = LogLevel.Information, Message = "Index caught up with the store: {Count} changes replayed, now at sequence {Sequence}")]
    private static partial void LogCaughtUp(ILogger logger, long count, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Index commit failed; retrying on the next tick")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception);

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
    }
}
