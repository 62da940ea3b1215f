using System.Globalization;
using System.Text;

namespace Qlrf.Bench.Api;

/// <summary>
/// The benchmark's sandbox estate: <c>count</c> assets over five platforms, 20 sites, three environments, four image
/// families (each on version 1.0 to 4.0, with 4.0 in production, so most assets drift) and two tags; and the families'
/// golden images. Deterministic.
/// </summary>
internal static class ApiEstate
{
    public static readonly string[] Platforms = ["aws", "azure", "gcp", "vsphere", "kubernetes"];
    public static readonly string[] Environments = ["prod", "staging", "dev"];
    public static readonly string[] Families = ["ubuntu-2204-base", "rhel-9-base", "windows-2022-base", "distroless-java21"];
    public static readonly string[] Teams = ["storefront", "payments", "fulfilment", "finance", "platform"];
    public const int Sites = 20;
    public const int Apps = 200;

    public static string Site(int s) => $"site-{s:D2}";

    public static void Write(string directory, int count)
    {
        var random = new Random(42);
        var estate = new StringBuilder(count * 300);
        estate.AppendLine("organisation: { id: acme, name: Acme Logistics }");
        estate.AppendLine("sites:");
        for (var s = 0; s < Sites; s++)
        {
            estate.AppendLine(CultureInfo.InvariantCulture, $"  - {{ name: {Site(s)}, platform: {Platforms[s % Platforms.Length]}, region: r{s}, kind: cloud_region }}");
        }

        estate.AppendLine("assets:");
        for (var i = 0; i < count; i++)
        {
            var site = i % Sites;
            estate.AppendLine(CultureInfo.InvariantCulture, $$"""
                  - id: asset-{{i:D6}}
                    name: vm-{{i:D6}}
                    platform: {{Platforms[site % Platforms.Length]}}
                    site: {{Site(site)}}
                    environment: {{Environments[random.Next(Environments.Length)]}}
                    image: { family: {{Families[random.Next(Families.Length)]}}, version: "{{random.Next(1, 5)}}.0" }
                    tags: { team: {{Teams[random.Next(Teams.Length)]}}, app: app-{{random.Next(Apps)}} }
                    state: {{(random.Next(20) == 0 ? "stopped" : "running")}}
                    health: healthy
                """);
        }

        File.WriteAllText(Path.Combine(directory, "estate.yaml"), estate.ToString());

        var images = new StringBuilder("families:\n");
        foreach (var family in Families)
        {
            images.AppendLine(CultureInfo.InvariantCulture, $"""
                  - name: {family}
                    os: "{family}"
                    owner: bench
                    versions:
                """);
            for (var v = 1; v <= 4; v++)
            {
                var lifecycle = $"[{{ status: testing, at: 2026-0{v}-02T00:00:00Z, by: bench, reason: tested }}, {{ status: production, at: 2026-0{v}-03T00:00:00Z, by: bench, reason: released }}]";
                images.AppendLine(CultureInfo.InvariantCulture, $"      - {{ version: \"{v}.0\", created: 2026-0{v}-01T00:00:00Z, platforms: {{ aws: ami-{v}, azure: img-{v}, gcp: gce-{v}, vsphere: tpl-{v}, kubernetes: \"reg/{family}:{v}.0\" }}, lifecycle: {lifecycle} }}");
            }
        }

        File.WriteAllText(Path.Combine(directory, "images.yaml"), images.ToString());
    }
}
