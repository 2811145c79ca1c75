using Matchmaker.Feedback;
using Matchmaker.Index;
using Matchmaker.Store;
using Matchmaker.Telemetry;

namespace Matchmaker.Features;

/// <summary>
/// Owns the current <see cref="StatisticsEpoch"/>. A new epoch is captured when the change log or
/// the feedback log has moved, at most once per refresh interval (<see cref="StatisticsRefresher"/>,
/// default 30 s) and right after every bulk import, so product-space proximities, feedback rates and
/// BM25 statistics lag writes by up to that long, while each profile's own fields count at once. A
/// request reads <see cref="Current"/> once.
/// </summary>
public sealed class StatisticsEpochs(ChangeFeed changes, SearchIndex index, ProductSpace productSpace, FeedbackLedger ledger)
{
    private readonly Lock _refreshLock = new();
    private volatile StatisticsEpoch _current = StatisticsEpoch.Empty;

    public StatisticsEpoch Current => _current;

    /// <summary>Captures a new epoch if anything changed since the current one; returns the current epoch.</summary>
    public StatisticsEpoch Refresh(bool force = false)
    {
        lock (_refreshLock)
        {
            var current = _current;
            if (!force && current != StatisticsEpoch.Empty
                && index.VisibleSequence == current.ChangeSequence && ledger.LastSequence == current.FeedbackSequence)
            {
                return current;
            }

            using var activity = MatchmakerTelemetry.Source.StartActivity("statistics.capture");
            var (sequence, space, text, held) = Capture();
            var history = ledger.Snapshot();
            var epoch = new StatisticsEpoch(sequence, history.Sequence, text, space, history) { WritesHeldFor = held };
            activity?.SetTag("matchmaker.epoch", epoch.Id);
            _current = epoch;
            return epoch;
        }
    }

    /// <summary>
    /// The product space and the index's text statistics at one consistent point of the change log.
    /// Writes wait only while the index reopens and the product-space counts are copied; the
    /// vocabulary is enumerated afterwards from a leased point-in-time searcher.
    /// </summary>
    private (long Sequence, ProductSpaceSnapshot Space, TextStatistics Text, TimeSpan WritesHeld) Capture()
    {
        // Under the write lock only what must agree with one point of the change log: the
        // sequence, the product-space counts and a searcher over exactly that state.
        var (sequence, space, lease, held) = changes.WhileHeld(() =>
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            index.Refresh();
            return (index.VisibleSequence, productSpace.Snapshot(), index.Lease(), System.Diagnostics.Stopwatch.GetElapsedTime(start));
        });

        // Enumerating the vocabulary (the long part) reads the leased point-in-time view; writes go on.
        using (lease)
        {
            return (sequence, space, TextStatistics.Capture(lease.Searcher.IndexReader), held);
        }
    }
}
