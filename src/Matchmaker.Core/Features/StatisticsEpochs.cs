using Matchmaker.Feedback;
using Matchmaker.Profiles;

namespace Matchmaker.Features;

/// <summary>
/// Owns the current <see cref="StatisticsEpoch"/>. A new epoch is captured when the change log or
/// the feedback log has moved, at most once per refresh interval (default 30 s in the server), so
/// product-space proximities, feedback rates and BM25 statistics lag writes by up to that long,
/// while each profile's own fields count at once. A request reads <see cref="Current"/> once.
/// </summary>
public sealed class StatisticsEpochs(ProfileCatalog catalog, FeedbackLedger ledger, TimeProvider? clock = null) : IDisposable
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _refreshLock = new();
    private volatile StatisticsEpoch _current = StatisticsEpoch.Empty;
    private Timer? _timer;

    public StatisticsEpoch Current => _current;

    /// <summary>Raised after a new epoch is published (cache metrics count the lists it retires).</summary>
    public event Action<StatisticsEpoch>? Published;

    /// <summary>Captures a new epoch if anything changed since the current one; returns the current epoch.</summary>
    public StatisticsEpoch Refresh(bool force = false)
    {
        lock (_refreshLock)
        {
            var current = _current;
            if (!force && current != StatisticsEpoch.Empty
                && catalog.VisibleSequence == current.ChangeSequence && ledger.LastSequence == current.FeedbackSequence)
            {
                return current;
            }

            var (sequence, space, text, held) = catalog.CaptureStatistics();
            var history = ledger.Snapshot();
            var epoch = new StatisticsEpoch(sequence, history.Sequence, text, space, history, _clock.GetUtcNow()) { WritesHeldFor = held };
            _current = epoch;
            Published?.Invoke(epoch);
            return epoch;
        }
    }

    /// <summary>Refreshes on a timer from now on.</summary>
    public void Start(TimeSpan interval)
    {
        _timer?.Dispose();
        _timer = new Timer(_ => Refresh(), null, interval, interval);
    }

    public void Dispose() => _timer?.Dispose();
}
