using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace Matchmaker.Cli;

/// <summary>The connection to the service, and readable words for its errors.</summary>
internal static class Server
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The URL of the last connection, for the message when it is unreachable.</summary>
    public static string? LastUrl { get; private set; }

    /// <summary>
    /// A channel to --server (or $MATCHMAKER_SERVER) that sends --api-key (or $MATCHMAKER_API_KEY) as
    /// the x-api-key header of every call.
    /// </summary>
    public static GrpcChannel Connect(Arguments arguments)
    {
        var url = arguments.One("server") ?? Environment.GetEnvironmentVariable("MATCHMAKER_SERVER") ?? DefaultUrl;
        var key = arguments.One("api-key") ?? Environment.GetEnvironmentVariable("MATCHMAKER_API_KEY");
        var token = arguments.One("token") ?? Environment.GetEnvironmentVariable("MATCHMAKER_TOKEN");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--server must be an http:// or https:// URL, not '{url}'");
        }

        LastUrl = uri.ToString().TrimEnd('/');
        HttpMessageHandler handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (!string.IsNullOrWhiteSpace(key))
        {
            handler = new HeaderHandler("x-api-key", key.Trim()) { InnerHandler = handler };
        }

        if (!string.IsNullOrWhiteSpace(token))
        {
            handler = new HeaderHandler("authorization", "Bearer " + token.Trim()) { InnerHandler = handler };
        }

        return GrpcChannel.ForAddress(uri, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024, HttpHandler = handler });
    }

    /// <summary>
    /// The exit code for a status: 4 the server refused the data (invalid, or a rule or version
    /// check), 5 not found, 3 the server is unreachable or refused the caller (no key, wrong role,
    /// rate limit) or failed.
    /// </summary>
    public static int ExitCode(RpcException e) => e.StatusCode switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange or StatusCode.AlreadyExists => 4,
        StatusCode.NotFound => 5,
        _ => 3,
    };

    /// <summary>The status, and each field violation of a google.rpc.BadRequest on its own line.</summary>
    public static string Describe(RpcException e)
    {
        if (e.Status.Detail.Contains("HTTP_1_1_REQUIRED", StringComparison.Ordinal) || e.Status.Detail.Contains("HTTP/1.x request was sent to an HTTP/2", StringComparison.Ordinal))
        {
            return $"{LastUrl ?? DefaultUrl} is not the gRPC port: it speaks HTTP/1.1 (the REST port, 5081 by default); the CLI talks gRPC, on port 5080 by default";
        }

        if (e.Status.Detail.Contains("SSL connection could not be established", StringComparison.Ordinal))
        {
            var why = e.Status.Detail.Contains("RemoteCertificateNameMismatch", StringComparison.Ordinal)
                ? "the server's certificate does not name this host (use the host name it was issued for)"
                : e.Status.Detail.Contains("Cannot determine the frame size or a corrupted frame", StringComparison.Ordinal)
                    // What came back was no TLS at all: a server on plain HTTP/2 (the default) answered.
                    ? $"the server does not speak TLS there (a plain-HTTP server, as by default): give an http:// URL (--server {(LastUrl ?? DefaultUrl).Replace("https://", "http://", StringComparison.Ordinal)})"
                    : "the server's certificate is not trusted here (a self-signed one: point SSL_CERT_FILE at its PEM, e.g. SSL_CERT_FILE=cert.pem matchmaker …)";
            return $"no TLS connection to {LastUrl ?? DefaultUrl}: {why}";
        }

        if (e.Status.Detail.Contains("did not complete the HTTP/2 handshake", StringComparison.Ordinal)
            && (LastUrl ?? DefaultUrl).StartsWith("http://", StringComparison.Ordinal))
        {
            return $"the server at {LastUrl ?? DefaultUrl} answers, but not plain HTTP/2: if it uses TLS, give an https:// URL (--server https://…)";
        }

        switch (e.StatusCode)
        {
            case StatusCode.Unavailable when e is Commands.ImportCommand.StoppedAnswering:
                return $"the server at {LastUrl ?? DefaultUrl} stopped answering {e.Status.Detail}";
            case StatusCode.Unavailable when Unresolved(e.Status.DebugException) is { } unresolved:
                return $"the server at {LastUrl ?? DefaultUrl} is unreachable: its host name could not be resolved ({unresolved.Message}); check the URL (--server URL or $MATCHMAKER_SERVER)";
            case StatusCode.Unavailable:
                return $"the server at {LastUrl ?? DefaultUrl} is unreachable ({e.Status.Detail}); is it running? (dotnet run --project src/Matchmaker.Server; --server URL or $MATCHMAKER_SERVER names another)";
            case StatusCode.Unauthenticated:
                return $"the server at {LastUrl ?? DefaultUrl} refused the call: {e.Status.Detail} (give a key with --api-key KEY or $MATCHMAKER_API_KEY, or a bearer token with --token or $MATCHMAKER_TOKEN)";
            case StatusCode.PermissionDenied:
                return $"the server at {LastUrl ?? DefaultUrl} refused the call: {e.Status.Detail}";
        }

        var badRequest = e.GetRpcStatus()?.GetDetail<BadRequest>();
        if (badRequest is null || badRequest.FieldViolations.Count == 0)
        {
            return $"{e.StatusCode}: {e.Status.Detail}";
        }

        return $"{e.StatusCode}:" + string.Concat(badRequest.FieldViolations.Select(v => $"{Environment.NewLine}  {v.Field}: {v.Description}"));
    }

    /// <summary>The name lookup that failed, if that is why the call could not connect.</summary>
    private static System.Net.Sockets.SocketException? Unresolved(Exception? e) => e switch
    {
        null => null,
        System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NoData or System.Net.Sockets.SocketError.TryAgain } s => s,
        AggregateException a => a.InnerExceptions.Select(Unresolved).FirstOrDefault(x => x is not null),
        _ => Unresolved(e.InnerException),
    };

    private sealed class HeaderHandler(string name, string value) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation(name, value);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
