using System.Security.Claims;
using System.Text.Encodings.Web;
using Matchmaker.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Matchmaker.Server.Security;

/// <summary>
/// The "ApiKey" scheme: the key in the <c>x-api-key</c> header (gRPC metadata or HTTP header) is
/// looked up by its hash; the caller gets the key's name and role. Without a key, in development
/// mode, a caller on this machine is admin.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys, SecurityMode mode)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "x-api-key";

    /// <summary>The caller id of development mode's local admin.</summary>
    public const string DevelopmentId = ApiKeyStore.DevelopmentCallerId;

    /// <summary>HttpContext.Items key of why authentication failed (the authorization result handler says it).</summary>
    public const string FailureItem = "matchmaker.auth.failure";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var given = Request.Headers[Header].ToString();
        if (given.Length > 0)
        {
            var key = keys.Find(given.Trim());
            return Task.FromResult(key is null ? Fail("the API key is unknown or revoked") : Success(key.Id, key.Name, key.Role));
        }

        if (mode.Development)
        {
            return Task.FromResult(SecurityMode.IsLocal(Context.Connection.RemoteIpAddress)
                ? Success(DevelopmentId, "development", Roles.Admin)
                : Fail("development mode (no API keys yet) answers callers on this machine only"));
        }

        return Task.FromResult(AuthenticateResult.NoResult());
    }

    private AuthenticateResult Fail(string why)
    {
        Context.Items[FailureItem] = why;
        return AuthenticateResult.Fail(why);
    }

    private static AuthenticateResult Success(string id, string name, string role)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
