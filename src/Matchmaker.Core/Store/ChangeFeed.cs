namespace Matchmaker.Store;

/// <summary>
/// The one way records are written: each write runs under one lock, and its changes are handed to
/// every follower of their kind (and to <see cref="Versions"/>) in change-log order before the lock
/// is released, so followers see the log in sequence. For each change, followers that
/// <see cref="IChangeFollower.SeesChangesFirst"/> come first, the others in registration order.
/// Then followers publish (the index makes the write visible) and the write returns. A crash
/// between the store's commit and a follower is repaired at start-up by
/// <see cref="Replay(Action{long})"/>: the store is the system of record. A follower that fails
/// while the service runs (the index's disk, say) does not fail the write, which is stored: it is
/// set aside (<see cref="Lagging"/>, health says NOT_SERVING), gets no further changes, and
/// <see cref="Repair"/> (run every second by <see cref="ChangeFeedRepair"/>) replays what it lacks
/// from the change log until it has caught up, without a restart.
/// Bulk writes (an import's batches, <see cref="WriteMany{T}(Func{IRecordTable{T}, IReadOnlyList{Change{T}}}, bool)"/>)
/// may leave publishing for later: making a few hundred documents visible costs the index a new
/// segment, and segments that small cost it merges many times over. A bulk batch publishes when a
/// second has passed since the last publish, or 10 ms when a single write came in the last
/// <see cref="SingleWritesWindow"/> (so that a single write's own publish has little of an import to
/// flush), and never while a single write is under way (its publish covers the batch);
/// <see cref="Publish"/> publishes what is left (an import calls it before it returns). Single writes
/// go first: a bulk batch waits (up to <see cref="BulkYieldLimit"/>) while one is under way.
/// </summary>
public sealed class ChangeFeed
{
    /// <summary>How long after a single write bulk batches keep publishing one by one.</summary>
    public static readonly TimeSpan SingleWritesWindow = TimeSpan.FromSeconds(5);

    /// <summary>How long a bulk batch waits at most for single writes under way before it goes ahead.</summary>
    public static readonly TimeSpan BulkYieldLimit = TimeSpan.FromMilliseconds(200);

    private const long BulkPublishMilliseconds = 1_000;
    private const long BulkPublishBesideSingleWritesMilliseconds = 10;
    private readonly Lock _applyLock = new();
    private readonly IChangeFollower[] _followers;
    private readonly Dictionary<IChangeFollower, string> _failed = [];
    private volatile string[] _lagging = [];
    private readonly bool[] _unpublished;
    private long _lastPublish = Environment.TickCount64;
    private long _lastSingleWrite = long.MinValue / 2;
    private int _singleWritesActive;

    public ChangeFeed(IRecordStore store, IEnumerable<IChangeFollower> followers)
    {
        Store = store;
        _followers = [.. followers.Distinct().OrderBy(f => f.SeesChangesFirst ? 0 : 1)];
        Versions = new RecordVersions(store.Kinds);
        _unpublished = new bool[_followers.Length];
    }

    public IRecordStore Store { get; }

    /// <summary>Live versions of every record, following the writes.</summary>
    public RecordVersions Versions { get; }

    /// <summary>Followers that failed and are catching up, each with what went wrong (empty when all are current).</summary>
    public IReadOnlyList<string> Lagging => _lagging;

    /// <summary>
    /// Replays the change log into every follower that failed, from where each stood; a follower
    /// that catches up takes live changes again.
    /// </summary>
    /// <returns>How many followers are still behind.</returns>
    public int Repair()
    {
        List<IChangeFollower> repaired = [];
        lock (_applyLock)
        {
            foreach (var follower in _failed.Keys.ToList())
            {
                try
                {
                    Replay(Store, [follower]);
                    _failed.Remove(follower);
                    repaired.Add(follower);
                }
                catch (Exception e)
                {
                    _failed[follower] = Describe(follower, e);
                }
            }

            _lagging = [.. _failed.Values];
        }

        foreach (var follower in repaired)
        {
            follower.Publish();
        }

        return _lagging.Length;
    }

    /// <summary>Writes one record of kind <typeparamref name="T"/> and applies the change.</summary>
    public Change<T> Write<T>(Func<IRecordTable<T>, Change<T>> write)
        where T : class =>
        Apply<Change<T>>(() =>
        {
            var change = write(Store.Table<T>());
            return (change, [change]);
        });

