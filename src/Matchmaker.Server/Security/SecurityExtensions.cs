using System.Security.Claims;
using System.Text;
using System.Threading.RateLimiting;
using Grpc.Core;
using Matchmaker.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Matchmaker.Web;

namespace Matchmaker.Server.Security;

/// <summary>Authentication (API keys, JWT bearer), per-rpc roles, per-caller rate limits, and development mode.</summary>
internal static class SecurityExtensions
{
    private const string PolicyScheme = "Matchmaker";

    /// <summary>A role value of the provider's token that maps to no Matchmaker role (said when a call is refused).</summary>
    public const string UnmappedRoleClaim = "matchmaker.unmapped_role";

    public static IServiceCollection AddMatchmakerSecurity(this IServiceCollection services)
    {
        services.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        services.TryAddSingleton(sp => new ApiKeyStore(sp.GetRequiredService<Store.SqliteDatabase>()));
        services.TryAddSingleton<SecurityMode>();
        services.AddSingleton<SecurityModeCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<SecurityModeCheck>());

        services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "API key or bearer token", o => o.ForwardDefaultSelector = context =>
                Web.ConsoleExtensions.IsConsoleRequest(context.Request.Path) ? Web.ConsoleExtensions.CookieScheme
                : context.RequestServices.GetRequiredService<SecurityMode>().JwtConfigured
                && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer()
            .AddConsoleCookie();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((bearer, auth) =>
            ConfigureJwt(bearer, auth.Value.Jwt));
        services.AddAuthorization();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuthorizationResultHandler>();

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var path = context.Request.Path.Value ?? "";
                if (path.StartsWith("/grpc.health.", StringComparison.Ordinal) || path.StartsWith("/grpc.reflection.", StringComparison.Ordinal))
                {
                    return RateLimitPartition.GetNoLimiter("open");
                }

                if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) == ApiKeyAuthenticationHandler.DevelopmentId)
                {
                    return RateLimitPartition.GetNoLimiter("development");
                }

                var limits = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
                var caller = context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
                    ? "caller:" + id
                    : "address:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    // Refilled ten times a second, or once a second below ten requests a second.
                    TokensPerPeriod = limits.RequestsPerSecond >= 10 ? limits.RequestsPerSecond / 10 : limits.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromMilliseconds(limits.RequestsPerSecond >= 10 ? 100 : 1000),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = (rejected, _) =>
            {
                var limits = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
                return new ValueTask(GrpcStatusWriter.WriteAsync(rejected.HttpContext, StatusCode.ResourceExhausted,
                    $"rate limit: at most {limits.RequestsPerSecond} requests per second per caller (bursts of {limits.Burst}, Matchmaker:Auth:RequestsPerSecond and Burst); slow down and retry"));
            };
        });
        return services;
    }

    public static WebApplication UseMatchmakerSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    private static void ConfigureJwt(JwtBearerOptions bearer, JwtOptions jwt)
    {
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters.NameClaimType = "sub";
        bearer.TokenValidationParameters.RoleClaimType = ClaimTypes.Role;
        if (!string.IsNullOrWhiteSpace(jwt.Authority))
        {
            bearer.Authority = jwt.Authority;
            bearer.RequireHttpsMetadata = jwt.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        }

        if (!string.IsNullOrWhiteSpace(jwt.SigningKey))
        {
            bearer.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey));
            bearer.TokenValidationParameters.ValidIssuer = jwt.Issuer;
            bearer.TokenValidationParameters.ValidateIssuer = !string.IsNullOrWhiteSpace(jwt.Issuer);
        }

        bearer.TokenValidationParameters.ValidAudience = jwt.Audience;
        bearer.TokenValidationParameters.ValidateAudience = !string.IsNullOrWhiteSpace(jwt.Audience);
        bearer.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = context =>
            {
                var why = "the bearer token was refused: " + context.Exception switch
                {
                    SecurityTokenExpiredException => "it has expired",
                    SecurityTokenNotYetValidException => "it is not valid yet",
                    SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
                        "its signature does not match the configured signing key or the authority's keys",
                    SecurityTokenInvalidAudienceException => $"its audience is not {jwt.Audience}",
                    SecurityTokenInvalidIssuerException => $"its issuer is not {jwt.Issuer ?? jwt.Authority}",
                    SecurityTokenMalformedException or ArgumentException => "it is not a well-formed JWT",
                    _ => $"it is not valid ({context.Exception.GetType().Name})",
                };
                context.HttpContext.Items[ApiKeyAuthenticationHandler.FailureItem] = why;
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Matchmaker.Server.Security.Jwt");
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Refused a bearer token for {Path}: {Why}", context.HttpContext.Request.Path.Value, why);
                }
                return Task.CompletedTask;
            },
            // The provider's role names become Matchmaker's roles; anything else is ignored.
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is ClaimsIdentity identity)
                {
                    foreach (var value in identity.FindAll(jwt.RoleClaim).SelectMany(c => RoleValues(c.Value)).ToList())
                    {
                        var role = jwt.RoleMap.TryGetValue(value, out var mapped) ? Roles.Parse(mapped) : Roles.Parse(value);
                        if (role is null)
                        {
                            identity.AddClaim(new Claim(UnmappedRoleClaim, value));
                        }
                        else if (!identity.HasClaim(ClaimTypes.Role, role))
                        {
                            identity.AddClaim(new Claim(ClaimTypes.Role, role));
                        }
                    }

                    if (identity.FindFirst(ClaimTypes.NameIdentifier) is null && identity.FindFirst("sub") is { } sub)
                    {
                        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, "jwt:" + sub.Value));
                    }
                }

                return Task.CompletedTask;
            },
        };
    }

    // A JSON array claim arrives as one claim per value, or as the array's text.
    private static IEnumerable<string> RoleValues(string value) =>
        value.StartsWith('[')
            ? value.Trim('[', ']').Split(',').Select(v => v.Trim().Trim('"')).Where(v => v.Length > 0)
            : value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// At start: logs the security mode; in development mode, refuses to start on any address but
