using System.Diagnostics;
using Matchmaker.Profiles;
using Matchmaker.Telemetry;

namespace Matchmaker.Serving;

/// <summary>
/// One bulk import: each record is validated as it arrives, the good ones kept, the bad ones reported
/// by stream position. Good records are stored in transactions of <see cref="BatchSize"/>: one fsync
/// and one index refresh per batch instead of per record. <see cref="Complete"/> stores the rest and
/// captures a new statistics epoch, so lists reflect the import at once rather than up to 30 s later.
/// An import that is abandoned (the stream broke) keeps the batches already stored.
/// </summary>
public sealed class BulkImport<T> : IDisposable
{
    public const int BatchSize = 2_000;
    public const int MaxErrors = 1_000;

    private readonly Func<T, T> _prepare;
    private readonly Func<IReadOnlyList<T>, long> _store;
    private readonly Action _completed;
    private readonly List<T> _batch = new(BatchSize);
    private readonly List<ImportError> _errors = [];
    private readonly Activity? _activity;
    private long _received;
    private long _imported;
    private long _failed;
    private long _lastSequence;
    private bool _truncated;
    private readonly int _limit;

    /// <param name="what">"exporters", "inquiries", "feedback" (the span's tag).</param>
    /// <param name="prepare">Normalizes and validates one record (throws <see cref="ValidationException"/>).</param>
    /// <param name="store">Stores a batch of prepared records; returns the sequence number of the last.</param>
    /// <param name="completed">Runs once every record is stored.</param>
    internal BulkImport(string what, Func<T, T> prepare, Func<IReadOnlyList<T>, long> store, Action completed, int limit = int.MaxValue)
    {
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
    public void Add(string id, T record) => Add(id, () => record);

    /// <summary>
    /// Takes the next record of the stream, converted by <paramref name="convert"/> (from the wire
    /// format: a conversion that refuses the record, an impossible timestamp say, fails that record only).
    /// </summary>
    /// <exception cref="ImportLimitException">The stream carried more records than the limit (what came before is stored).</exception>
    public void Add(string id, Func<T> convert)
    {
        if (_received >= _limit)
        {
            Flush();
            _completed();
            throw new ImportLimitException(_limit, _lastSequence);
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

        if (_batch.Count == BatchSize)
        {
            Flush();
        }
    }

    /// <summary>Stores what is left and finishes the import.</summary>
    public ImportResult Complete()
    {
        Flush();
        _completed();
        _activity?.SetTag("matchmaker.imported", _imported);
        _activity?.SetTag("matchmaker.failed", _failed);
        return new ImportResult(_received, _imported, _failed, _lastSequence, _errors, _truncated);
    }

    public void Dispose() => _activity?.Dispose();

    private void Flush()
    {
        if (_batch.Count == 0)
        {
            return;
        }

        _lastSequence = _store(_batch);
        _imported += _batch.Count;
        _batch.Clear();
    }
}
