using System.Text;
using Grpc.Core;
using Matchmaker.Security;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Matchmaker.Tests.Security;

/// <summary>Bearer tokens from an identity provider, development mode, and the per-caller rate limit.</summary>
public sealed class AuthenticationTests
{
    private const string SigningKey = "a shared secret of at least thirty-two bytes for HS256";

    [Fact]
    public async Task ABearerTokenCarriesTheProvidersRoleMappedToMatchmakers()
    {
        using var service = new InProcessService(
            ("Matchmaker:Auth:Jwt:SigningKey", SigningKey), ("Matchmaker:Auth:Jwt:Issuer", "https://idp.example"),
            ("Matchmaker:Auth:Jwt:Audience", "matchmaker"), ("Matchmaker:Auth:Jwt:RoleMap:export-desk", "staff"));

        using var staff = service.ChannelWith(("authorization", "Bearer " + Token(["export-desk"])));
        var events = await new EventService.EventServiceClient(staff).ListEventsAsync(new ListEventsRequest());
        Assert.Empty(events.Events);
        var denied = await Assert.ThrowsAsync<RpcException>(() => new ModelService.ModelServiceClient(staff).ListModelsAsync(new ListModelsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        using var portal = service.ChannelWith(("authorization", "Bearer " + Token(["portal", "unrelated"])));
        Assert.NotNull(await new MatchService.MatchServiceClient(portal).MatchInquiryAsync(new MatchInquiryRequest { Inquiry = Samples.Inquiry("PREVIEW") }));

        using var forged = service.ChannelWith(("authorization", "Bearer " + Token(["admin"], key: "another secret of at least thirty-two bytes, not ours")));
        var refused = await Assert.ThrowsAsync<RpcException>(() => new EventService.EventServiceClient(forged).ListEventsAsync(new ListEventsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("bearer token was refused: its signature does not match", refused.Status.Detail, StringComparison.Ordinal);

        using var stranger = service.ChannelWith(("authorization", "Bearer " + Token(["buyer"])));
        var unmapped = await Assert.ThrowsAsync<RpcException>(() => new EventService.EventServiceClient(stranger).ListEventsAsync(new ListEventsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, unmapped.StatusCode);
        Assert.Contains("roles (buyer) are not Matchmaker roles (map them with Matchmaker:Auth:Jwt:RoleMap)", unmapped.Status.Detail, StringComparison.Ordinal);

        using var expired = service.ChannelWith(("authorization", "Bearer " + Token(["admin"], expires: DateTime.UtcNow.AddMinutes(-10))));
        var late = await Assert.ThrowsAsync<RpcException>(() => new EventService.EventServiceClient(expired).ListEventsAsync(new ListEventsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, late.StatusCode);
        Assert.Contains("it has expired", late.Status.Detail, StringComparison.Ordinal);

        // With an identity provider configured there is no development mode: no credentials, no call.
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() =>
            service.Events.ListEventsAsync(new ListEventsRequest()).ResponseAsync)).StatusCode);
    }

    [Fact]
    public void DevelopmentModeRefusesToListenBeyondLoopback()
    {
        var e = Assert.ThrowsAny<Exception>(() => new InProcessService(("urls", "http://0.0.0.0:5999")).Dispose());
        Assert.Contains("listens on loopback only", e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("https://[::1]:5443", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://10.1.2.3:5080", false)]
    [InlineData("http://matchmaker.example:5080", false)]
    public void OnlyLoopbackAddressesCountAsLoopback(string url, bool loopback) =>
        Assert.Equal(loopback, Matchmaker.Server.Security.SecurityMode.IsLoopbackUrl(url));

    [Fact]
    public async Task WithoutKeysEveryLocalCallerIsAdminUntilTheFirstKeyExistsAndNeverAgain()
    {
        using var service = new InProcessService();
        Assert.Contains((await service.Models.ListModelsAsync(new ListModelsRequest())).Models, m => m.Version == "baseline-v1");
        var keys = service.Services.GetRequiredService<ApiKeyStore>();
        keys.Create("first", "admin", DateTimeOffset.UtcNow);
        var after = await Assert.ThrowsAsync<RpcException>(() => service.Models.ListModelsAsync(new ListModelsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, after.StatusCode);

        // Revoking every key refuses every call; it does not open the service again.
        Assert.NotNull(keys.Revoke("first", DateTimeOffset.UtcNow));
        var none = await Assert.ThrowsAsync<RpcException>(() => service.Models.ListModelsAsync(new ListModelsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, none.StatusCode);
    }

    [Fact]
    public async Task ACallerOverItsRateGetsResourceExhaustedNamingTheLimit()
    {
        using var service = new InProcessService(("Matchmaker:Auth:RequestsPerSecond", "1"), ("Matchmaker:Auth:Burst", "3"));
        var secret = service.Services.GetRequiredService<ApiKeyStore>().Create("busy portal", "portal", DateTimeOffset.UtcNow).Secret;
        var other = service.Services.GetRequiredService<ApiKeyStore>().Create("quiet portal", "portal", DateTimeOffset.UtcNow).Secret;
        using var channel = service.ChannelWith(("x-api-key", secret));
        var profiles = new ProfileService.ProfileServiceClient(channel);
        var statuses = new List<StatusCode>();
        for (var i = 0; i < 10; i++)
        {
            try
            {
                await profiles.GetInquiryAsync(new GetInquiryRequest { Id = "INQ-404" });
                statuses.Add(StatusCode.OK);
            }
            catch (RpcException e)
            {
                statuses.Add(e.StatusCode);
                if (e.StatusCode == StatusCode.ResourceExhausted)
                {
                    Assert.Contains("at most 1 requests per second per caller", e.Status.Detail, StringComparison.Ordinal);
                }
            }
        }

        Assert.All(statuses.Take(3), s => Assert.Equal(StatusCode.NotFound, s));
        Assert.Contains(StatusCode.ResourceExhausted, statuses);

        // Another key has its own budget.
        using var quiet = service.ChannelWith(("x-api-key", other));
        var own = await Assert.ThrowsAsync<RpcException>(() => new ProfileService.ProfileServiceClient(quiet).GetInquiryAsync(new GetInquiryRequest { Id = "INQ-404" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, own.StatusCode);
    }

    private static string Token(string[] roles, string key = SigningKey, DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://idp.example",
            Audience = "matchmaker",
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(5)).AddMinutes(-30),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "user-1", ["role"] = roles },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}
