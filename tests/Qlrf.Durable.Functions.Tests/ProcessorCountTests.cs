namespace Qlrf.Durable.Functions.Tests;

/// <summary>
/// InProcessTestHost's dispatchers allow Environment.ProcessorCount work items in flight and wait 500 ms when full; the
/// project's run settings raise DOTNET_PROCESSOR_COUNT so that the scenarios do not crawl on a 2-core machine.
/// </summary>
public sealed class ProcessorCountTests
{
    [Fact]
    public void The_test_process_runs_with_the_raised_processor_count_of_its_run_settings() =>
        Assert.Equal(256, Environment.ProcessorCount);
}
