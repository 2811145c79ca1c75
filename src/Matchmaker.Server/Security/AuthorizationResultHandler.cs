using System.Security.Claims;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Matchmaker.Server.Internal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Matchmaker.Server.Security;

/// <summary>
/// A refused call says why, as its caller reads it: UNAUTHENTICATED "this call needs an API key …"
/// or "the API key is unknown or revoked"; PERMISSION_DENIED naming the caller's role, the rpc and
/// the roles it admits.
/// </summary>
internal sealed class AuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (Web.ConsoleExtensions.IsConsoleRequest(context.Request.Path))
        {
            // The console's pages: the cookie scheme sends the browser to sign in.
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Challenged)
        {
            var failure = context.Items[ApiKeyAuthenticationHandler.FailureItem] as string;
            var message = failure is null
                ? $"this call needs an API key (header {ApiKeyAuthenticationHandler.Header}) or a bearer token (header authorization)"
                : $"not authenticated: {ErrorInterceptor.Cap(failure, 200)}";
            await GrpcStatusWriter.WriteAsync(context, StatusCode.Unauthenticated, message);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var allowed = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct();
            var roles = context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
            var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName ?? context.Request.Path.Value;
            var unmapped = context.User.FindAll(SecurityExtensions.UnmappedRoleClaim).Select(c => c.Value).ToList();
            var who = roles.Count > 0 ? $"role {string.Join(", ", roles)}"
                : unmapped.Count > 0 ? $"a token whose roles ({ErrorInterceptor.Cap(string.Join(", ", unmapped), 200)}) are not Matchmaker roles (map them with Matchmaker:Auth:Jwt:RoleMap)"
                : "a caller with no Matchmaker role";
            await GrpcStatusWriter.WriteAsync(context, StatusCode.PermissionDenied,
                $"{who} may not call {method} (allowed: {string.Join(", ", allowed)})");
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
