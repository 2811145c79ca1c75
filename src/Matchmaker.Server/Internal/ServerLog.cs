using Grpc.Core;

namespace Matchmaker.Server.Internal;

/// <summary>
/// What the service logs about the calls that change it as a whole (imports, models), with the
/// caller's key name: the operator's record of who did what. Every line carries the trace id
/// (the logging scope), so it can be found next to the call's spans.
/// </summary>
internal static partial class ServerLog
{
    public static string Caller(ServerCallContext context) => context.GetHttpContext().User.Identity?.Name ?? "anonymous";

    public static void Imported(this ILogger logger, string kind, ServerCallContext context, Serving.ImportResult result)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.Imported(kind, Caller(context), result.Received, result.Imported, result.Unchanged, result.Failed, result.LastSequence);
        }
    }

    public static void Scheduled(this ILogger logger, string eventId, ServerCallContext context, Events.ScheduleRun run, bool dryRun)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.Scheduled(eventId, Caller(context), run.Summary.Mode.ToString(), run.Summary.Meetings, run.Summary.Value, run.Summary.Bound,
                run.Summary.Breaks, run.Added, run.Moved, run.Dropped, dryRun ? "a dry run, nothing saved" : "saved");
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Schedule of {EventId} by {Caller} ({Mode}): {Meetings} meetings, value {Value:0.000} of bound {Bound:0.000}, {Breaks} breaks; {Added} added, {Moved} moved, {Dropped} dropped; {Saved}")]
    private static partial void Scheduled(this ILogger logger, string eventId, string caller, string mode, int meetings, double value, double bound, int breaks,
        int added, int moved, int dropped, string saved);

    public static void ModelActivated(this ILogger logger, string version, ServerCallContext context, string previous)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.ModelActivated(version, Caller(context), previous);
        }
    }

    public static void ModelRegistered(this ILogger logger, string version, ServerCallContext context)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.ModelRegistered(version, Caller(context));
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Import of {Kind} by {Caller}: {Received} received, {Imported} stored ({Unchanged} of them as they were already), {Failed} refused; change log at {Sequence}")]
    private static partial void Imported(this ILogger logger, string kind, string caller, long received, long imported, long unchanged, long failed, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import of {Kind} by {Caller} broke off after {Received} records ({Reason}); the batches stored before stay")]
    public static partial void ImportBroken(this ILogger logger, string kind, string caller, long received, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Version} activated by {Caller} (was {Previous})")]
    private static partial void ModelActivated(this ILogger logger, string version, string caller, string previous);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Version} registered by {Caller}")]
    private static partial void ModelRegistered(this ILogger logger, string version, string caller);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model refused for {Caller}: {Reason}")]
    public static partial void ModelRefused(this ILogger logger, string caller, string reason);
}
