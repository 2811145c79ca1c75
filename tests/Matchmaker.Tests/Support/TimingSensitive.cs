namespace Matchmaker.Tests.Support;

/// <summary>
/// Tests whose assertions involve short deadlines (the cache's 50 ms Redis timeout, outages):
/// xUnit runs this collection alone, after the parallel ones, so model training in other test
/// classes cannot starve Redis or the service of CPU while a deadline is being measured.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
