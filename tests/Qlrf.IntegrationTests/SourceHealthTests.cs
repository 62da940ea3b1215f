using System.Text.Json;
using Qlrf.Discovery;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests;

public sealed class SourceHealthTests : IDisposable
{
    private readonly HostDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private sealed record SourceDto(string Name, string Kind, SweepStatus? LastSweep, DateTimeOffset? FinishedAt, string? LastError, DateTimeOffset? LastSucceededAt, string? LastSucceededRunId);

    private sealed record ReadyDto(string Status, List<SourceDto> Sources);

    private sealed record RunPageDto(List<SweepRun> Items, string? NextCursor, List<SourceDto> Sources);

    [Fact]
    public async Task Readyz_and_the_runs_listing_keep_the_last_successful_sweep_after_a_failed_one()
    {
        await using var host = new QlrfHost(directory);
        var good = await host.WaitForFirstSweepAsync();
        directory.EditEstate(text => text.Replace("platform: aws", "platform: amazon", StringComparison.Ordinal));

        var bad = await host.SweepNowAsync();

        Assert.Equal(SweepStatus.Failed, bad.Status);
        var (_, _, body) = await host.SendAsync(HttpMethod.Get, "/readyz");
        var ready = JsonSerializer.Deserialize<ReadyDto>(body, QlrfHost.Json)!;
        Assert.Equal("degraded", ready.Status);
        var source = Assert.Single(ready.Sources);
        Assert.Equal((SweepStatus.Failed, bad.FinishedAt), (source.LastSweep, source.FinishedAt));
        Assert.Equal((good.FinishedAt, good.Id), (source.LastSucceededAt, source.LastSucceededRunId));

        var runs = await host.GetJsonAsync<RunPageDto>("/api/v1/discovery/runs?source=sandbox");
        Assert.Equal([bad.Id, good.Id], runs.Items.Select(r => r.Id));
        var summary = Assert.Single(runs.Sources);
        Assert.Equal(("sandbox", "sandbox", SweepStatus.Failed), (summary.Name, summary.Kind, summary.LastSweep));
        Assert.Equal(good.Id, summary.LastSucceededRunId);
    }
}
