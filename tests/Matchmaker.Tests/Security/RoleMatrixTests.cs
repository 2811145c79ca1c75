using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Matchmaker.Security;
using Matchmaker.Tests.Support;
using Matchmaker.V1;
using Microsoft.Extensions.DependencyInjection;

namespace Matchmaker.Tests.Security;

/// <summary>
/// Every rpc of the contract called by every role and by nobody: exactly the calls API.md's roles
/// allow get past authorization (any answer but UNAUTHENTICATED or PERMISSION_DENIED; an empty
/// request then fails validation, which is fine), the rest are refused with the right status.
/// </summary>
public sealed class RoleMatrixTests : IDisposable
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor[] Services =
    [
        ProfileServiceReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ProfileService"),
        MatchServiceReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("MatchService"),
        ModelServiceReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ModelService"),
        EventServiceReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("EventService"),
        ReportServiceReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ReportService"),
    ];

    private readonly InProcessService _service = new();
    private readonly Dictionary<string, string> _keys = [];

    public RoleMatrixTests()
    {
        var store = _service.Services.GetRequiredService<ApiKeyStore>();
        foreach (var role in Roles.All)
        {
            _keys[role] = store.Create($"test {role}", role, DateTimeOffset.UtcNow).Secret;
        }
    }

    /// <summary>Who may call what, written from API.md's Roles, not from the code.</summary>
    private static string[] Allowed(MethodDescriptor method) => (method.Service.Name, method.Name) switch
    {
        ("ProfileService", "GetExporter" or "GetInquiry") => ["portal", "staff", "admin"],
        ("ProfileService", _) => ["portal", "admin"],
        ("MatchService", "MatchInquiry" or "MatchExporter") => ["portal", "staff", "admin"],
        ("MatchService", _) => ["portal", "admin"],
        ("ModelService", _) => ["data-scientist", "admin"],
        ("EventService", _) => ["staff", "admin"],
        ("ReportService", _) => ["staff", "admin"],
        _ => throw new InvalidOperationException($"no row for {method.FullName}"),
    };

    [Fact]
    public async Task EveryRpcAdmitsExactlyItsRoles()
    {
        var methods = Services.SelectMany(s => s.Methods).ToList();
        Assert.True(methods.Count >= 47, $"only {methods.Count} methods found");
        var wrong = new List<string>();
        foreach (var (role, key) in _keys)
        {
            using var channel = _service.ChannelWith(("x-api-key", key));
            foreach (var method in methods)
            {
                var status = await Call(channel, method);
                var allowed = Allowed(method).Contains(role);
                if (allowed && status is StatusCode.PermissionDenied or StatusCode.Unauthenticated)
                {
                    wrong.Add($"{role} refused {method.FullName} ({status})");
                }
                else if (!allowed && status != StatusCode.PermissionDenied)
                {
                    wrong.Add($"{role} got {status} from {method.FullName}, expected PermissionDenied");
                }
            }
        }

        foreach (var method in methods)
        {
            var status = await Call(_service.Channel, method);
            if (status != StatusCode.Unauthenticated)
            {
                wrong.Add($"no key got {status} from {method.FullName}, expected Unauthenticated");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task RefusalsSayWhyAndHealthStaysOpen()
    {
        var none = await Assert.ThrowsAsync<RpcException>(() => _service.Profiles.GetExporterAsync(new GetExporterRequest { Id = "EXP-1" }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, none.StatusCode);
        Assert.Contains("x-api-key", none.Status.Detail, StringComparison.Ordinal);

        using var wrong = _service.ChannelWith(("x-api-key", "mmk_00000000_not-a-key"));
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            new ProfileService.ProfileServiceClient(wrong).GetExporterAsync(new GetExporterRequest { Id = "EXP-1" }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, unknown.StatusCode);
        Assert.Contains("unknown or revoked", unknown.Status.Detail, StringComparison.Ordinal);

        using var portal = _service.ChannelWith(("x-api-key", _keys["portal"]));
        var denied = await Assert.ThrowsAsync<RpcException>(() =>
            new ModelService.ModelServiceClient(portal).ActivateModelAsync(new ActivateModelRequest { Version = "baseline-v1" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal("role portal may not call /matchmaker.v1.ModelService/ActivateModel (allowed: data-scientist, admin)", denied.Status.Detail);

        var health = await new Health.HealthClient(_service.Channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task ARevokedKeyStopsWorkingAtOnce()
    {
        var store = _service.Services.GetRequiredService<ApiKeyStore>();
        var (key, secret) = store.Create("short-lived", "portal", DateTimeOffset.UtcNow);
        using var channel = _service.ChannelWith(("x-api-key", secret));
        var profiles = new ProfileService.ProfileServiceClient(channel);
        var missing = await Assert.ThrowsAsync<RpcException>(() => profiles.GetExporterAsync(new GetExporterRequest { Id = "EXP-404" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        Assert.NotNull(store.Revoke(key.Name, DateTimeOffset.UtcNow));
        var revoked = await Assert.ThrowsAsync<RpcException>(() => profiles.GetExporterAsync(new GetExporterRequest { Id = "EXP-404" }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, revoked.StatusCode);
    }

    [Fact]
    public async Task ContactDataReachesStaffAndAdminOnly()
    {
        var exporter = Samples.Exporter("EXP-C");
        exporter.Contact = new Contact { Name = "Irina Petrova", Email = "irina@example.ru", Phone = "+7 4212 000000" };
        using var admin = _service.ChannelWith(("x-api-key", _keys["admin"]));
        using var staff = _service.ChannelWith(("x-api-key", _keys["staff"]));
        using var portal = _service.ChannelWith(("x-api-key", _keys["portal"]));

        var written = await new ProfileService.ProfileServiceClient(portal).UpsertExporterAsync(new UpsertExporterRequest { Exporter = exporter });
        Assert.Null(written.Exporter.Contact);
        var asPortal = await new ProfileService.ProfileServiceClient(portal).GetExporterAsync(new GetExporterRequest { Id = "EXP-C" });
        Assert.Null(asPortal.Contact);
        Assert.DoesNotContain("irina", asPortal.ToString(), StringComparison.OrdinalIgnoreCase);
        var asStaff = await new ProfileService.ProfileServiceClient(staff).GetExporterAsync(new GetExporterRequest { Id = "EXP-C" });
        Assert.Equal("irina@example.ru", asStaff.Contact.Email);
        var asAdmin = await new ProfileService.ProfileServiceClient(admin).GetExporterAsync(new GetExporterRequest { Id = "EXP-C" });
        Assert.Equal("Irina Petrova", asAdmin.Contact.Name);
    }

    public void Dispose() => _service.Dispose();

    /// <summary>Calls <paramref name="descriptor"/> with an empty request; the status it ends with.</summary>
    internal static async Task<StatusCode> Call(GrpcChannel channel, MethodDescriptor descriptor)
    {
        var input = descriptor.InputType.Parser;
        var output = descriptor.OutputType.Parser;
        var type = (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.DuplexStreaming,
        };
        var method = new Method<IMessage, IMessage>(type, descriptor.Service.FullName, descriptor.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), input.ParseFrom), Marshallers.Create<IMessage>(m => m.ToByteArray(), output.ParseFrom));
        var request = (IMessage)Activator.CreateInstance(descriptor.InputType.ClrType)!;
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30));
        var invoker = channel.CreateCallInvoker();
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(method, null, options, request);
                    break;
                case MethodType.ClientStreaming:
                {
                    using var call = invoker.AsyncClientStreamingCall(method, null, options);
                    try
                    {
                        await call.RequestStream.CompleteAsync();
                    }
                    catch (RpcException)
                    {
                        // The reply below says why.
                    }

                    await call.ResponseAsync;
                    break;
                }

                default:
                {
                    using var call = invoker.AsyncServerStreamingCall(method, null, options, request);
                    while (await call.ResponseStream.MoveNext(CancellationToken.None))
                    {
                    }

                    break;
                }
            }
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }

        return StatusCode.OK;
    }
}
