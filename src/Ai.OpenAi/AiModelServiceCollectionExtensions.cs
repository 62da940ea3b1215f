using Azure.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Ai.Planning;

namespace Qlrf.Ai.OpenAi;

public static class AiModelServiceCollectionExtensions
{
    /// <summary>
    /// Registers the copilot's model (section <c>Qlrf:Ai:Model</c>, validated at start-up): with a provider configured,
    /// the <see cref="LlmPlanner"/> plans instead of the rule-based planner (decided when the planner is first resolved). Call after <c>AddAiCopilot</c>. On Azure without an
    /// API key the app's <see cref="TokenCredential"/> (its managed identity) signs in.
    /// </summary>
    public static IHostApplicationBuilder AddAiModel(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AiModelOptions>().BindConfiguration(AiModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AiModelOptions>, AiModelOptionsValidator>();
        services.TryAddSingleton<IChatClient>(sp => ChatClients.Create(sp.GetRequiredService<IOptions<AiModelOptions>>().Value, sp.GetService<TokenCredential>()));
        services.AddSingleton<LlmPlanner>();
        services.Replace(ServiceDescriptor.Singleton<IAiPlanner>(sp =>
            sp.GetRequiredService<IOptions<AiModelOptions>>().Value.Provider == AiModelProvider.None
                ? sp.GetRequiredService<RuleBasedPlanner>()
                : sp.GetRequiredService<LlmPlanner>()));
        return builder;
    }
}
