using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace Matchmaker.Cli;

/// <summary>The connection to the service, and readable words for its errors.</summary>
internal static class Server
{
    public const string DefaultUrl = "http://localhost:5080";

    public static GrpcChannel Connect(Arguments arguments)
    {
        var url = arguments.One("server") ?? Environment.GetEnvironmentVariable("MATCHMAKER_SERVER") ?? DefaultUrl;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? GrpcChannel.ForAddress(uri, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 })
            : throw new UsageException($"--server must be an http:// or https:// URL, not '{url}'");
    }

    /// <summary>The status, and each field violation of a google.rpc.BadRequest on its own line.</summary>
    public static string Describe(RpcException e)
    {
        if (e.StatusCode == StatusCode.Unavailable)
        {
            return $"the server is unreachable ({e.Status.Detail}); is it running? (dotnet run --project src/Matchmaker.Server)";
        }

        var badRequest = e.GetRpcStatus()?.GetDetail<BadRequest>();
        if (badRequest is null || badRequest.FieldViolations.Count == 0)
        {
            return $"{e.StatusCode}: {e.Status.Detail}";
        }

        return $"{e.StatusCode}:" + string.Concat(badRequest.FieldViolations.Select(v => $"{Environment.NewLine}  {v.Field}: {v.Description}"));
    }
}
