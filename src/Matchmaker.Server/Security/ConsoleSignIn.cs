using Matchmaker.Security;
using Matchmaker.Web;

namespace Matchmaker.Server.Security;

/// <summary>The console's sign-in against the service's own API keys and development mode.</summary>
internal sealed class ConsoleSignIn(ApiKeyStore keys, SecurityMode mode) : IConsoleSignIn
{
    public bool DevelopmentMode => mode.Development;

    public bool IsLocal(HttpContext context) => SecurityMode.IsLocal(context.Connection.RemoteIpAddress);

    public (string Id, string Name, string Role)? Find(string secret) => keys.Find(secret) is { } key ? (key.Id, key.Name, key.Role) : null;

    public bool Active(string keyId) => keys.IsActive(keyId);
}
