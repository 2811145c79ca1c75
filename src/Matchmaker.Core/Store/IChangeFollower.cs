namespace Matchmaker.Store;

/// <summary>
/// Something derived from the change log (the index, the product space, the cache's dependency
/// tracker). It says which record kinds it follows by implementing <see cref="IChangeFollower{T}"/>
/// for each; changes of other kinds never reach it. Registered with
/// <see cref="StoreServiceCollectionExtensions.AddChangeFollower{TFollower}"/>, it gets every write of
/// its kinds from the <see cref="ChangeFeed"/>, in change-log order, and what it lacks at start-up.
/// </summary>
public interface IChangeFollower
{
    /// <summary>
    /// Changes after this sequence number are replayed to it at start-up: 0 for what lives in memory
    /// (rebuilt from the whole log), the last durable commit for the index, <see cref="long.MaxValue"/>
    /// for what only follows live writes.
    /// </summary>
    long ReplayAfter { get; }

    /// <summary>
    /// True for a follower that must record a change before any other follower can make it visible
    /// (the cache's dependency tracker: a list computed from a searcher that sees a change must find
    /// the change marked). Such followers get each change first.
    /// </summary>
    bool SeesChangesFirst => false;

    /// <summary>
    /// The change log has reached <paramref name="sequence"/>: every change of its kinds up to there
    /// has been handed to it. Called under the write lock after every write and after a replay,
    /// whether or not a change of its kinds was among them, so a follower that records its position
    /// (the index) counts in change-log positions even while other kinds are written.
    /// </summary>
    void Reached(long sequence)
    {
    }

    /// <summary>
    /// A bulk import's batch of changes is about to be handed over, under the write
    /// lock and before any follower sees its changes. A follower that can take the whole batch in one
    /// step, more cheaply than change by change, does so here and returns true: it is then given none
    /// of these changes one by one. The default takes each change one by one.
    /// </summary>
    bool FollowBatch(IReadOnlyList<Change> changes) => false;

    /// <summary>Called after a write's changes were followed, outside the write lock (the index makes them visible here).</summary>
    void Publish()
    {
    }

    /// <summary>Called once a replay has handed it every change it lacked; <paramref name="replayed"/> says how many that was.</summary>
    void CaughtUp(long replayed)
    {
    }
}

/// <summary>Follows the changes of records of type <typeparamref name="T"/>.</summary>
public interface IChangeFollower<T> : IChangeFollower
    where T : class
{
    /// <summary>
    /// Applies one change, in change-log order, under the feed's write lock: quick, and no writes of
    /// its own. A replay hands over each record's latest state once (deleted ones as tombstones,
    /// <see cref="Change{T}.Previous"/> null), so a follower keyed by something other than the id
    /// (memos per exporter, say) keeps its own id → key map. A follower that throws does not fail
    /// the write (the store holds it): it is set aside and replayed from its <see cref="IChangeFollower.ReplayAfter"/>
    /// until it catches up (<see cref="ChangeFeed.Repair"/>).
    /// </summary>
    void Follow(Change<T> change);
}
