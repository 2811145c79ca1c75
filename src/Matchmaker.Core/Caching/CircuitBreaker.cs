namespace Matchmaker.Caching;

/// <summary>
/// Stops calling a failing dependency for a while. Closed: calls go through; after
/// <c>threshold</c> consecutive failures it opens for <c>openFor</c>, during which calls are
/// skipped; then one probe call is let through (half-open): success closes it, failure opens it
/// again. <see cref="Opened"/> and <see cref="Closed"/> fire once per outage (logs, the outage counter).
/// </summary>
public sealed class CircuitBreaker(int threshold, TimeSpan openFor, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private int _failures;
    private DateTimeOffset _openUntil = DateTimeOffset.MinValue;
    private bool _open;
    private bool _probing;

    public event Action<Exception?>? Opened;

    public event Action? Closed;

    /// <summary>True when a call may go out now (closed, or the one probe of a half-open breaker).</summary>
    public bool Allow()
    {
        lock (_lock)
        {
            if (!_open)
            {
                return true;
            }

            if (_probing || _clock.GetUtcNow() < _openUntil)
            {
                return false;
            }

            _probing = true;
            return true;
        }
    }

    public void Success()
    {
        bool closed;
        lock (_lock)
        {
            closed = _open;
            (_failures, _open, _probing) = (0, false, false);
        }

        if (closed)
        {
            Closed?.Invoke();
        }
    }

    public void Failure(Exception? error)
    {
        bool opened;
        lock (_lock)
        {
            _failures++;
            _probing = false;
            opened = !_open && _failures >= threshold;
            if (opened || _open)
            {
                _open = true;
                _openUntil = _clock.GetUtcNow() + openFor;
            }
        }

        if (opened)
        {
            Opened?.Invoke(error);
        }
    }
}
