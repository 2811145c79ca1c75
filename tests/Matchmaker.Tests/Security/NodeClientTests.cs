using System.Diagnostics;
using Matchmaker.Security;
using Matchmaker.Store;
using Matchmaker.Tests.Support;

namespace Matchmaker.Tests.Security;

/// <summary>A client from another ecosystem (Node.js, @grpc/grpc-js with the repo's protos) against the real server over a socket.</summary>
public sealed class NodeClientTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [NodeClientFact]
    public async Task A_node_client_with_a_key_upserts_matches_and_records_feedback_and_is_refused_for_a_wrong_role()
    {
        string portal, scientist;
        using (var database = new SqliteDatabase(Path.Combine(_data.Path, "store.db")))
        {
            var keys = new ApiKeyStore(database);
            portal = keys.Create("node portal", "portal", DateTimeOffset.UtcNow).Secret;
            scientist = keys.Create("node lab", "data-scientist", DateTimeOffset.UtcNow).Secret;
        }

        using var server = new ServerProcess(_data.Path);
        await server.StartAsync();

        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(NodeClientFactAttribute.Folder, "client.js"), $"127.0.0.1:{server.Port}", portal, scientist, GoogleApiProtos() })
        {
            info.ArgumentList.Add(arg);
        }

        using var node = Process.Start(info)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;

        Assert.True(node.ExitCode == 0, output);
        foreach (var step in new[] { "upsert", "upsert inquiry", "match", "no contact for the portal", "feedback", "wrong role refused", "right role admitted", "no key refused" })
        {
            Assert.Contains($"{{\"step\":\"{step}\",\"ok\":true", output, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _data.Dispose();

    // google/api/annotations.proto, which the service protos import, from the NuGet package the build restored.
    private static string GoogleApiProtos()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Directory.GetDirectories(Path.Combine(packages, "google.api.commonprotos"))
            .Select(v => Path.Combine(v, "content", "protos"))
            .First(p => File.Exists(Path.Combine(p, "google", "api", "annotations.proto")));
    }
}
