using System.Globalization;
using System.Text;
using Qlrf.Inventory;

namespace Qlrf.Bench.Inventory;

/// <summary>A deterministic synthetic estate for benchmarks.</summary>
internal static class SyntheticEstate
{
    private static readonly string[] Families = ["ubuntu-2204-base", "rhel-9-base", "windows-2022-base", "distroless-java21"];
    private static readonly string[] Environments = ["prod", "staging", "dev"];
    private static readonly string[] Teams = ["storefront", "payments", "fulfilment", "finance", "platform"];

    public static List<Asset> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var assets = new List<Asset>(count);
        for (var i = 0; i < count; i++)
        {
            var site = $"site-{i % 20:D2}";
            assets.Add(new Asset
            {
                Id = $"asset-{i:D7}",
                Name = $"vm-{i:D7}",
                Platform = (Platform)(i % 5),
                Site = site,
                Environment = Environments[random.Next(3)],
                Image = new ImageRef(Families[random.Next(Families.Length)], $"2026.{random.Next(1, 11):D2}.1", $"ami-{random.NextInt64():x16}"),
                Tags = new Dictionary<string, string> { ["team"] = Teams[random.Next(Teams.Length)], ["app"] = $"app-{random.Next(200)}", ["cost-centre"] = $"cc-{random.Next(50)}" },
                State = AssetState.Running,
                Health = AssetHealth.Healthy,
            });
        }

        return assets;
    }

    /// <summary>Changes a share of the estate: 60% of it updated, 20% removed, 20% new assets added.</summary>
    public static List<Asset> Change(List<Asset> estate, double share, int seed)
    {
        var random = new Random(seed);
        var changes = (int)(estate.Count * share);
        var result = new List<Asset>(estate);
        var picked = Enumerable.Range(0, estate.Count).OrderBy(_ => random.Next()).Take(changes).ToList();
        var updates = picked.Take(changes * 6 / 10).ToList();
        var removals = picked.Skip(updates.Count).Take(changes * 2 / 10).ToHashSet();
        foreach (var i in updates)
        {
            result[i] = result[i] with { Image = result[i].Image! with { Version = "2026.11.1" } };
        }

        result = result.Where((_, i) => !removals.Contains(i)).ToList();
        var added = changes - updates.Count - removals.Count;
        result.AddRange(Generate(added, seed + 1).Select((a, i) => a with { Id = $"new-{i:D7}" }));
        return result;
    }

    public static List<Asset> BumpAll(List<Asset> estate) =>
        estate.Select(a => a with { Health = a.Health == AssetHealth.Healthy ? AssetHealth.Degraded : AssetHealth.Healthy }).ToList();

    public static void WriteYaml(List<Asset> assets, string path)
    {
        var text = new StringBuilder();
        text.AppendLine("organisation:\n  id: bench\nsites:");
        foreach (var group in assets.GroupBy(a => a.Site).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var platform = Qlrf.Json.EnumText<Platform>.Of(group.First().Platform);
            text.Append(CultureInfo.InvariantCulture, $"  - name: {group.Key}\n    platform: {platform}\n    region: r1\n    kind: cloud_region\n");
        }

        text.AppendLine("assets:");
        foreach (var a in assets)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - id: {a.Id}\n    name: {a.Name}\n    platform: {Qlrf.Json.EnumText<Platform>.Of(a.Platform)}\n    site: {a.Site}\n    environment: {a.Environment}\n");
            text.Append(CultureInfo.InvariantCulture, $"    image:\n      family: {a.Image!.Family}\n      version: \"{a.Image.Version}\"\n    tags:\n");
            foreach (var (k, v) in a.Tags)
            {
                text.Append(CultureInfo.InvariantCulture, $"      {k}: \"{v}\"\n");
            }

            text.Append("    state: running\n    health: healthy\n");
        }

        File.WriteAllText(path, text.ToString());
    }
}
