using Qlrf.Inventory;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Inventory;

public sealed class AssetFieldDiffTests
{
    [Fact]
    public void Names_each_changed_field_and_tag()
    {
        var before = Assets.Make("i-1", tags: new Dictionary<string, string> { ["team"] = "core", ["old"] = "x" });
        var after = before with
        {
            Image = new ImageRef("ubuntu-2204-base", "2.0.0"),
            State = AssetState.Stopped,
            Tags = new Dictionary<string, string> { ["team"] = "edge", ["new"] = "y" },
        };

        Assert.Equal(["image.version", "state", "tags.new", "tags.old", "tags.team"], AssetFieldDiff.ChangedFields(before, after));
    }

    [Fact]
    public void Equal_assets_have_no_changed_fields() =>
        Assert.Empty(AssetFieldDiff.ChangedFields(Assets.Make("i-1"), Assets.Make("i-1")));
}
