namespace Qlrf.Connectors.Tests.Common;

public sealed class BackoffTests
{
    private static readonly ConnectorHttpOptions Options = new() { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(20, 30)]
    public void Each_delay_is_jittered_between_half_and_all_of_the_doubling_ceiling(int attempt, int ceilingSeconds)
    {
        var delays = Enumerable.Range(0, 200).Select(_ => Backoff.Delay(Options, attempt, null)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(ceilingSeconds / 2.0), TimeSpan.FromSeconds(ceilingSeconds)));
        Assert.True(delays.Distinct().Count() > 1, "the delays are not jittered");
    }

    [Fact]
    public void A_longer_retry_after_is_honoured_up_to_five_minutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(45), Backoff.Delay(Options, 1, TimeSpan.FromSeconds(45)));
        Assert.Equal(TimeSpan.FromMinutes(5), Backoff.Delay(Options, 1, TimeSpan.FromHours(1)));
        Assert.InRange(Backoff.Delay(Options, 3, TimeSpan.FromMilliseconds(1)), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
    }
}
