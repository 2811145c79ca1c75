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
/// </summary>
public sealed class ChangeFeed
{
    private readonly Lock _applyLock = new();
    private readonly IChangeFollower[] _followers;
    private readonly Dictionary<IChangeFollower, string> _failed = [];
    private volatile string[] _lagging = [];

    public ChangeFeed(IRecordStore store, IEnumerable<IChangeFollower> followers)
    {
        Store = store;
        _followers = [.. followers.Distinct().OrderBy(f => f.SeesChangesFirst ? 0 : 1)];
        Versions = new RecordVersions(store.Kinds);
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
        Apply<IReadOnlyList<Change<T>>>(() =>
        {
            var changes = write(Store.Table<T>());
            return (changes, changes);
        });

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

    private TResult Apply<TResult>(Func<(TResult Result, IReadOnlyList<Change> Changes)> write)
    {
        (TResult Result, IReadOnlyList<Change> Changes) written;
        var touched = new bool[_followers.Length];
        lock (_applyLock)
        {
            written = write();
            // The store holds the write from here on: a follower that fails is set aside, not the write.
            foreach (var change in written.Changes)
            {
                Versions.Follow(change);
                for (var i = 0; i < _followers.Length; i++)
                {
                    if (_failed.Count > 0 && _failed.ContainsKey(_followers[i]))
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

            if (written.Changes.Count > 0)
            {
                foreach (var follower in _followers.Where(f => _failed.Count == 0 || !_failed.ContainsKey(f)))
                {
                    follower.Reached(written.Changes[^1].Sequence);
                }
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

    private void SetAside(IChangeFollower follower, Exception e)
    {
        _failed[follower] = Describe(follower, e);
        _lagging = [.. _failed.Values];
    }

    private static string Describe(IChangeFollower follower, Exception e) => $"{follower.GetType().Name}: {e.GetType().Name}: {e.Message}";
}
