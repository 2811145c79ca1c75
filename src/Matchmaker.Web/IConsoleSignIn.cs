using Microsoft.AspNetCore.Http;

namespace Matchmaker.Web;

/// <summary>What the console's sign-in asks of the host's security: its API keys and whether it runs in development mode.</summary>
public interface IConsoleSignIn
{
    /// <summary>No API key exists and no identity provider is configured: callers on this machine are admin.</summary>
    bool DevelopmentMode { get; }

    /// <summary>The request comes from this machine.</summary>
    bool IsLocal(HttpContext context);

    /// <summary>The active key with this secret (its id, name and role), or null when it is unknown or revoked.</summary>
    (string Id, string Name, string Role)? Find(string secret);

    /// <summary>Whether a signed-in key (by id) is still active: a revoked key's session ends at its next request.</summary>
    bool Active(string keyId);
}
