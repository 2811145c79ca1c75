namespace Matchmaker.Tests.Support;

/// <summary>
/// Tests that listen process-wide (an ActivityListener sees every test's spans): xUnit runs this
/// collection alone, so the spans a test counts are its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideListeners
{
    public const string Name = "process-wide-listeners";
}
