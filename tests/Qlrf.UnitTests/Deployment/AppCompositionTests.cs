using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Qlrf.UnitTests.Deployment;

/// <summary>
/// Each Functions app composed as the Functions host would start it, with exactly the app settings the compiled infra
/// gives it: every service resolves (the container validates every registration), every options class validates,
/// and the worker can create every class that holds a function. Values only Azure knows (an identity's client id,
/// the storage account's endpoints) are stand-ins; the Key Vault setting is left out, since reading the vault needs
/// Azure (its configuration provider has its own tests).
/// </summary>
public sealed class AppCompositionTests
{
    public static TheoryData<string> Services => ["discovery", "orchestration", "api"];

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_app_composes_with_the_settings_infra_gives_it(string service)
    {
        var (create, assembly) = App(service);
        var builder = create([]);
        builder.Configuration.AddInMemoryCollection(Settings(service));
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));

        using var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        using var scope = host.Services.CreateScope();
        var functionClasses = assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
            .ToList();
        foreach (var type in functionClasses)
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
        }

        Assert.NotEmpty(functionClasses);
    }

    [Theory]
    [InlineData("orchestration")]
    [InlineData("api")]
    public void The_apps_that_run_or_check_rollouts_hold_the_real_executors_and_no_sandbox_when_no_sandbox_source_is_configured(string service)
    {
        var (create, _) = App(service);
        var builder = create([]);
        builder.Configuration.AddInMemoryCollection(Settings(service));
        using var host = builder.Build();

        var executors = host.Services.GetServices<Execution.IPlatformExecutor>().Select(e => e.GetType().Name).Order(StringComparer.Ordinal).ToList();
        var drExecutors = host.Services.GetServices<Execution.IDrExecutor>().Select(e => e.GetType().Name).ToList();

        Assert.Equal(["AwsExecutor", "AzureExecutor", "GcpExecutor", "KubernetesExecutor"], executors);
        Assert.DoesNotContain(drExecutors, name => name.StartsWith("Sandbox", StringComparison.Ordinal));
        Assert.Contains("KubernetesDrExecutor", drExecutors);
    }

    [Fact]
    public void An_app_without_its_queue_connection_fails_at_start_naming_the_setting()
    {
        var builder = Functions.Discovery.DiscoveryApp.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(Settings("discovery").Where(s => !s.Key.StartsWith("AssetChangesQueue", StringComparison.Ordinal)));
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<Messaging.StorageQueues.AssetChangeQueues>());

        Assert.Contains("AssetChangesQueue__queueServiceUri", error.Message, StringComparison.Ordinal);
    }

    private static (Func<string[], FunctionsApplicationBuilder> Create, Assembly Assembly) App(string service) => service switch
    {
        "discovery" => (Functions.Discovery.DiscoveryApp.CreateBuilder, typeof(Functions.Discovery.DiscoveryApp).Assembly),
        "orchestration" => (Functions.Orchestration.OrchestrationApp.CreateBuilder, typeof(Functions.Orchestration.OrchestrationApp).Assembly),
        "api" => (Functions.Api.ApiApp.CreateBuilder, typeof(Functions.Api.ApiApp).Assembly),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    /// <summary>The app's settings from the compiled infra, as configuration keys, with stand-ins for values only Azure knows.</summary>
    private static Dictionary<string, string?> Settings(string service) =>
        InfraTemplate.AllOptions.Apps()[service].Settings
            .Where(s => s.Key != "AZURE_KEY_VAULT_ENDPOINT")
            .ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => StandIn(s.Key, s.Value?.ToString()));

    /// <summary>Replaces each value only Azure knows (<c>{reference(…).property}</c>) by a stand-in of its kind.</summary>
    private static string? StandIn(string key, string? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = new System.Text.StringBuilder();
        for (var at = 0; at < value.Length;)
        {
            var start = value.IndexOf("{reference(", at, StringComparison.Ordinal);
            if (start < 0)
            {
                text.Append(value, at, value.Length - at);
                break;
            }

            var end = start;
            for (var depth = 0; end < value.Length; end++)
            {
                depth += value[end] switch { '{' => 1, '}' => -1, _ => 0 };
                if (depth == 0)
                {
                    break;
                }
            }

            var marker = value[start..(end + 1)];
            text.Append(value, at, start - at).Append(marker switch
            {
                _ when marker.EndsWith("Id}", StringComparison.Ordinal) => "00000000-0000-0000-0000-000000000001",
                _ when marker.Contains("ConnectionString", StringComparison.Ordinal) || key.StartsWith("APPLICATIONINSIGHTS", StringComparison.Ordinal) =>
                    "InstrumentationKey=00000000-0000-0000-0000-000000000002;IngestionEndpoint=https://ingest.example.invalid/",
                _ => "https://stand-in.example.invalid/",
            });
            at = end + 1;
        }

        return text.ToString();
    }
}