    /// <summary>Writes many records of kind <typeparamref name="T"/> (one transaction) and applies the changes in order.</summary>
    public IReadOnlyList<Change<T>> WriteMany<T>(Func<IRecordTable<T>, IReadOnlyList<Change<T>>> write)
        where T : class =>
        WriteMany(write, bulk: false);

    /// <inheritdoc cref="WriteMany{T}(Func{IRecordTable{T}, IReadOnlyList{Change{T}}})"/>
    /// <param name="bulk">A batch of a bulk import: it may leave publishing to a later write or to <see cref="Publish"/> (see the class).</param>
    public IReadOnlyList<Change<T>> WriteMany<T>(Func<IRecordTable<T>, IReadOnlyList<Change<T>>> write, bool bulk)
        where T : class =>
        Apply<IReadOnlyList<Change<T>>>(() =>
        {
            var changes = write(Store.Table<T>());
            return (changes, changes);
        }, bulk ? Origin.Bulk : Origin.Single);

    /// <summary>True when a single write came in the last <see cref="SingleWritesWindow"/>: bulk writes then keep their batches small.</summary>
    public bool SingleWritesRecently => Environment.TickCount64 - Volatile.Read(ref _lastSingleWrite) <= (long)SingleWritesWindow.TotalMilliseconds;

    /// <summary>Publishes what bulk writes left unpublished (their changes become visible to searches).</summary>
    public void Publish() => Apply<bool>(() => (true, []), Origin.Publish);

    /// <summary>
    /// Runs <paramref name="read"/> while no write is being applied: what it reads of several
    /// followers (the index and the product space, say) agrees with one point of the change log.
    /// </summary>
    public T WhileHeld<T>(Func<T> read)
    {
        lock (_applyLock)
        {
            return read();
        }
    }

    /// <summary>
    /// Start-up: reads the change log once and hands each follower (and <see cref="Versions"/>, which
    /// starts from nothing) the changes after its <see cref="IChangeFollower.ReplayAfter"/>.
    /// </summary>
    /// <param name="progress">Changes read so far, every 10,000.</param>
    /// <returns>How many changes were read.</returns>
    public long Replay(Action<long>? progress = null)
    {
        lock (_applyLock)
        {
            return Replay(Store, [.. _followers], progress, Versions, new long[_followers.Length]);
        }
    }

    /// <summary>Replays the store's change log into <paramref name="followers"/> (what <c>reindex</c> does for the index alone).</summary>
    /// <returns>How many changes each follower was given.</returns>
    public static IReadOnlyList<long> Replay(IRecordStore store, IReadOnlyList<IChangeFollower> followers, Action<long>? progress = null)
    {
        var counts = new long[followers.Count];
        Replay(store, followers, progress, versions: null, counts);
        return counts;
    }

    private static long Replay(IRecordStore store, IReadOnlyList<IChangeFollower> followers, Action<long>? progress, RecordVersions? versions,
        long[] counts)
    {
        // Read once: a follower's own position moves while it is fed.
        var from = followers.Select(f => f.ReplayAfter).ToArray();
        var after = from.Append(versions is null ? long.MaxValue : 0).Min();
        var reached = store.LastSequence;
        long read = 0;
        if (after < reached)
        {
            foreach (var change in store.ReadChangesSince(after))
            {
                reached = Math.Max(reached, change.Sequence);
                versions?.Follow(change);
                for (var i = 0; i < followers.Count; i++)
                {
                    if (change.Sequence > from[i] && change.SendTo(followers[i]))
                    {
                        counts[i]++;
                    }
                }

                if (++read % 10_000 == 0)
                {
                    progress?.Invoke(read);
                }
            }
        }

        for (var i = 0; i < followers.Count; i++)
        {
            followers[i].Reached(reached);
            followers[i].CaughtUp(counts[i]);
        }

        return read;
    }

    private TResult Apply<TResult>(Func<(TResult Result, IReadOnlyList<Change> Changes)> write, Origin origin = Origin.Single)
    {
        var bulk = origin == Origin.Bulk;
        if (bulk)
        {
            // Single writes go first: a bulk batch waits while one is under way, from waiting for the
            // lock (which is not fair) to its publish, so that it has the machine's cores to itself;
            // a steady stream of single writes delays an import, it does not stop it.
            var started = Environment.TickCount64;
            while (Volatile.Read(ref _singleWritesActive) > 0 && Environment.TickCount64 - started < (long)BulkYieldLimit.TotalMilliseconds)
            {
                Thread.Sleep(1);
            }
        }
        else
        {
            Interlocked.Increment(ref _singleWritesActive);
        }

        try
        {
            return ApplyInOrder(write, origin);
        }
        finally
        {
            if (!bulk)
            {
                Interlocked.Decrement(ref _singleWritesActive);
            }
        }
    }

