using Microsoft.Extensions.Options;

namespace Qlrf.Ai.OpenAi;

/// <summary>A configured model needs an absolute endpoint and a model name; an OpenAI-compatible endpoint needs a key too.</summary>
public sealed class AiModelOptionsValidator : IValidateOptions<AiModelOptions>
{
    public ValidateOptionsResult Validate(string? name, AiModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == AiModelProvider.None)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.Endpoint is not { IsAbsoluteUri: true })
        {
            failures.Add($"Missing setting '{AiModelOptions.Section}:Endpoint' (an absolute URL) for the model provider.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add($"Missing setting '{AiModelOptions.Section}:Model' (the model, or on Azure the deployment).");
        }

        if (options.Provider == AiModelProvider.OpenAi && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"Missing setting '{AiModelOptions.Section}:ApiKey' for an OpenAI-compatible endpoint.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
