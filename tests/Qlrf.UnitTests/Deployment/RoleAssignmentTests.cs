using Qlrf.UnitTests.Deployment.Arm;

namespace Qlrf.UnitTests.Deployment;

/// <summary>On the compiled template: each identity holds exactly its least-privilege roles, each on the one resource it is for.</summary>
public sealed class RoleAssignmentTests
{
    // Built-in role definition ids (Azure's, the same in every tenant).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string CognitiveServicesOpenAiUser = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";

    private const string Storage = "Microsoft.Storage/storageAccounts";
    private const string KeyVault = "Microsoft.KeyVault/vaults";
    private const string AppInsights = "Microsoft.Insights/components";
    private const string OpenAi = "Microsoft.CognitiveServices/accounts";

    private static readonly Dictionary<string, string> RoleNames = new(StringComparer.Ordinal)
    {
        [StorageBlobDataOwner] = nameof(StorageBlobDataOwner),
        [StorageQueueDataContributor] = nameof(StorageQueueDataContributor),
        [StorageTableDataContributor] = nameof(StorageTableDataContributor),
        [KeyVaultSecretsUser] = nameof(KeyVaultSecretsUser),
        [KeyVaultSecretsOfficer] = nameof(KeyVaultSecretsOfficer),
        [MonitoringMetricsPublisher] = nameof(MonitoringMetricsPublisher),
        [CognitiveServicesOpenAiUser] = nameof(CognitiveServicesOpenAiUser),
    };

    private static readonly string[] EveryApp =
    [
        $"{nameof(StorageBlobDataOwner)} on {Storage}",
        $"{nameof(StorageQueueDataContributor)} on {Storage}",
        $"{nameof(StorageTableDataContributor)} on {Storage}",
        $"{nameof(KeyVaultSecretsUser)} on {KeyVault}",
        $"{nameof(MonitoringMetricsPublisher)} on {AppInsights}",
    ];

    [Fact]
    public void With_no_options_each_app_identity_holds_exactly_the_roles_it_needs_and_nobody_else_holds_any()
    {
        var assignments = Assignments(InfraTemplate.Defaults);

        Assert.Equal(["api", "discovery", "orchestration"], assignments.Keys.Order());
        Assert.All(assignments.Values, roles => Assert.Equal(EveryApp.Order(), roles));
    }

    [Fact]
    public void With_OpenAI_orchestration_and_api_may_call_it_and_the_deploying_user_manages_secrets_and_tables()
    {
        var assignments = Assignments(InfraTemplate.AllOptions);

        Assert.Equal(EveryApp.Order(), assignments["discovery"]);
        Assert.Equal(EveryApp.Append($"{nameof(CognitiveServicesOpenAiUser)} on {OpenAi}").Order(), assignments["orchestration"]);
        Assert.Equal(EveryApp.Append($"{nameof(CognitiveServicesOpenAiUser)} on {OpenAi}").Order(), assignments["api"]);
        Assert.Equal([$"{nameof(KeyVaultSecretsOfficer)} on {KeyVault}", $"{nameof(StorageTableDataContributor)} on {Storage}"], assignments["deployer"]);
    }

    [Fact]
    public void Apps_are_assigned_as_service_principals_and_the_deploying_user_as_a_user()
    {
        var deployerId = InfraTemplate.DeployerPrincipalId;

        Assert.All(InfraTemplate.AllOptions.OfType("Microsoft.Authorization/roleAssignments"), a =>
            Assert.Equal((string?)a.Properties!["principalId"] == deployerId ? "User" : "ServicePrincipal", (string?)a.Properties!["principalType"]));
    }

    /// <summary>
    /// Per principal (app service name, or deployer): "role on resource type", sorted, a role named when its definition
    /// id is one of the built-in ids above; every scope must be a resource the deployment creates.
    /// </summary>
    private static Dictionary<string, List<string>> Assignments(ArmDeployment deployment)
    {
        var principals = deployment.Apps().Values.ToDictionary(a => a.PrincipalId, a => a.Service);
        principals[InfraTemplate.DeployerPrincipalId] = "deployer";
        return deployment.OfType("Microsoft.Authorization/roleAssignments")
            .GroupBy(a => principals[(string)a.Properties!["principalId"]!])
            .ToDictionary(g => g.Key, g => g.Select(a =>
            {
                var role = ((string)a.Properties!["roleDefinitionId"]!).Split('/')[^1];
                Assert.Equal($"/subscriptions/{ArmDeployment.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{role}", (string?)a.Properties!["roleDefinitionId"]);
                var scope = Assert.Single(deployment.Resources, r => r.Id == (string?)a.Body["scope"]);
                return $"{RoleNames.GetValueOrDefault(role, role)} on {scope.Type}";
            }).Order().ToList());
    }
}