    private TResult ApplyInOrder<TResult>(Func<(TResult Result, IReadOnlyList<Change> Changes)> write, Origin origin)
    {
        var bulk = origin == Origin.Bulk;
        (TResult Result, IReadOnlyList<Change> Changes) written;
        var touched = new bool[_followers.Length];
        lock (_applyLock)
        {
            var now = Environment.TickCount64;
            if (origin == Origin.Single)
            {
                Volatile.Write(ref _lastSingleWrite, now);
            }

            written = write();
            // Records stored as they are already (Change.Unchanged) wrote nothing: no follower hears of them, and a batch
            // of nothing but those has no change to hand on.
            IReadOnlyList<Change> changes = written.Changes.Any(c => c.Unchanged) ? [.. written.Changes.Where(c => !c.Unchanged)] : written.Changes;
            // The store holds the write from here on: a follower that fails is set aside, not the write.
            var batched = bulk && changes.Count > 0 ? new bool[_followers.Length] : null;
            for (var i = 0; batched is not null && i < _followers.Length; i++)
            {
                if (_failed.Count > 0 && _failed.ContainsKey(_followers[i]))
                {
                    continue;
                }

                try
                {
                    touched[i] = batched[i] = _followers[i].FollowBatch(changes);
                }
                catch (Exception e)
                {
                    SetAside(_followers[i], e);
                }
            }

            foreach (var change in changes)
            {
                Versions.Follow(change);
                for (var i = 0; i < _followers.Length; i++)
                {
                    if ((batched is not null && batched[i]) || (_failed.Count > 0 && _failed.ContainsKey(_followers[i])))
                    {
                        continue;
                    }

                    try
                    {
                        touched[i] |= change.SendTo(_followers[i]);
                    }
                    catch (Exception e)
                    {
                        SetAside(_followers[i], e);
                    }
                }
            }

            if (changes.Count > 0)
            {
                foreach (var follower in _followers.Where(f => _failed.Count == 0 || !_failed.ContainsKey(f)))
                {
                    follower.Reached(changes[^1].Sequence);
                }
            }

            // A bulk batch leaves publishing to a single write under way: that write's publish makes the batch visible too.
            var publishNow = !bulk
                || (Volatile.Read(ref _singleWritesActive) == 0
                    && now - _lastPublish >= (SingleWritesRecently ? BulkPublishBesideSingleWritesMilliseconds : BulkPublishMilliseconds));
            for (var i = 0; i < _followers.Length; i++)
            {
                if (publishNow)
                {
                    touched[i] |= _unpublished[i];
                    _unpublished[i] = false;
                }
                else
                {
                    _unpublished[i] |= touched[i];
                    touched[i] = false;
                }
            }

            if (publishNow && touched.Contains(true))
            {
                _lastPublish = now;
            }
        }

        for (var i = 0; i < _followers.Length; i++)
        {
            if (touched[i])
            {
                try
                {
                    _followers[i].Publish();
                }
                catch (Exception e)
                {
                    lock (_applyLock)
                    {
                        SetAside(_followers[i], e);
                    }
                }
            }
        }

        return written.Result;
    }

    /// <summary>What a write applied through <see cref="Apply"/> is: it decides who waits for whom and when changes are published.</summary>
    private enum Origin
    {
        /// <summary>A single write (the portal's upsert): goes first, publishes at once, keeps imports' batches small for a while.</summary>
        Single,

        /// <summary>A batch of a bulk import: waits for single writes under way, may leave publishing for later.</summary>
        Bulk,

        /// <summary>No write: publishes what bulk batches left (an import's end).</summary>
        Publish,
    }

    private void SetAside(IChangeFollower follower, Exception e)
    {
        _failed[follower] = Describe(follower, e);
        _lagging = [.. _failed.Values];
    }

    private static string Describe(IChangeFollower follower, Exception e) => $"{follower.GetType().Name}: {e.GetType().Name}: {e.Message}";
}
