using System.ComponentModel.DataAnnotations;

namespace Qlrf.Ai.OpenAi;

/// <summary>Which kind of endpoint the copilot's model is behind.</summary>
public enum AiModelProvider
{
    /// <summary>No model: the rule-based planner plans (the local default).</summary>
    None,

    /// <summary>Azure OpenAI (Azure.AI.OpenAI), with the app's managed identity or an API key.</summary>
    Azure,

    /// <summary>Any endpoint speaking the OpenAI chat-completions protocol, with an API key.</summary>
    OpenAi,
}

/// <summary>The copilot's model (section <c>Qlrf:Ai:Model</c>). Checked at start-up.</summary>
public sealed class AiModelOptions
{
    public const string Section = "Qlrf:Ai:Model";

    /// <summary><c>none</c> (default: the rule-based planner), <c>azure</c> or <c>openai</c>.</summary>
    public AiModelProvider Provider { get; set; } = AiModelProvider.None;

    /// <summary>The endpoint: <c>https://{resource}.openai.azure.com/</c>, or an OpenAI-compatible base URL (e.g. <c>https://api.openai.com/v1</c>).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model name, or on Azure the deployment name.</summary>
    public string? Model { get; set; }

    /// <summary>The API key (a secret: from Key Vault or the environment, never a file). On Azure, leave it empty to use the managed identity.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Rounds of tool calls the model may make while planning. Default 4.</summary>
    [Range(1, 10)]
    public int MaxToolRounds { get; set; } = 4;

    /// <summary>Retries of a throttled (429, honouring retry-after) or failed call. Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>How long one call may take. Default 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
