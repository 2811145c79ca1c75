namespace Matchmaker.Ranking;

/// <summary>
/// The one place that says which ranker serves. A request reads <see cref="Current"/> once and
/// uses that ranker to the end, so a swap never changes a list half-way or fails a call in flight;
/// the old ranker is left to the garbage collector when its last request finishes.
/// </summary>
public sealed class ActiveModel(ModelRegistry registry)
{
    private readonly Lock _swapLock = new();
    private volatile Ranker _current = BaselineRanker.Instance;

    public Ranker Current => _current;

    public ModelRegistry Registry => registry;

    /// <summary>Loads and verifies the model, then swaps it in and records it as active.</summary>
    /// <exception cref="ModelNotFoundException"/>
    /// <exception cref="ModelRejectedException">The current model keeps serving.</exception>
    public Ranker Activate(string version)
    {
        if (version == BaselineRanker.BaselineVersion)
        {
            lock (_swapLock)
            {
                registry.SetActive(null);
                return _current = BaselineRanker.Instance;
            }
        }

        var ranker = registry.Load(version);
        lock (_swapLock)
        {
            registry.SetActive(version);
            _current = ranker;
        }

        return ranker;
    }

    /// <summary>At start-up: the recorded active model, or the baseline when there is none or it no longer loads.</summary>
    /// <returns>Why the recorded model was not loaded, or null.</returns>
    public string? Restore()
    {
        string? version;
        try
        {
            version = registry.ActiveVersion();
        }
        catch (ModelRejectedException e)
        {
            return e.Message;
        }

        if (version is null)
        {
            return null;
        }

        try
        {
            _current = registry.Load(version);
            return null;
        }
        catch (Exception e) when (e is ModelRejectedException or ModelNotFoundException)
        {
            return e.Message;
        }
    }
}
