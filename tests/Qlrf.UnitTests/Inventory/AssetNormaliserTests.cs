using Qlrf.Inventory;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Inventory;

public sealed class AssetNormaliserTests
{
    [Fact]
    public void Normalise_trims_and_folds_case_of_environment_and_family_but_not_version_or_tag_values()
    {
        var raw = Assets.Make("  i-123  ") with
        {
            Name = "  web-01 ",
            Environment = " PROD ",
            Site = " site-a ",
            Image = new ImageRef(" Ubuntu-2204-Base ", " 2026.10.1-RC ", "  "),
            Tags = new Dictionary<string, string> { [" Team "] = " Core ", [""] = "dropped", ["  "] = "dropped" },
        };

        var asset = AssetNormaliser.Normalise(raw);

        Assert.Equal("i-123", asset.Id);
        Assert.Equal("web-01", asset.Name);
        Assert.Equal("prod", asset.Environment);
        Assert.Equal("site-a", asset.Site);
        Assert.Equal(new ImageRef("ubuntu-2204-base", "2026.10.1-RC", null), asset.Image);
        Assert.Equal(new Dictionary<string, string> { ["Team"] = "Core" }, asset.Tags);
    }

    [Fact]
    public void Normalise_names_an_unnamed_asset_after_its_id_and_drops_an_empty_image()
    {
        var asset = AssetNormaliser.Normalise(Assets.Make("vm-7") with { Name = " ", Image = new ImageRef(" ", "") });

        Assert.Equal("vm-7", asset.Name);
        Assert.Null(asset.Image);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad\u0001id")]
    public void Normalise_rejects_an_unusable_id(string id) =>
        Assert.Throws<ArgumentException>(() => AssetNormaliser.Normalise(Assets.Make("x") with { Id = id }));

    [Fact]
    public void Normalise_orders_tags_so_enumeration_is_canonical()
    {
        var asset = AssetNormaliser.Normalise(Assets.Make("a") with
        {
            Tags = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2", ["M"] = "3" },
        });

        Assert.Equal(["M", "a", "z"], asset.Tags.Keys);
    }
}
