namespace Matchmaker.Tests.Support;

/// <summary>
/// Tests that listen process-wide (an ActivityListener, or OpenTelemetry's meter provider, sees every test's spans
/// and measurements): xUnit runs this collection alone, so what a test counts is its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideListeners
{
    public const string Name = "process-wide-listeners";
}
