using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Matchmaker.Server;

/// <summary>
/// Where the service listens. gRPC wants HTTP/2, and without TLS HTTP/2 cannot share a port with
/// HTTP/1.1 (Kestrel cannot tell them apart without ALPN), so there are two kinds of endpoint:
/// <list type="bullet">
/// <item>gRPC (HTTP/2 with prior knowledge): <c>--urls</c>, default http://localhost:5080;</item>
/// <item>REST/JSON, the OpenAPI document and the Prometheus metrics (HTTP/1.1):
/// <c>Matchmaker:RestUrls</c>, default http://localhost:5081 when <c>--urls</c> is not given, none
/// otherwise (set it, or "" to turn it off).</item>
/// </list>
/// With <c>Matchmaker:Tls:Certificate</c> (a .pfx, or a PEM with <c>Matchmaker:Tls:Key</c>) every
/// endpoint is HTTPS and speaks both protocols (ALPN chooses), default https://localhost:5080 and 5081.
/// </summary>
internal static class Endpoints
{
    public const int DefaultGrpcPort = 5080;
    public const int DefaultRestPort = 5081;

    public static void Configure(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var certificate = LoadCertificate(configuration);
        var scheme = certificate is null ? "http" : "https";
        var given = configuration[WebHostDefaults.ServerUrlsKey];
        var grpc = Split(string.IsNullOrWhiteSpace(given) ? $"{scheme}://localhost:{DefaultGrpcPort}" : given);
        var rest = Split(configuration["Matchmaker:RestUrls"] ?? (string.IsNullOrWhiteSpace(given) ? $"{scheme}://localhost:{DefaultRestPort}" : ""));
        foreach (var url in grpc.Concat(rest))
        {
            if (!url.StartsWith(scheme + "://", StringComparison.OrdinalIgnoreCase))
            {
                throw new StartupException(certificate is null
                    ? $"'{url}' is not an http:// URL: HTTPS needs a certificate (Matchmaker:Tls:Certificate)"
                    : $"'{url}' is not an https:// URL: with Matchmaker:Tls:Certificate set every endpoint is HTTPS");
            }
        }

        var restPorts = rest.Select(Port).ToHashSet();
        builder.WebHost.UseUrls([.. grpc, .. rest]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols =
                certificate is not null ? HttpProtocols.Http1AndHttp2
                : restPorts.Contains(endpoint.IPEndPoint?.Port ?? -1) ? HttpProtocols.Http1
                : HttpProtocols.Http2);
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
        });
        builder.Services.AddSingleton(new ListenUrls(grpc, rest));
    }

    private static X509Certificate2? LoadCertificate(ConfigurationManager configuration)
    {
        var path = configuration["Matchmaker:Tls:Certificate"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new StartupException($"Matchmaker:Tls:Certificate: no file {Path.GetFullPath(path)}");
        }

        var key = configuration["Matchmaker:Tls:Key"];
        var password = configuration["Matchmaker:Tls:Password"];
        try
        {
            return string.IsNullOrWhiteSpace(key)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : string.IsNullOrEmpty(password) ? X509Certificate2.CreateFromPemFile(path, key) : X509Certificate2.CreateFromEncryptedPemFile(path, password, key);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new StartupException(
                $"Matchmaker:Tls:Certificate {Path.GetFullPath(path)} cannot be read ({e.Message.TrimEnd('.')}); a .pfx needs its password in Matchmaker:Tls:Password, a PEM certificate its key in Matchmaker:Tls:Key", e);
        }
    }

    /// <summary>
    /// Each address's port is free to listen on, checked before the host starts: Kestrel binds last, after the demo data
    /// is loaded and with its failure logged as a stack trace. (A port taken between this check and the bind still fails
    /// the start; the program then says so in one line.)
    /// </summary>
    /// <exception cref="StartupException">A port is in use.</exception>
    public static void CheckPortsFree(ListenUrls urls)
    {
        foreach (var url in urls.Grpc.Concat(urls.Rest))
        {
            var uri = ListenUri(url);
            if (uri.Port == 0)
            {
                continue;
            }

            var address = uri.IsLoopback ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : IPAddress.Any;
            // Bound, never listening: nothing can connect to the probe (a client waiting for the port would take it for the
            // server). As Kestrel binds, a port whose last connections are still closing (TIME_WAIT) is free; one another
            // process listens on is not.
            using var probe = new System.Net.Sockets.Socket(address.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            try
            {
                probe.SetSocketOption(System.Net.Sockets.SocketOptionLevel.Socket, System.Net.Sockets.SocketOptionName.ReuseAddress, true);
                probe.Bind(new IPEndPoint(address, uri.Port));
            }
            catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
            {
                throw new StartupException(InUse(url), e);
            }
        }
    }

    /// <summary>What a start says of a port in use.</summary>
    public static string InUse(string url) =>
        $"cannot listen on {url}: the port is in use (another Matchmaker server? `ss -ltnp` names the process); " +
        "choose another with --urls URL (gRPC) and --Matchmaker:RestUrls URL (REST)";

    private static List<string> Split(string urls) => [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A URL to listen on as a Uri (Kestrel's "*" and "+" hosts read as 0.0.0.0, every address).</summary>
    /// <exception cref="StartupException">It is not a URL.</exception>
    public static Uri ListenUri(string url) =>
        Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri
            : throw new StartupException($"'{url}' is not a URL to listen on");

    private static int Port(string url) => ListenUri(url).Port;
}

/// <summary>The URLs the service listens on, by kind (for the start-up log and development mode's check).</summary>
public sealed record ListenUrls(IReadOnlyList<string> Grpc, IReadOnlyList<string> Rest);
