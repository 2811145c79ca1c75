using Google.Rpc;
using Grpc.Core;

namespace Matchmaker.Tests.Support;

/// <summary>Assertions on the service's status replies.</summary>
public static class RpcAssert
{
    /// <summary>INVALID_ARGUMENT whose google.rpc.BadRequest names <paramref name="field"/> once, with a reason containing <paramref name="reason"/>.</summary>
    public static void Violation(RpcException e, string field, string reason)
    {
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var badRequest = e.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        var violation = Assert.Single(badRequest.FieldViolations, v => v.Field == field);
        Assert.Contains(reason, violation.Description, StringComparison.Ordinal);
    }
}
