using System.Globalization;
using System.Text;

namespace Qlrf.Bench.Rollouts;

/// <summary>
/// The benchmark's sandbox estate: <see cref="Assets"/> dev assets of one image family on version 1.0, spread over
/// ten sandbox sites, and that family's golden images (1.0, then 2.0 in production for the big rollout; 3.0 in testing for the latency runs).
/// </summary>
internal static class BenchEstate
{
    public const string Family = "bench-base";
    public const int Sites = 10;

    public static string AssetId(int i) => $"bench-{i:D5}";

    public static void Write(string directory, int assets)
    {
        var estate = new StringBuilder();
        estate.AppendLine("organisation: { id: acme, name: Acme Logistics }");
        estate.AppendLine("sites:");
        for (var s = 0; s < Sites; s++)
        {
            estate.AppendLine(CultureInfo.InvariantCulture, $"  - {{ name: bench-site-{s}, platform: aws, region: bench-{s}, kind: cloud_region }}");
        }

        estate.AppendLine("assets:");
        for (var i = 0; i < assets; i++)
        {
            estate.AppendLine(CultureInfo.InvariantCulture, $$"""
                  - id: {{AssetId(i)}}
                    name: vm-{{i:D5}}
                    platform: aws
                    site: bench-site-{{i % Sites}}
                    environment: dev
                    image: { family: {{Family}}, version: "1.0", reference: ami-bench-1 }
                    tags: { app: bench }
                    state: running
                    health: healthy
                """);
        }

        File.WriteAllText(Path.Combine(directory, "estate.yaml"), estate.ToString());

        var images = new StringBuilder($"""
            families:
              - name: {Family}
                os: "Ubuntu 22.04 LTS"
                owner: bench
                versions:

            """);
        for (var v = 1; v <= 3; v++)
        {
            // 1.0 and then 2.0 become production (drift judges the estate against 2.0 once the rollout starts); 3.0 stays in testing.
            var lifecycle = v < 3
                ? $"[{{ status: testing, at: 2026-0{v}-02T00:00:00Z, by: bench, reason: tested }}, {{ status: production, at: 2026-0{v}-03T00:00:00Z, by: bench, reason: released }}]"
                : $"[{{ status: testing, at: 2026-0{v}-02T00:00:00Z, by: bench, reason: tested }}]";
            images.AppendLine(CultureInfo.InvariantCulture, $"      - {{ version: \"{v}.0\", created: 2026-0{v}-01T00:00:00Z, platforms: {{ aws: ami-bench-{v} }}, lifecycle: {lifecycle} }}");
        }

        File.WriteAllText(Path.Combine(directory, "images.yaml"), images.ToString());
    }
}
