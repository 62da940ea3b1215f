using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Json;
using Qlrf.Store.Sqlite;

namespace Qlrf.Bench.Drift;

/// <summary>The benchmark's estate: assets spread over families, sites and environments, on versions around production.</summary>
internal sealed class BenchEstate
{
    public const string Org = "bench";
    public static readonly string[] Versions = ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9"];
    public static readonly string[] Environments = ["prod", "staging", "dev"];
    private static readonly Platform[] Platforms = [Platform.Aws, Platform.Azure];
    private static readonly string[] InsertParameters = ["$org", "$id", "$platform", "$site", "$env", "$family", "$version"];

    public BenchEstate(int assets, int families, int sites, int seed)
    {
        var random = new Random(seed);
        Families = Enumerable.Range(0, families).Select(i => $"fam-{i:D2}").ToArray();
        Assets = new Asset[assets];
        for (var i = 0; i < assets; i++)
        {
            Assets[i] = Make(i, Families[i % families], Versions[4 + random.Next(5)], "site-" + random.Next(sites), Environments[random.Next(3)], Platforms[random.Next(2)]);
        }
    }

    public string[] Families { get; }

    public Asset[] Assets { get; }

    public static Asset Make(int i, string family, string version, string site, string environment, Platform platform) => new()
    {
        Id = $"asset-{i:D7}",
        Name = $"asset-{i:D7}",
        Platform = platform,
        Site = site,
        Environment = environment,
        Image = new ImageRef(family, version),
    };

    /// <summary>Families with versions 1.0-1.9 on both platforms, 1.0-1.8 released in turn, 1.8 production and 1.9 in testing.</summary>
    public async Task RegisterAsync(IImageStore images, DateTimeOffset start)
    {
        foreach (var family in Families)
        {
            await images.CreateFamilyAsync(new ImageFamily { Organisation = Org, Name = family, Os = "linux", Owner = "bench", CreatedAt = start, CreatedBy = "bench" }, default);
            for (var v = 0; v < Versions.Length; v++)
            {
                var id = ImageNames.VersionId(family, Versions[v]);
                await images.RegisterVersionAsync(new ImageVersion
                {
                    Organisation = Org,
                    Id = id,
                    Family = family,
                    Version = Versions[v],
                    CreatedAt = start,
                    CreatedBy = "bench",
                    Releases = Platforms.Select(p => new PlatformRelease { Platform = p, Reference = p == Platform.Aws ? "ami-0123456789abcdef0" : "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0" }).ToList(),
                }, default);
                await images.TransitionAsync(Org, Request(id, LifecycleStatus.Testing, start.AddDays(v * 7)), default);
                if (v < Versions.Length - 1)
                {
                    await images.TransitionAsync(Org, Request(id, LifecycleStatus.Production, start.AddDays((v * 7) + 3)), default);
                }
            }
        }
    }

    public static TransitionRequest Request(string id, LifecycleStatus to, DateTimeOffset at) =>
        new() { VersionId = id, To = to, Reason = "bench", Actor = "bench", At = at };

    /// <summary>Writes the assets straight into the inventory table, in one transaction (the bench measures drift, not the inventory).</summary>
    public Task LoadInventoryAsync(SqliteDatabase database) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT OR REPLACE INTO assets (org, id, name, platform, site, environment, image_family, image_version, image_reference, state, health, tags,
                                               source, version, hash, first_seen_at, last_changed_at, removed_at)
                VALUES ($org, $id, $id, $platform, $site, $env, $family, $version, NULL, 'running', 'healthy', '{}', 'bench', 1, 'h', 0, 0, NULL)
                """;
            var p = InsertParameters.Select(n => insert.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter(n, DBNull.Value))).ToArray();
            insert.Prepare();
            foreach (var a in Assets)
            {
                p[0].Value = Org;
                p[1].Value = a.Id;
                p[2].Value = EnumText<Platform>.Of(a.Platform);
                p[3].Value = a.Site;
                p[4].Value = a.Environment;
                p[5].Value = a.Image!.Family;
                p[6].Value = a.Image.Version;
                insert.ExecuteNonQuery();
            }
        }, default);

    /// <summary>Changes the image version of the given assets in the inventory (what applying their events would do).</summary>
    public static Task UpdateVersionsAsync(SqliteDatabase database, IReadOnlyList<(string Id, string Version)> changes) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE assets SET image_version = $version WHERE org = $org AND id = $id";
            var org = update.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter("$org", Org));
            var id = update.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter("$id", string.Empty));
            var version = update.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter("$version", string.Empty));
            update.Prepare();
            foreach (var c in changes)
            {
                id.Value = c.Id;
                version.Value = c.Version;
                update.ExecuteNonQuery();
            }
        }, default);
}
