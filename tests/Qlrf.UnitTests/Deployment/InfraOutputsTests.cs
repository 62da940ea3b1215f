using System.Text.RegularExpressions;

namespace Qlrf.UnitTests.Deployment;

/// <summary>The outputs azd stores in the environment: the ones README's deploy steps use exist, named in SCREAMING_CASE.</summary>
public sealed partial class InfraOutputsTests
{
    [Fact]
    public void Every_output_README_uses_after_deploy_exists_and_all_are_in_screaming_case()
    {
        var readme = Repository.Read("README.md");
        var deploy = readme[readme.IndexOf("## Deploy to Azure", StringComparison.Ordinal)..readme.IndexOf("## Development", StringComparison.Ordinal)];
        var used = ShellVariable().Matches(deploy).Select(m => m.Groups[1].Value).ToHashSet();
        var outputs = InfraTemplate.Defaults.Outputs;

        Assert.Contains("SERVICE_API_URI", used);
        Assert.Empty(used.Except(outputs.Keys));
        Assert.All(outputs.Keys, name => Assert.Matches(ScreamingCase(), name));
    }

    [Fact]
    public void The_outputs_name_the_deployed_apps_and_resources()
    {
        var deployment = InfraTemplate.Defaults;
        var apps = deployment.Apps();

        Assert.Equal(apps["api"].Site.Name, (string?)deployment.Outputs["SERVICE_API_NAME"]);
        Assert.Equal(apps["discovery"].Site.Name, (string?)deployment.Outputs["SERVICE_DISCOVERY_NAME"]);
        Assert.Equal(apps["orchestration"].Site.Name, (string?)deployment.Outputs["SERVICE_ORCHESTRATION_NAME"]);
        Assert.Equal($"https://{{reference({apps["api"].Site.Id}).defaultHostName}}", (string?)deployment.Outputs["SERVICE_API_URI"]);
        Assert.Equal("rg-qlrf-test", (string?)deployment.Outputs["AZURE_RESOURCE_GROUP"]);
        Assert.Equal(Assert.Single(deployment.OfType("Microsoft.KeyVault/vaults")).Name, (string?)deployment.Outputs["AZURE_KEY_VAULT_NAME"]);
        Assert.Equal("asset-changes", (string?)deployment.Outputs["QLRF_ASSET_CHANGES_QUEUE"]);
    }

    [GeneratedRegex(@"\$\{?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)")]
    private static partial Regex ShellVariable();

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex ScreamingCase();
}
