using System.Diagnostics;
using Matchmaker.Profiles;
using Matchmaker.Telemetry;

namespace Matchmaker.Serving;

/// <summary>
/// One bulk import: each record is validated as it arrives, the good ones kept, the bad ones reported
/// by stream position. Good records are stored in transactions of <see cref="BatchSize"/> (one fsync
/// per batch instead of per record), or of <see cref="SmallBatchSize"/> while single writes come in
/// (the portal's upserts: each waits for the batch being stored, so that batch is kept short, see
/// <see cref="Store.ChangeFeed"/>). Storing runs beside reading: while
/// one batch is stored, the next is read and validated (at most one batch is stored and one filled
/// at a time, so memory stays bounded whatever the import's size). <see cref="CompleteAsync"/>
/// stores the rest and captures a new statistics epoch, so lists reflect the import at once rather
/// than up to 30 s later. An import that is abandoned (the stream broke) keeps the batches already
/// stored; the batch being stored when it broke is stored too.
/// </summary>
public sealed class BulkImport<T> : IDisposable
{
    public const int BatchSize = 1_024;

    /// <summary>
    /// A single write waits for the batch being stored and indexed: with the portal upserting every
    /// 20 ms beside a 100,000-profile import, in the same hour, batches of 32 gave its upserts p99
    /// 46–72 ms, of 16 44 ms, of 8 36–41 ms (the import beside it 2,200–3,500 profiles/s either way).
    /// </summary>
    public const int SmallBatchSize = 8;
    public const int MaxErrors = 1_000;

    private readonly Func<T, T> _prepare;
    private readonly Func<IReadOnlyList<T>, (long Sequence, long Unchanged)> _store;
    private readonly Action _completed;
    private readonly Func<bool> _yielding;
    private readonly IDisposable? _underWay;
    private List<T> _batch = new(BatchSize);
    private readonly List<ImportError> _errors = [];
    private readonly Activity? _activity;
    private Task _storing = Task.CompletedTask;
    private long _received;
    private long _imported;
    private long _unchanged;
    private long _failed;
    private long _lastSequence;
    private readonly Func<long>? _position;
    private bool _truncated;
    private readonly int _limit;

    /// <param name="what">"exporters", "inquiries", "feedback" (the span's tag).</param>
    /// <param name="prepare">Normalizes and validates one record (throws <see cref="ValidationException"/>).</param>
    /// <param name="store">Stores a batch of prepared records; returns the log's position after it and how many records were already stored as they are.</param>
    /// <param name="completed">Runs once every record is stored.</param>
    /// <param name="yielding">True while small batches are wanted (single writes are coming in).</param>
    /// <param name="underWay">Marks the import as under way until it ends (see <see cref="Index.SearchIndex.ImportUnderWay"/>).</param>
    /// <param name="position">The log's position now: what an import that stores nothing reports (0 when not given).</param>
    internal BulkImport(string what, Func<T, T> prepare, Func<IReadOnlyList<T>, (long Sequence, long Unchanged)> store, Action completed, Func<bool> yielding,
        int limit = int.MaxValue, IDisposable? underWay = null, Func<long>? position = null)
    {
        _position = position;
        _underWay = underWay;
        _yielding = yielding;
        _limit = limit;
        _prepare = prepare;
        _store = store;
        _completed = completed;
        _activity = MatchmakerTelemetry.Source.StartActivity("import");
        _activity?.SetTag("matchmaker.import", what);
    }

    /// <summary>Records read so far.</summary>
    public long Received => _received;

    /// <summary>Takes the next record of the stream; <paramref name="id"/> names it in errors.</summary>
    public void Add(string id, T record) => AddAsync(id, () => record).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Takes the next record of the stream, converted by <paramref name="convert"/> (from the wire
    /// format: a conversion that refuses the record, an impossible timestamp say, fails that record only).
    /// Completes at once unless a full batch must wait for the one being stored.
    /// </summary>
    /// <exception cref="ImportLimitException">The stream carried more records than the limit (what came before is stored).</exception>
    public async ValueTask AddAsync(string id, Func<T> convert)
    {
        if (_received >= _limit)
        {
            await StoreAllAsync();
            _underWay?.Dispose();
            _completed();
            throw new ImportLimitException(_limit, Position());
        }

        var index = _received++;
        try
        {
            _batch.Add(_prepare(convert()));
        }
        catch (ValidationException e)
        {
            _failed++;
            foreach (var v in e.Violations)
            {
                if (_errors.Count >= MaxErrors)
                {
                    _truncated = true;
                    break;
                }

                // The id is the client's: a huge one is shortened, or 1,000 of them would make a reply too large to read.
                _errors.Add(new ImportError(index, id.Length <= 128 ? id : id[..128] + "…", v.Field, v.Reason));
            }
        }

        if (_batch.Count >= BatchSize || (_batch.Count >= SmallBatchSize && _yielding()))
        {
            await FlushAsync();
        }
    }

    /// <summary>Stores what is left and finishes the import.</summary>
    public ImportResult Complete() => CompleteAsync().GetAwaiter().GetResult();

    /// <inheritdoc cref="Complete"/>
    public async Task<ImportResult> CompleteAsync()
    {
        await StoreAllAsync();
        _underWay?.Dispose();
        _completed();
        _activity?.SetTag("matchmaker.imported", _imported);
        _activity?.SetTag("matchmaker.failed", _failed);
        return new ImportResult(_received, _imported, _failed, Position(), _errors, _truncated, _unchanged);
    }

    /// <summary>The log's position after what this import stored, whether or not it added to the log.</summary>
    private long Position()
    {
        var stored = Volatile.Read(ref _lastSequence);
        return stored == 0 && _position is not null ? _position() : stored;
    }

    /// <summary>Waits for the batch being stored, if any (an import that broke keeps it), then ends the import's span.</summary>
    public void Dispose()
    {
        try
        {
            _storing.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // Already reported to the caller by the call that awaited it, or the import broke first: what is stored stays stored.
        }

        _underWay?.Dispose();

        _activity?.Dispose();
    }

    /// <summary>Stores what was read so far and waits until it is stored.</summary>
    private async ValueTask StoreAllAsync()
    {
        await FlushAsync();
        await _storing;
    }

    /// <summary>Hands the filled batch to storing once the previous one is stored; a store that failed fails here.</summary>
    private async ValueTask FlushAsync()
    {
        await _storing;
        if (_batch.Count == 0)
        {
            return;
        }

        var batch = _batch;
        _batch = new List<T>(BatchSize);
        _storing = Task.Run(() =>
        {
            var (sequence, unchanged) = _store(batch);
            Volatile.Write(ref _lastSequence, sequence);
            Interlocked.Add(ref _unchanged, unchanged);
            Interlocked.Add(ref _imported, batch.Count);
        });
    }
}
