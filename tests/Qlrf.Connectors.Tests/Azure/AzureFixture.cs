using System.Net;
using Microsoft.AspNetCore.Hosting;
using Qlrf.Connectors.Azure;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Tests.Azure;

/// <summary>
/// An <c>azure</c> source pointed at a loopback Azure Resource Manager. ARM is reached over TLS only
/// (Azure.Core refuses bearer tokens on plain HTTP), so the server has a certificate of its own, trusted
/// through the source's CaCertificateFile setting.
/// </summary>
public static class AzureFixture
{
    public const string Prod = "6e1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b";
    public const string Staging = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    public const string Token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.EXAMPLE.arm-token";

    public static Task<FixtureServer> StartAsync(LoopbackCertificate certificate) =>
        FixtureServer.StartAsync(o => o.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate.Certificate)));

    public static Dictionary<string, string?> Settings(FixtureServer server, LoopbackCertificate certificate, params string[] subscriptions)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kind"] = "azure",
            ["Endpoint"] = server.BaseUrl + "/",
            ["CaCertificateFile"] = certificate.PemFile,
            ["Credentials:AccessTokenVariable"] = Support.Settings.Variable(Token),
        };
        for (var i = 0; i < subscriptions.Length; i++)
        {
            settings[$"Subscriptions:{i}"] = subscriptions[i];
        }

        return settings;
    }

    public static IAssetSource Create(Dictionary<string, string?> settings, InstantTimeProvider time)
    {
        var factory = new AzureAssetSourceFactory(new LogCapture(), time);
        var section = Support.Settings.Section("azure-prod", settings);
        Assert.Empty(factory.Validate(section.Path, section));
        return factory.Create(Support.Settings.Definition("azure-prod", "azure"), section);
    }

    public static Func<RecordedRequest, bool> Vms(string subscription, bool nextPage = false) =>
        r => r.Path == $"/subscriptions/{subscription}/providers/Microsoft.Compute/virtualMachines" && r.Query.Contains("skiptoken", StringComparison.Ordinal) == nextPage;

    public static Func<RecordedRequest, bool> ScaleSets(string subscription) =>
        r => r.Path == $"/subscriptions/{subscription}/providers/Microsoft.Compute/virtualMachineScaleSets";

    /// <summary>The prod subscription: two pages of VMs, a uniform scale set with two instances, a flexible one.</summary>
    public static FixtureServer ServeProd(this FixtureServer server) => server
        .On(Vms(Prod), Answer.Fixture("azure/vms-page1.json"))
        .On(Vms(Prod, nextPage: true), Answer.Fixture("azure/vms-page2.json"))
        .On(ScaleSets(Prod), Answer.Fixture("azure/vmss.json"))
        .On(r => r.Path == $"/subscriptions/{Prod}/resourceGroups/rg-api/providers/Microsoft.Compute/virtualMachineScaleSets/api-vmss/virtualMachines", Answer.Fixture("azure/vmss-vms.json"));

    public static FixtureServer ServeEmpty(this FixtureServer server, string subscription) => server
        .On(Vms(subscription), Answer.Fixture("azure/empty.json"))
        .On(ScaleSets(subscription), Answer.Fixture("azure/empty.json"));
}
