using System.ComponentModel.DataAnnotations;

namespace Matchmaker.Server.Security;

/// <summary>
/// <c>Matchmaker:Auth</c>: who may call. API keys live in the data folder (<c>matchmaker keys</c>);
/// an identity provider's JWT bearer tokens are accepted too when <see cref="Jwt"/> names one. With
/// neither (no active key, no provider) the service is in development mode: every caller on this
/// machine is admin, and the service refuses to listen on any address but loopback.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Matchmaker:Auth";

    public JwtOptions Jwt { get; set; } = new();

    /// <summary>
    /// Per caller (key, token subject, or address when anonymous): requests per second, refilled
    /// continuously. Not applied in development mode (one local user). The default is above what
    /// this service answers on 2 cores, so it stops a runaway client, not a busy portal.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RequestsPerSecond { get; set; } = 10_000;

    /// <summary>Requests a caller may send at once above the rate (the token bucket's size).</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 20_000;
}

/// <summary>
/// <c>Matchmaker:Auth:Jwt</c>: bearer tokens from the agency's identity provider, validated by ASP.NET
/// Core's JwtBearer handler. Either <see cref="Authority"/> (keys found by OpenID Connect discovery)
/// or <see cref="SigningKey"/> (a shared HMAC secret, at least 32 bytes).
/// </summary>
public sealed class JwtOptions
{
    /// <summary>The provider's URL (its /.well-known/openid-configuration gives the signing keys).</summary>
    public string? Authority { get; set; }

    /// <summary>A shared HS256 secret instead of an authority.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The expected <c>iss</c>; required with <see cref="SigningKey"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The expected <c>aud</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that carries the caller's roles (one value, an array, or several claims).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Provider role names mapped to Matchmaker's (e.g. "export-desk" → "staff"); Matchmaker's own names map to themselves.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Configured => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
}
