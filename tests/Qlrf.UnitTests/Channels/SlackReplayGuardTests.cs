using Qlrf.Channels.Slack;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Channels;

public sealed class SlackReplayGuardTests
{
    [Fact]
    public void A_signature_passes_once_within_the_window_and_again_only_after_it()
    {
        var time = new ManualTimeProvider();
        var guard = new SlackReplayGuard(time);

        Assert.True(guard.FirstSeen("v0=aa"));
        Assert.True(guard.FirstSeen("v0=bb"));
        Assert.False(guard.FirstSeen("v0=aa"));
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(guard.FirstSeen("v0=aa"));

        // By then Slack's timestamp check refuses the request anyway; the guard forgets it.
        time.Advance(TimeSpan.FromMinutes(11));
        Assert.True(guard.FirstSeen("v0=aa"));
        Assert.False(guard.FirstSeen("v0=aa"));
    }

    [Fact]
    public void Many_signatures_are_swept_once_they_are_out_of_the_window()
    {
        var time = new ManualTimeProvider();
        var guard = new SlackReplayGuard(time);
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(guard.FirstSeen($"v0={i}"));
        }

        time.Advance(TimeSpan.FromMinutes(11));
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(guard.FirstSeen($"v0={i}"));
        }
    }
}
