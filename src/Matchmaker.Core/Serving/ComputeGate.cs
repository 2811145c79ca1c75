namespace Matchmaker.Serving;

/// <summary>
/// <c>Matchmaker:Limits</c>: how many match lists are computed at once (more than the cores only
/// makes each slower, and cheap calls such as GetExporter wait behind them for CPU) and how many
/// may wait for a turn; beyond that a call is refused at once as overload.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Matchmaker:Limits";

    /// <summary>Lists computed at the same time (default: the machine's cores).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1024)]
    public int ConcurrentLists { get; set; } = Environment.ProcessorCount;

    /// <summary>Calls that may wait for a turn to compute; the next one gets RESOURCE_EXHAUSTED.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 100_000)]
    public int QueuedLists { get; set; } = 256;

    /// <summary>Records one import stream may carry; more are refused (split the file).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int ImportItems { get; set; } = 2_000_000;
}

/// <summary>An import stream carried more records than <see cref="LimitsOptions.ImportItems"/>.</summary>
public sealed class ImportLimitException(int limit, long stored)
    : Exception($"an import stream takes at most {limit:N0} records (Matchmaker:Limits:ImportItems); the batches before record {limit + 1:N0} are stored " +
        $"(change log at {stored}), the rest are not: import the remainder as another stream")
{
}

/// <summary>Too many match lists are being computed and waiting: the call is refused, nothing was done.</summary>
public sealed class OverloadedException(int concurrent, int queued)
    : Exception($"overloaded: {concurrent} match lists are being computed and {queued} more are waiting (Matchmaker:Limits:ConcurrentLists and QueuedLists); retry in a moment")
{
}

/// <summary>
/// Admits at most <see cref="LimitsOptions.ConcurrentLists"/> computations at once and queues up to
/// <see cref="LimitsOptions.QueuedLists"/> more; a waiting call whose deadline passes or whose client
/// goes away leaves the queue without computing anything.
/// </summary>
public sealed class ComputeGate(LimitsOptions limits) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(limits.ConcurrentLists, limits.ConcurrentLists);
    private int _waiting;

    /// <summary>Calls waiting for a turn now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <exception cref="OverloadedException">The queue is full.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled while it waited.</exception>
    public async Task<T> RunAsync<T>(Func<T> compute, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_slots.Wait(0, CancellationToken.None))
        {
            if (Interlocked.Increment(ref _waiting) > limits.QueuedLists)
            {
                Interlocked.Decrement(ref _waiting);
                throw new OverloadedException(limits.ConcurrentLists, limits.QueuedLists);
            }

            try
            {
                await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        try
        {
            return compute();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
