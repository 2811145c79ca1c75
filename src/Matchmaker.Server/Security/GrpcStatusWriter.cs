using System.Text;
using Grpc.Core;

namespace Matchmaker.Server.Security;

/// <summary>
/// Answers a request that middleware refuses before it reaches gRPC (authentication, roles, rate
/// limits) the way its caller understands: a gRPC client gets a trailers-only reply with the status
/// and a message (not a bare HTTP 401 that gRPC clients report as "Bad gRPC response"), a REST
/// caller the matching HTTP status and a JSON body shaped like JSON transcoding's errors.
/// </summary>
internal static class GrpcStatusWriter
{
    public static bool IsGrpc(HttpContext context) =>
        context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static async Task WriteAsync(HttpContext context, StatusCode code, string message)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        if (IsGrpc(context))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["grpc-message"] = PercentEncode(message);
            return;
        }

        context.Response.StatusCode = code switch
        {
            StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
            StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
            StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
            StatusCode.InvalidArgument => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status500InternalServerError,
        };
        await context.Response.WriteAsJsonAsync(new { code = (int)code, message, details = Array.Empty<object>() });
    }

    /// <summary>grpc-message is percent-encoded UTF-8 (the gRPC HTTP/2 spec): printable ASCII but '%' stays as it is.</summary>
    private static string PercentEncode(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
