using Qlrf.Images;

namespace Qlrf.UnitTests.Images;

public sealed class ImageVersionNumberTests
{
    [Theory]
    [InlineData("1.2.3", "1.10.0")]
    [InlineData("9.4.5", "9.5.1")]
    [InlineData("2026.09.1", "2026.10.1")]
    [InlineData("2026.08", "2026.10")]
    [InlineData("21.0.4-1", "21.0.5-1")]
    [InlineData("21.0.5-1", "21.0.5-2")]
    [InlineData("21.0.5-2", "21.0.5")]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1")]
    [InlineData("1.0.0-alpha.beta", "1.0.0-beta")]
    [InlineData("1.0.0-2", "1.0.0-10")]
    [InlineData("1.0.0-9", "1.0.0-rc1")]
    [InlineData("2026-09-30", "2026-10-01")]
    [InlineData("2026-10-01", "2026-10-01.2")]
    [InlineData("20260930", "20261001")]
    [InlineData("v1.9", "v1.10")]
    public void Versions_order_semantically(string older, string newer)
    {
        var a = ImageVersionNumber.Parse(older);
        var b = ImageVersionNumber.Parse(newer);

        Assert.True(a < b, $"{older} < {newer}");
        Assert.True(b > a);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("2026.10", "2026.10.0")]
    [InlineData("2026.09", "2026.9")]
    [InlineData("1.2.3+build.7", "1.2.3+build.8")]
    [InlineData("v2.0", "2.0.0")]
    public void Versions_that_differ_only_in_writing_are_equal(string a, string b)
    {
        Assert.Equal(ImageVersionNumber.Parse(a), ImageVersionNumber.Parse(b));
        Assert.Equal(ImageVersionNumber.Parse(a).GetHashCode(), ImageVersionNumber.Parse(b).GetHashCode());
    }

    [Fact]
    public void A_date_is_recognised_as_a_date()
    {
        Assert.True(ImageVersionNumber.Parse("2026-10-01").IsDate);
        Assert.False(ImageVersionNumber.Parse("2026.10.01").IsDate);
        Assert.Equal(0, ImageVersionNumber.Parse("2026-10-01").CompareTo(ImageVersionNumber.Parse("2026.10.1")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("latest")]
    [InlineData("1..2")]
    [InlineData("1.2.x")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-alpha..1")]
    [InlineData("1.2.3+")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("1/2")]
    [InlineData("1.2.3.4.5.6.7.8.9")]
    [InlineData("12345678901234567890")]
    public void Malformed_versions_are_refused_with_a_reason(string text)
    {
        Assert.False(ImageVersionNumber.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Throws<FormatException>(() => ImageVersionNumber.Parse(text));
    }
}
