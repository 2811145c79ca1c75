namespace Matchmaker.Tests.Support;

/// <summary>
/// A test that runs the Node.js client in tests/node-client: skipped with how to set it up when node
/// or its packages are missing, except under CI=true (.ci/run installs them), where it runs and fails.
/// </summary>
public sealed class NodeClientFactAttribute : FactAttribute
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "node-client");

    public NodeClientFactAttribute()
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "@grpc", "grpc-js"))
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "needs Node.js and the client's packages: npm ci --prefix tests/node-client";
        }
    }
}
