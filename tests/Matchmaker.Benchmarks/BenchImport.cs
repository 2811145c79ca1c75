using System.Diagnostics;
using Grpc.Core;
using Matchmaker.V1;

namespace Matchmaker.Benchmarks;

/// <summary>Streams records through an import rpc, as the CLI does; one helper for every suite.</summary>
internal static class BenchImport
{
    /// <returns>Seconds from the first record sent to the summary received.</returns>
    /// <exception cref="InvalidOperationException">The server refused a record (benchmark data must be valid).</exception>
    public static async Task<double> RunAsync<T>(AsyncClientStreamingCall<T, ImportSummary> call, IEnumerable<T> messages)
    {
        using (call)
        {
            var clock = Stopwatch.StartNew();
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message);
            }

            await call.RequestStream.CompleteAsync();
            var summary = await call;
            return summary.Failed == 0
                ? clock.Elapsed.TotalSeconds
                : throw new InvalidOperationException($"{summary.Failed} records failed: {summary.Errors[0].Field} {summary.Errors[0].Reason}");
        }
    }
}
