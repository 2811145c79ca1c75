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
internal sealed class ErrorInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
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
            return await continuation(requestStream, context);
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

    internal static RpcException? Translate(Exception e) => e switch
    {
        ValidationException v => BadRequest(v.Violations),
        VersionConflictException c => new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = c.Message,
            Details =
            {
                Any.Pack(new PreconditionFailure
                {
                    Violations = { new PreconditionFailure.Types.Violation { Type = "VERSION", Subject = $"{c.Kind}/{c.Id}", Description = c.Message } },
                }),
            },
        }.ToRpcException(),
        ModelNotFoundException m => new Google.Rpc.Status { Code = (int)Code.NotFound, Message = m.Message }.ToRpcException(),
        ModelRejectedException r => new Google.Rpc.Status { Code = (int)Code.FailedPrecondition, Message = r.Message }.ToRpcException(),
        RecordNotFoundException n => new Google.Rpc.Status { Code = (int)Code.NotFound, Message = n.Message }.ToRpcException(),
        Events.RuleViolationException r => new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = r.Message,
            Details =
            {
                Any.Pack(new PreconditionFailure
                {
                    Violations = { new PreconditionFailure.Types.Violation { Type = "RULE", Subject = r.Subject, Description = r.Message } },
                }),
            },
        }.ToRpcException(),
        _ => null,
    };

    internal static RpcException BadRequest(IEnumerable<FieldViolation> violations)
    {
        var list = violations.ToList();
        var detail = new BadRequest();
        detail.FieldViolations.AddRange(list.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Reason }));
        return new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = string.Join("; ", list.Select(v => $"{v.Field}: {v.Reason}")),
            Details = { Any.Pack(detail) },
        }.ToRpcException();
    }
}
