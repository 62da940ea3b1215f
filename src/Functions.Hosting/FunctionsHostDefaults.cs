using Azure.Core;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qlrf.Configuration.KeyVault;
using Qlrf.Json;

namespace Qlrf.Functions.Hosting;

public static class FunctionsHostDefaults
{
    /// <summary>
    /// What every QL-RF Functions app starts with: the app's managed identity as the <see cref="TokenCredential"/>;
    /// the Key Vault's secrets as configuration (<c>AZURE_KEY_VAULT_ENDPOINT</c>; a secret named
    /// <c>Qlrf--Notifications--Slack--BotToken</c> is the setting <c>Qlrf:Notifications:Slack:BotToken</c>, re-read
    /// every 30 minutes; app settings may also hold Key Vault references, resolved by the platform with the app's identity);
    /// our JSON conventions for HTTP, Durable and queue payloads; Application Insights; and the timer runner.
    /// </summary>
    public static FunctionsApplicationBuilder AddQlrfFunctionsDefaults(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var credential = AppCredential.Create(builder.Configuration);
        builder.Services.AddSingleton(credential);
        builder.Configuration.AddKeyVaultSecretsIfConfigured(credential);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(QlrfJson.Options));
        builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        builder.Services.AddSingleton<TimerRunner>();
        return builder;
    }
}
