using Qlrf.Connectors.Tests.Support;

namespace Qlrf.Connectors.Tests.Common;

public sealed class ScopeSweepTests
{
    private static Task RunAsync(RecordingSink sink, params bool[] fail) =>
        ScopeSweep.RunAsync(
            "src",
            Enumerable.Range(0, fail.Length).ToList(),
            4,
            sink,
            new LogCapture().CreateLogger("test"),
            "test",
            i => new SweepScope($"src/s{i}", $"scope s{i}"),
            (i, _, _) => fail[i] ? throw new ConnectorException($"boom {i}") : Task.CompletedTask,
            CancellationToken.None);

    [Fact]
    public async Task A_failed_scope_is_reported_with_source_and_scope_and_the_rest_are_read()
    {
        var sink = new RecordingSink();

        await RunAsync(sink, false, true, false);

        var failure = Assert.Single(sink.Failures);
        Assert.Equal(("src/s1", "Source 'src', scope s1: boom 1"), (failure.Scope, failure.Message));
    }

    [Fact]
    public async Task When_every_scope_fails_the_sweep_fails()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() => RunAsync(new RecordingSink(), true, true));

        Assert.StartsWith("Every one of the 2 scopes of source 'src' failed; the first: Source 'src', scope s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "aws", "123456789012", "eu-west-1" }, "aws-123456789012-eu-west-1")]
    [InlineData(new[] { "vsphere", "lon", "DC London (main)" }, "vsphere-lon-dc-london-main")]
    public void Site_names_are_lower_case_words_joined_by_dashes(string[] parts, string expected) =>
        Assert.Equal(expected, SiteNames.Of(parts));
}
