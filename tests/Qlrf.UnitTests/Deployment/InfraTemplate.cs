using System.Text.Json.Nodes;
using Qlrf.UnitTests.Deployment.Arm;

namespace Qlrf.UnitTests.Deployment;

/// <summary>One Functions app of a deployment: its site, app settings and user-assigned identity.</summary>
public sealed record DeployedApp(string Service, ArmResource Site, JsonObject Settings, ArmResource Identity)
{
    /// <summary>The identity's client id, as the deployment reads it.</summary>
    public string ClientId => new RuntimeValue($"reference({Identity.Id}).clientId").ToString();

    /// <summary>The identity's principal (object) id, as the deployment reads it.</summary>
    public string PrincipalId => new RuntimeValue($"reference({Identity.Id}).principalId").ToString();

    public string? Setting(string name) => (string?)Settings[name];
}

/// <summary>
/// infra/main.bicep as the build compiled it (the Bicep CLI's ARM JSON, next to the tests), deployed on paper with
/// <see cref="ArmDeployment"/>.
/// </summary>
public static class InfraTemplate
{
    public const string DeployerPrincipalId = "11111111-2222-3333-4444-555555555555";

    public static JsonObject Json { get; } =
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Deployment", "infra", "main.json")))!.AsObject();

    /// <summary>What <c>azd up</c> deploys with no optional setting: no OpenAI, no sign-in with tokens.</summary>
    public static ArmDeployment Defaults { get; } = Deploy();

    /// <summary>Every option on: OpenAI, sign-in with tokens, and a deploying user who gets roles.</summary>
    public static ArmDeployment AllOptions { get; } = Deploy(deployOpenAi: true, principalId: DeployerPrincipalId, jwtAuthority: "https://login.microsoftonline.com/contoso/v2.0");

    public static ArmDeployment Deploy(bool deployOpenAi = false, string principalId = "", string jwtAuthority = "") =>
        ArmDeployment.Run(Json, new Dictionary<string, object?>
        {
            ["environmentName"] = "qlrf-test",
            ["location"] = "swedencentral",
            ["principalId"] = principalId,
            ["deployOpenAi"] = deployOpenAi,
            ["jwtAuthority"] = jwtAuthority,
            ["jwtAudience"] = jwtAuthority.Length == 0 ? "" : "api://qlrf",
        });

    /// <summary>The deployment's Functions apps by their <c>azd-service-name</c> tag.</summary>
    public static IReadOnlyDictionary<string, DeployedApp> Apps(this ArmDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.OfType("Microsoft.Web/sites").Select(site =>
        {
            var identities = site.Body["identity"]!["userAssignedIdentities"]!.AsObject();
            var identityId = Assert.Single(identities).Key;
            var settings = deployment.OfType("Microsoft.Web/sites/config").Single(c => c.Name == $"{site.Name}/appsettings");
            return new DeployedApp(
                (string)site.Tags!["azd-service-name"]!,
                site,
                settings.Properties!,
                deployment.OfType("Microsoft.ManagedIdentity/userAssignedIdentities").Single(i => i.Id == identityId));
        }).ToDictionary(a => a.Service);
    }

    public static ArmResource StorageAccount(this ArmDeployment deployment) =>
        Assert.Single(deployment.OfType("Microsoft.Storage/storageAccounts"));
}
