using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Qlrf.UnitTests.Deployment;

/// <summary>On the compiled template: the three apps reach everything with their own managed identity, and nothing accepts or holds a key.</summary>
public sealed partial class ManagedIdentityTests
{
    public static TheoryData<string> Services => ["discovery", "orchestration", "api"];

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_app_runs_as_its_own_user_assigned_identity_and_pulls_its_package_with_it(string service)
    {
        var app = InfraTemplate.Defaults.Apps()[service];

        Assert.Equal("UserAssigned", (string?)app.Site.Body["identity"]!["type"]);
        Assert.StartsWith($"id-{service}-", app.Identity.Name, StringComparison.Ordinal);
        var storage = app.Site.Properties!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal(app.Identity.Id, (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Equal(app.Identity.Id, (string?)app.Site.Properties!["keyVaultReferenceIdentity"]);
        Assert.Equal(app.ClientId, app.Setting("AZURE_CLIENT_ID"));
        Assert.Equal(1, InfraTemplate.Defaults.Apps().Values.Count(a => a.Identity.Id == app.Identity.Id));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_host_storage_and_the_asset_change_queue_are_identity_based_connections(string service)
    {
        var app = InfraTemplate.Defaults.Apps()[service];
        var account = InfraTemplate.Defaults.StorageAccount().Name;

        Assert.Null(app.Setting("AzureWebJobsStorage"));
        Assert.Equal(account, app.Setting("AzureWebJobsStorage__accountName"));
        Assert.Equal("managedidentity", app.Setting("AzureWebJobsStorage__credential"));
        Assert.Equal(app.ClientId, app.Setting("AzureWebJobsStorage__clientId"));
        Assert.Equal($"https://{account}.queue.core.windows.net/", app.Setting("AssetChangesQueue__queueServiceUri"));
        Assert.Equal("managedidentity", app.Setting("AssetChangesQueue__credential"));
        Assert.Equal(app.ClientId, app.Setting("AssetChangesQueue__clientId"));
        Assert.Equal("asset-changes", app.Setting("QLRF_ASSET_CHANGES_QUEUE"));
        Assert.Equal($"ClientId={app.ClientId};Authorization=AAD", app.Setting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
    }

    [Fact]
    public void The_asset_change_queue_and_its_poison_queue_exist()
    {
        var queues = InfraTemplate.Defaults.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => q.Name.Split('/')[^1]);

        Assert.Equal(["asset-changes", "asset-changes-poison"], queues.Order());
    }

    [Fact]
    public void Storage_monitoring_Key_Vault_and_OpenAI_accept_Entra_ID_only()
    {
        var deployment = InfraTemplate.AllOptions;

        var storage = deployment.StorageAccount().Properties!;
        Assert.False((bool)storage["allowSharedKeyAccess"]!);
        Assert.True((bool)storage["defaultToOAuthAuthentication"]!);
        Assert.False((bool)storage["allowBlobPublicAccess"]!);
        Assert.True((bool)Assert.Single(deployment.OfType("Microsoft.Insights/components")).Properties!["DisableLocalAuth"]!);
        Assert.True((bool)Assert.Single(deployment.OfType("Microsoft.OperationalInsights/workspaces")).Properties!["features"]!["disableLocalAuth"]!);
        Assert.True((bool)Assert.Single(deployment.OfType("Microsoft.KeyVault/vaults")).Properties!["enableRbacAuthorization"]!);
        Assert.True((bool)Assert.Single(deployment.OfType("Microsoft.CognitiveServices/accounts")).Properties!["disableLocalAuth"]!);
        var publishing = deployment.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(6, publishing.Count);
        Assert.All(publishing, p => Assert.False((bool)p.Properties!["allow"]!));
    }

    [Fact]
    public void No_value_anywhere_in_the_deployment_is_a_key_a_password_or_a_connection_string_with_a_secret()
    {
        foreach (var deployment in new[] { InfraTemplate.Defaults, InfraTemplate.AllOptions })
        {
            var values = deployment.Resources.SelectMany(r => Strings(r.Body).Select(v => (r.Id, v)))
                .Concat(deployment.Outputs.SelectMany(o => Strings(o.Value).Select(v => (o.Key, v))));

            Assert.All(values, pair => Assert.False(Secret().IsMatch(pair.v), $"{pair.Item1}: {pair.v}"));
        }

        Assert.DoesNotMatch(ListFunction(), InfraTemplate.Json.ToJsonString());
    }

    [Fact]
    public void The_secret_check_recognises_what_it_guards_against()
    {
        Assert.Matches(Secret(), "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc==");
        Assert.Matches(Secret(), "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=abc");
        Assert.Matches(Secret(), "Server=db;User Id=sa;Password=hunter2");
        Assert.Matches(ListFunction(), "\"[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-01-01').keys[0].value]\"");
        Assert.DoesNotMatch(Secret(), "ClientId={reference(x).clientId};Authorization=AAD");
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value).Prepend(p.Key)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    [GeneratedRegex(@"AccountKey=|SharedAccessKey|SharedAccessSignature|[?&]sig=|Password=|pwd=|ClientSecret", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();

    // listKeys, listConnectionStrings, listSecrets, listAccountSas, ...: every ARM function that returns a secret.
    [GeneratedRegex(@"\blist[A-Za-z]*\(")]
    private static partial Regex ListFunction();
}