/// loopback (there is no key to keep strangers out).
/// </summary>
internal sealed class SecurityModeCheck(SecurityMode mode, IConfiguration configuration, ListenUrls listen, IOptions<AuthOptions> options,
    ApiKeyStore keys, DataDirectory data, ILogger<SecurityModeCheck> logger)
    : IHostedService
{
    /// <summary>
    /// Development mode's loopback rule, checked before the host starts (the program calls it: the demo data would
    /// otherwise be loaded, and the refusal logged with its stack trace, before this service's turn) and again at start.
    /// </summary>
    /// <exception cref="StartupException">Development mode was asked to listen on another address than loopback.</exception>
    public void Check()
    {
        if (mode.Development)
        {
            var open = ListeningUrls(configuration, listen).Where(u => !SecurityMode.IsLoopbackUrl(u)).ToList();
            if (open.Count > 0)
            {
                throw new StartupException(
                    $"development mode (no API key, no identity provider) listens on loopback only, but was asked to listen on {string.Join(", ", open)}. " +
                    $"Create a key first (matchmaker keys create NAME --role admin --data {data.Root}) or configure Matchmaker:Auth:Jwt, or listen on localhost.");
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Check();
        if (mode.Development)
        {
            var urls = ListeningUrls(configuration, listen).ToList();
            logger.LogWarning(
                "Development mode: no API key and no identity provider, so every caller on this machine is admin and other machines are refused; listening on {Urls}. Create a key with 'matchmaker keys create NAME --role admin --data {Data}' to require keys",
                string.Join(", ", urls), data.Root);
        }
        else if (!options.Value.Jwt.Configured && keys.ActiveCount() == 0)
        {
            logger.LogWarning("Every API key in {Data} is revoked and no identity provider is configured: every call will be refused until a key is created", data.Root);
        }
        else if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Callers authenticate with an API key (header x-api-key){Jwt}; roles are checked on every call",
                options.Value.Jwt.Configured ? " or a bearer token from " + (options.Value.Jwt.Authority ?? "the configured signing key") : "");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<string> ListeningUrls(IConfiguration configuration, ListenUrls listen)
    {
        // The configured "urls" (what Kestrel binds; a test host may set it late), else what Endpoints chose.
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        foreach (var url in urls is null ? listen.Grpc.Concat(listen.Rest) : urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return url.Trim();
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { } url)
            {
                yield return url;
            }
        }
    }
}
