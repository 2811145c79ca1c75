using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Matchmaker.Tests.Support;
using Matchmaker.V1;

namespace Matchmaker.Tests.Security;

/// <summary>TLS as a configuration switch: the real server with a self-signed certificate, gRPC over HTTPS, and plain HTTP refused.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task With_a_certificate_the_server_speaks_grpc_over_https_only()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = Path.Combine(_data.Path, "server.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "secret"));

        // The client trusts exactly this certificate (a self-signed one is in no trust store).
        using var trusting = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString(),
            },
        };
        using var server = new ServerProcess(Path.Combine(_data.Path, "data"), trusting, "--Matchmaker:Tls:Certificate", pfx, "--Matchmaker:Tls:Password", "secret");
        await server.StartAsync();
        Assert.StartsWith("https://", server.Url, StringComparison.Ordinal);

        using var channel = server.Connect();
        var profiles = new ProfileService.ProfileServiceClient(channel);
        var stored = await profiles.UpsertExporterAsync(new UpsertExporterRequest { Exporter = Samples.Exporter("EXP-1") });
        Assert.Equal(1, stored.Exporter.Version);

        // Plain HTTP/2 on the same port gets no gRPC answer.
        using var plain = Grpc.Net.Client.GrpcChannel.ForAddress(server.Url.Replace("https://", "http://", StringComparison.Ordinal));
        var e = await Assert.ThrowsAsync<RpcException>(() => new ProfileService.ProfileServiceClient(plain)
            .GetExporterAsync(new GetExporterRequest { Id = "EXP-1" }, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);
        Assert.NotEqual(StatusCode.OK, e.StatusCode);
    }

    [Fact]
    public async Task An_https_url_without_a_certificate_is_refused_at_start_with_the_reason()
    {
        var server = new ServerProcess(Path.Combine(_data.Path, "data"), new HttpClientHandler());
        using (server)
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAsync);
            Assert.Contains("Matchmaker did not start: 'https://127.0.0.1:", e.Message, StringComparison.Ordinal);
            Assert.Contains("HTTPS needs a certificate (Matchmaker:Tls:Certificate)", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", e.Message, StringComparison.Ordinal);
            Assert.Contains("exited with 2", e.Message, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _data.Dispose();
}
