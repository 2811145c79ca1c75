using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Matchmaker.Profiles;
using Matchmaker.Ranking;
using Matchmaker.Store;

namespace Matchmaker.Server.Internal;

/// <summary>
/// Turns Core's exceptions into gRPC status codes in one place: invalid input is INVALID_ARGUMENT
/// with a google.rpc.BadRequest naming each field and why, a version conflict is
/// FAILED_PRECONDITION, an unknown id NOT_FOUND.
/// </summary>
internal sealed class ErrorInterceptor(ChangeFeed feed) : Interceptor
{
    /// <summary>The reply trailer that says a write was stored while a follower of the change log (the index) is behind.</summary>
    public const string DegradedTrailer = "matchmaker-degraded";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            var response = await continuation(request, context);
            Degraded(context);
            return response;
        }
        catch (Exception e) when (Translate(e) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            var response = await continuation(requestStream, context);
            Degraded(context);
            return response;
        }
        catch (Exception e) when (Translate(e) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (Translate(e) is { } rpc)
        {
            throw rpc;
        }
    }

    /// <summary>The longest status message sent: it travels in a header, and a header of megabytes ends the call as UNAVAILABLE.</summary>
    internal const int MaxMessage = 2000;

    /// <summary>The most field violations one reply lists (their count is said).</summary>
    internal const int MaxViolations = 50;

    // Truthful replies while the index catches up: the call succeeded (a write is stored), and lists may not show it yet.
    private void Degraded(ServerCallContext context)
    {
        var lagging = feed.Lagging;
        if (lagging.Count > 0)
        {
            var text = "stored; the search index is catching up from the change log after a failure, so lists may miss recent changes: " + string.Join("; ", lagging);
            context.ResponseTrailers.Add(DegradedTrailer, Cap(new string([.. text.Select(c => c is >= ' ' and <= '~' ? c : '?')]), 500));
        }
    }

    internal static RpcException? Translate(Exception e) => e switch
    {
        ValidationException v => BadRequest(v.Violations),
        Serving.OverloadedException o => new Google.Rpc.Status { Code = (int)Code.ResourceExhausted, Message = o.Message }.ToRpcException(),
        Serving.ImportLimitException l => new Google.Rpc.Status { Code = (int)Code.ResourceExhausted, Message = l.Message }.ToRpcException(),
        Google.Protobuf.InvalidProtocolBufferException p => new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = Cap($"the message is not valid protobuf: {p.Message}"),
        }.ToRpcException(),
        VersionConflictException c => new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = Cap(c.Message),
            Details =
            {
                Any.Pack(new PreconditionFailure
                {
                    Violations = { new PreconditionFailure.Types.Violation { Type = "VERSION", Subject = Cap($"{c.Kind}/{c.Id}", 200), Description = Cap(c.Message) } },
                }),
            },
        }.ToRpcException(),
        ModelNotFoundException m => new Google.Rpc.Status { Code = (int)Code.NotFound, Message = Cap(m.Message) }.ToRpcException(),
        ModelRejectedException r => new Google.Rpc.Status { Code = (int)Code.FailedPrecondition, Message = Cap(r.Message) }.ToRpcException(),
        RecordNotFoundException n => new Google.Rpc.Status { Code = (int)Code.NotFound, Message = Cap(n.Message) }.ToRpcException(),
        Events.RuleViolationException r => new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = Cap(r.Message),
            Details =
            {
                Any.Pack(new PreconditionFailure
                {
                    Violations = { new PreconditionFailure.Types.Violation { Type = "RULE", Subject = Cap(r.Subject, 200), Description = Cap(r.Message) } },
                }),
            },
        }.ToRpcException(),
        _ => null,
    };

    internal static RpcException BadRequest(IEnumerable<FieldViolation> violations)
    {
        var all = violations.ToList();
        var list = all.Take(MaxViolations).Select(v => v with { Field = Cap(v.Field, 200), Reason = Cap(v.Reason, 300) }).ToList();
        var detail = new BadRequest();
        detail.FieldViolations.AddRange(list.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Reason }));
        var more = all.Count > list.Count ? $"; and {all.Count - list.Count} more problems" : "";
        return new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = Cap(string.Join("; ", list.Select(v => $"{v.Field}: {v.Reason}")) + more),
            Details = { Any.Pack(detail) },
        }.ToRpcException();
    }

    internal static string Cap(string text, int max = MaxMessage) => text.Length <= max ? text : text[..max] + "…";
}
