using System.Net;
using Matchmaker.Security;
using Microsoft.Extensions.Options;

namespace Matchmaker.Server.Security;

/// <summary>
/// Development mode is on while no API key was ever created and no identity provider is configured:
/// every caller on this machine is admin, callers from elsewhere are refused. It ends by itself,
/// for good, when <c>matchmaker keys create</c> adds the first key (looked up at most once a second,
/// at once when the key is made through this process's store); revoking every key later refuses
/// every call, it does not open the service again.
/// </summary>
public sealed partial class SecurityMode(ApiKeyStore keys, IOptions<AuthOptions> options, TimeProvider time, ILogger<SecurityMode> logger)
{
    private readonly Lock _lock = new();
    private long _checkedAt;
    private bool _development;
    private long _generation = -1;

    public bool JwtConfigured => options.Value.Jwt.Configured;

    public bool Development
    {
        get
        {
            if (JwtConfigured)
            {
                return false;
            }

            var now = time.GetTimestamp();
            lock (_lock)
            {
                var generation = keys.Generation;
                if (generation != _generation || time.GetElapsedTime(_checkedAt, now) > TimeSpan.FromSeconds(1))
                {
                    var development = !keys.AnyCreated();
                    if (_development && !development && _generation >= 0)
                    {
                        LogEnded(logger);
                    }

                    _development = development;
                    _checkedAt = now;
                    _generation = generation;
                }

                return _development;
            }
        }
    }

    /// <summary>Loopback, or no address at all (an in-process or Unix-socket caller).</summary>
    public static bool IsLocal(IPAddress? address) => address is null || IPAddress.IsLoopback(address);

    /// <summary>Whether a URL Kestrel is told to listen on stays on this machine.</summary>
    public static bool IsLoopbackUrl(string url)
    {
        var uri = Endpoints.ListenUri(url);
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An API key was created: development mode has ended, every call now needs a key (or a bearer token)")]
    private static partial void LogEnded(ILogger logger);
}
