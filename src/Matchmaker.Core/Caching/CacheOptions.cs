using System.ComponentModel.DataAnnotations;

namespace Matchmaker.Caching;

/// <summary>The match-list cache, in the "Matchmaker:Cache" section: Redis when a connection string is set, in-process otherwise.</summary>
public sealed class CacheOptions
{
    public const string Section = "Matchmaker:Cache";

    public bool Enabled { get; set; } = true;

    /// <summary>StackExchange.Redis configuration, e.g. "localhost:6379"; empty: the in-process cache.</summary>
    public string Redis { get; set; } = "";

    /// <summary>Longest a Redis call may take before the list is computed instead.</summary>
    [Range(1, 10_000)]
    public int TimeoutMilliseconds { get; set; } = 50;

    /// <summary>Memory bound of the in-process cache.</summary>
    [Range(1, 1_000_000)]
    public int InProcessMegabytes { get; set; } = 256;
}
