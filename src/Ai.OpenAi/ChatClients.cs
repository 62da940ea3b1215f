using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Core;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Qlrf.Ai.OpenAi;

/// <summary>Makes the <see cref="IChatClient"/> of the configured model: Azure OpenAI (managed identity or key) or an OpenAI-compatible endpoint.</summary>
public static class ChatClients
{
    public static IChatClient Create(AiModelOptions options, TokenCredential? credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.Endpoint ?? throw new InvalidOperationException($"Missing setting '{AiModelOptions.Section}:Endpoint'.");
        var model = options.Model ?? throw new InvalidOperationException($"Missing setting '{AiModelOptions.Section}:Model'.");
        var retry = new ClientRetryPolicy(options.MaxRetries);
        switch (options.Provider)
        {
            case AiModelProvider.Azure:
                var azureOptions = new AzureOpenAIClientOptions { RetryPolicy = retry, NetworkTimeout = options.Timeout };
                var azure = string.IsNullOrWhiteSpace(options.ApiKey)
                    ? new AzureOpenAIClient(endpoint, credential ?? throw new InvalidOperationException("Azure OpenAI without an API key needs the app's managed identity."), azureOptions)
                    : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey), azureOptions);
                return azure.GetChatClient(model).AsIChatClient();
            case AiModelProvider.OpenAi:
                var openAiOptions = new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = retry, NetworkTimeout = options.Timeout };
                return new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(options.ApiKey!), openAiOptions).AsIChatClient();
            default:
                throw new InvalidOperationException($"No model is configured ('{AiModelOptions.Section}:Provider' is none).");
        }
    }
}
