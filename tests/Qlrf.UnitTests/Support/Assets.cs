using Qlrf.Inventory;

namespace Qlrf.UnitTests.Support;

/// <summary>Test assets.</summary>
public static class Assets
{
    public static Asset Make(string id, string version = "1.0.0", string environment = "prod", string site = "site-a", IReadOnlyDictionary<string, string>? tags = null) => new()
    {
        Id = id,
        Name = id,
        Platform = Platform.Aws,
        Site = site,
        Environment = environment,
        Image = new ImageRef("ubuntu-2204-base", version),
        Tags = tags ?? new Dictionary<string, string> { ["team"] = "core" },
        State = AssetState.Running,
        Health = AssetHealth.Healthy,
    };
}
