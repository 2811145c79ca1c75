using Grpc.Core;
using Matchmaker.Profiles;
using Matchmaker.V1;

namespace Matchmaker.Server.Internal;

/// <summary>
/// The server side of ImportExporters / ImportInquiries: validate each streamed record, keep the
/// good ones, report the bad ones by stream position. Good records are stored in transactions of
/// <see cref="BatchSize"/>: one fsync and one index refresh per batch instead of per record.
/// </summary>
internal static class BulkImport
{
    public const int BatchSize = 2_000;
    public const int MaxErrors = 1_000;

    public static async Task<ImportSummary> RunAsync<TProto, TRecord>(
        IAsyncStreamReader<TProto> stream,
        Func<TProto, string> idOf,
        Func<TProto, TRecord> prepare,
        Func<IReadOnlyList<TRecord>, long> store,
        CancellationToken cancellationToken)
    {
        var summary = new ImportSummary();
        var batch = new List<TRecord>(BatchSize);
        long index = 0;
        await foreach (var item in stream.ReadAllAsync(cancellationToken))
        {
            summary.Received++;
            try
            {
                batch.Add(prepare(item));
            }
            catch (ValidationException e)
            {
                summary.Failed++;
                foreach (var v in e.Violations)
                {
                    if (summary.Errors.Count >= MaxErrors)
                    {
                        summary.ErrorsTruncated = true;
                        break;
                    }

                    summary.Errors.Add(new ImportError { Index = index, Id = idOf(item), Field = v.Field, Reason = v.Reason });
                }
            }

            index++;
            if (batch.Count == BatchSize)
            {
                summary.LastSequence = store(batch);
                summary.Imported += batch.Count;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            summary.LastSequence = store(batch);
            summary.Imported += batch.Count;
        }

        return summary;
    }
}
