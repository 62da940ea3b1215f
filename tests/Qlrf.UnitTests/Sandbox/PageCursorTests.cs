using Qlrf.Paging;

namespace Qlrf.UnitTests.Sandbox;

public sealed class PageCursorTests
{
    [Fact]
    public void A_cursor_round_trips_within_its_listing_only()
    {
        var cursor = PageCursor.Encode("assets", "web|01");

        Assert.True(PageCursor.TryDecode("assets", cursor, out var key));
        Assert.Equal("web|01", key);
        Assert.False(PageCursor.TryDecode("discovery-runs", cursor, out _));
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("YWJj")]
    [InlineData("")]
    public void Garbage_is_not_a_cursor(string cursor) => Assert.False(PageCursor.TryDecode("assets", cursor, out _));
}
