namespace Matchmaker.Tests.Support;

/// <summary>A test that needs a real redis-server: skipped with how to install it when there is none, except under CI=true, where it runs and fails.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!RedisServer.Installed && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = RedisServer.InstallHint;
        }
    }
}
