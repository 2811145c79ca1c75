using Grpc.Core;
using Matchmaker.Serving;

namespace Matchmaker.Server.Internal;

/// <summary>Runs a streamed import and logs how it ended: its counts, or where it broke off.</summary>
internal static class ImportLog
{
    public static async Task<ImportResult> RunAsync<T>(ILogger logger, string kind, ServerCallContext context, BulkImport<T> import, Func<Task> read)
    {
        try
        {
            await read();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or RpcException or InvalidOperationException or Serving.ImportLimitException)
        {
            logger.ImportBroken(kind, ServerLog.Caller(context), import.Received, e.Message);
            throw;
        }

        var result = await import.CompleteAsync();
        logger.Imported(kind, context, result);
        return result;
    }
}
