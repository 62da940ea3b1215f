using Qlrf.Connectors.Gcp;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Tests.Gcp;

/// <summary>A <c>gcp</c> source pointed at a loopback Compute Engine API serving recorded answers.</summary>
public static class GcpFixture
{
    public const string Token = "ya29.a0AfB_byEXAMPLE-access-token";

    public static Dictionary<string, string?> Settings(FixtureServer server, params string[] projects)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kind"] = "gcp",
            ["Endpoint"] = server.BaseUrl + "/compute/v1/",
            ["Credentials:AccessTokenVariable"] = Support.Settings.Variable(Token),
        };
        for (var i = 0; i < projects.Length; i++)
        {
            settings[$"Projects:{i}"] = projects[i];
        }

        return settings;
    }

    public static IAssetSource Create(Dictionary<string, string?> settings, InstantTimeProvider time)
    {
        var factory = new GcpAssetSourceFactory(new LogCapture(), time);
        var section = Support.Settings.Section("gcp-prod", settings);
        Assert.Empty(factory.Validate(section.Path, section));
        return factory.Create(Support.Settings.Definition("gcp-prod", "gcp"), section);
    }

    public static Func<RecordedRequest, bool> Aggregated(string project, string collection, string? pageToken = null) =>
        r => r.Path == $"/compute/v1/projects/{project}/aggregated/{collection}" && r.Parameter("pageToken") == pageToken;

    public static Func<RecordedRequest, bool> Image(string path) => r => r.Path == "/compute/v1/" + path;

    /// <summary>Project acme-prod: disks, two pages of instances, and their images (one of them gone).</summary>
    public static FixtureServer ServeProd(this FixtureServer server) => server
        .On(Aggregated("acme-prod", "disks"), Answer.Fixture("gcp/disks.json"))
        .On(Aggregated("acme-prod", "instances"), Answer.Fixture("gcp/instances-page1.json"))
        .On(Aggregated("acme-prod", "instances", "CkQI6L3lmM7qjwM6OQoCGAMKAyC1BgoCGAIKByD4-JqHwAIKAhgECgIgAAoCGAEKAyCfAQoCGAMKAhgECgcg0u3Ei7YC"), Answer.Fixture("gcp/instances-page2.json"))
        .On(Image("projects/acme-images/global/images/ubuntu-2204-base-v20261020"), Answer.Fixture("gcp/image-ubuntu-golden.json"))
        .On(Image("projects/debian-cloud/global/images/debian-12-bookworm-v20240110"), Answer.Fixture("gcp/image-debian.json"))
        .On(Image("projects/acme-images/global/images/postgres-16-base-2-1-3"), Answer.Fixture("gcp/not-found.json", 404));

    /// <summary>Project acme-staging: no instances, one zone unreachable.</summary>
    public static FixtureServer ServeStaging(this FixtureServer server) => server
        .On(Aggregated("acme-staging", "disks"), Answer.Fixture("gcp/empty-aggregated.json"))
        .On(Aggregated("acme-staging", "instances"), Answer.Fixture("gcp/instances-unreachable.json"));
}
