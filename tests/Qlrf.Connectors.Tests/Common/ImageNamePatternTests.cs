using Qlrf.Inventory;

namespace Qlrf.Connectors.Tests.Common;

public sealed class ImageNamePatternTests
{
    [Theory]
    [InlineData("ubuntu-2204-base-1.4.0", "ubuntu-2204-base", "1.4.0")]
    [InlineData("debian-12-bookworm-v20240110", "debian-12-bookworm", "20240110")]
    [InlineData("postgres-16-base-2-1-3", "postgres-16-base", "2-1-3")]
    [InlineData("win2022_core_2026.10", "win2022_core", "2026.10")]
    public void The_default_pattern_takes_the_trailing_version(string name, string family, string version) =>
        Assert.Equal((family, version), new ImageNamePattern(null).Match(name));

    [Theory]
    [InlineData("golden")]
    [InlineData("ubuntu-base-latest")]
    [InlineData("")]
    public void A_name_without_a_version_does_not_match(string name) =>
        Assert.Null(new ImageNamePattern(null).Match(name));

    [Fact]
    public void A_configured_pattern_with_named_groups_is_used() =>
        Assert.Equal(("rhel9", "7"), new ImageNamePattern(@"^golden-(?<family>[a-z0-9]+)-build(?<version>\d+)$").Match("golden-rhel9-build7"));

    [Fact]
    public void Tags_win_over_the_name_and_fill_in_what_it_lacks()
    {
        var pattern = new ImageNamePattern(null);
        Assert.Equal(new ImageRef("ubuntu-2204-base", "1.5.0", "ami-1"), pattern.Resolve("ubuntu-2204-base", "1.5.0", "golden-20261020", "ami-1"));
        Assert.Equal(new ImageRef("custom", "1.4.0", null), pattern.Resolve("custom", null, "ubuntu-2204-base-1.4.0", null));
        Assert.Null(pattern.Resolve(null, null, "golden", "ami-2"));
    }

    [Theory]
    [InlineData("^(?<family>.+)$", "must have the named groups")]
    [InlineData("^(?<family>.+", "is not a valid regular expression")]
    public void A_bad_pattern_is_a_problem_naming_the_setting(string pattern, string expected)
    {
        var problem = Assert.Single(ImageNamePattern.Validate("Qlrf:Discovery:Sources:x:ImageNamePattern", pattern));
        Assert.StartsWith("Qlrf:Discovery:Sources:x:ImageNamePattern ", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
