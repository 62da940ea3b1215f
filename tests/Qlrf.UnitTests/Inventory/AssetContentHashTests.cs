using Qlrf.Inventory;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Inventory;

public sealed class AssetContentHashTests
{
    [Fact]
    public void Cosmetic_differences_hash_alike_after_normalisation()
    {
        var a = Assets.Make("i-1") with { Tags = new Dictionary<string, string> { ["team"] = "core", ["app"] = "web" } };
        var b = a with
        {
            Environment = " Prod",
            Image = new ImageRef("UBUNTU-2204-BASE", "1.0.0 "),
            Tags = new Dictionary<string, string> { [" app"] = "web", ["team"] = "core " },
        };

        Assert.Equal(
            AssetContentHash.Compute(AssetNormaliser.Normalise(a)),
            AssetContentHash.Compute(AssetNormaliser.Normalise(b)));
    }

    [Theory]
    [InlineData("version")]
    [InlineData("tag")]
    [InlineData("health")]
    [InlineData("reference")]
    [InlineData("tag-moved")]
    public void Any_real_change_changes_the_hash(string what)
    {
        var a = Assets.Make("i-1");
        var b = what switch
        {
            "version" => a with { Image = new ImageRef("ubuntu-2204-base", "1.0.1") },
            "tag" => a with { Tags = new Dictionary<string, string> { ["team"] = "edge" } },
            "health" => a with { Health = AssetHealth.Degraded },
            "reference" => a with { Image = a.Image! with { Reference = "ami-1" } },
            // A value moved between fields must not collide: length prefixes keep fields apart.
            _ => a with { Tags = new Dictionary<string, string> { ["teamcore"] = string.Empty } },
        };

        Assert.NotEqual(AssetContentHash.Compute(a), AssetContentHash.Compute(b));
    }

    [Fact]
    public void The_hash_is_stable_across_processes_and_releases()
    {
        // A changed encoding must bump AssetContentHash.EncodingVersion; this pins the current one.
        Assert.Equal("070fb26f4f691798fd487c526f2420c842f7bcc014946350f255a290f9d038cc", AssetContentHash.Compute(Assets.Make("i-1")));
    }
}
