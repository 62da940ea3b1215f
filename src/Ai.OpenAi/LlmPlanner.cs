using System.ClientModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Ai.Planning;
using Qlrf.Ai.Tools;
using Qlrf.Ai.Validation;
using Qlrf.Json;
using Qlrf.Security;

namespace Qlrf.Ai.OpenAi;

/// <summary>
/// Plans through a model (<see cref="IChatClient"/>) with tool calling. The model sees the tools' schemas and the
/// caller's organisation's vocabulary; it may call read-only and plan-only tools, which run for the caller (their
/// permissions, their organisation, outputs size-bounded) and whose results it reads; a state-changing call is only
/// recorded into the plan, never run. Every call it makes becomes a tool call of the plan, which is then validated like
/// any other. A request the rules refuse never reaches the model; when the model cannot be reached, the rule-based
/// planner plans instead. Token usage comes from the model's usage reports.
/// </summary>
public sealed class LlmPlanner(
    IChatClient chat,
    IAiToolRunner tools,
    IAccessEvaluator access,
    IOptions<AiModelOptions> options,
    ILogger<LlmPlanner> logger) : IAiPlanner
{
    public const string ProposalRecorded = "Recorded as a proposal. Nothing has run: a person must approve the task, and the workflow then waits for its own approval.";

    public async Task<AiPlanningResult> PlanAsync(AiPlanningRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = "llm:" + options.Value.Model;
        if (RuleBasedPlanner.RefusalOf(request.Prompt) is { } refusal)
        {
            return new AiPlanningResult(TaskSpec.Refuse(refusal), name, AiUsage.None);
        }

        var usage = AiUsage.None;
        try
        {
            var messages = new List<ChatMessage> { new(ChatRole.System, LlmPrompts.System(request.Vocabulary)), new(ChatRole.User, request.Prompt) };
            var chatOptions = new ChatOptions { Tools = [.. AiToolCatalog.All.Select(Declaration)], ToolMode = ChatToolMode.Auto, Temperature = 0 };
            var calls = new List<AiToolCall>();
            var explanation = string.Empty;
            for (var round = 0; round <= options.Value.MaxToolRounds; round++)
            {
                var response = await chat.GetResponseAsync(messages, chatOptions, cancellationToken);
                usage = usage.Add(new AiUsage(response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0, 1));
                messages.AddRange(response.Messages);
                explanation = response.Text;
                var requested = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
                if (requested.Count == 0 || round == options.Value.MaxToolRounds || calls.Count >= AiPlanValidator.MaxToolCalls)
                {
                    break;
                }

                var results = new List<AIContent>();
                foreach (var function in requested)
                {
                    var call = new AiToolCall(function.Name, Arguments(function.Arguments));
                    calls.Add(call);
                    results.Add(new FunctionResultContent(function.CallId, await ResultAsync(request.Caller, calls.Count - 1, call, cancellationToken)));
                }

                messages.Add(new ChatMessage(ChatRole.Tool, results));
            }

            return new AiPlanningResult(Spec(calls, explanation), name, usage);
        }
        catch (Exception e) when (e is ClientResultException or HttpRequestException or TimeoutException)
        {
            var status = e is ClientResultException c ? c.Status : 0;
            LlmLogs.ModelFailed(logger, status, e.Message);
            var fallback = RuleBasedPlanner.Plan(request.Prompt, request.Vocabulary);
            return new AiPlanningResult(fallback, $"{RuleBasedPlanner.Name} (model unavailable: {(status == 0 ? e.GetType().Name : status)})", usage);
        }
    }

    /// <summary>What the model reads back for a call: a read-only tool's bounded output (if the caller may use it), else why not.</summary>
    private async Task<string> ResultAsync(Principal caller, int index, AiToolCall call, CancellationToken cancellationToken)
    {
        if (AiToolCatalog.Find(call.Tool) is not { } tool)
        {
            return $"'{call.Tool}' is not a tool.";
        }

        if (tool.Risk.IsStateChange())
        {
            return ProposalRecorded;
        }

        if (AiToolSchema.Check(tool, call) is { Count: > 0 } problems)
        {
            return "Invalid arguments: " + string.Join(" ", problems);
        }

        if (!await access.HasPermissionAsync(caller, tool.Permission, AccessScope.Of(caller.Organisation), cancellationToken))
        {
            return $"The caller lacks {PermissionNames.Of(tool.Permission)}; not run.";
        }

        var result = await tools.RunAsync(caller, index, call, cancellationToken);
        return result.Error is { } error ? "Error: " + error : result.Summary + "\n" + result.Output;
    }

    private static TaskSpec Spec(List<AiToolCall> calls, string explanation)
    {
        if (calls.Count == 0)
        {
            return TaskSpec.Clarify(explanation, explanation.Length > 0 ? explanation : "What would you like to know or change?");
        }

        var main = calls.FirstOrDefault(c => AiToolCatalog.Find(c.Tool)?.Risk.IsStateChange() == true) ?? calls[0];
        var intent = IntentOf(main.Tool);
        var risk = calls.Select(c => AiToolCatalog.Find(c.Tool)?.Risk ?? AiRisk.StateChangeProd).Max();
        return new TaskSpec
        {
            Intent = intent,
            Agent = AiAgents.For(intent),
            Scope = new AiScope
            {
                Environments = main.Text("environment") is { } env ? [env] : main.Texts("environments"),
                Sites = main.Text("site") is { } site ? [site] : main.Texts("sites"),
                Platforms = main.Text("platform") is { } platform ? [platform] : main.Texts("platforms"),
                Tags = main.Map("tags"),
                ImageFamily = main.Text("imageFamily"),
                ImageVersion = main.Text("imageVersion") ?? main.Text("version"),
                DrPair = main.Text("pair"),
                PatchSet = main.Text("patchSet"),
            },
            ToolCalls = calls,
            Risk = risk,
            Explanation = explanation.Length <= 2000 ? explanation : explanation[..2000],
        };
    }

    private static AiIntent IntentOf(string tool) => tool switch
    {
        AiToolNames.ProposeRollout => AiIntent.Rollout,
        AiToolNames.ProposeDrill => AiIntent.DrDrill,
        AiToolNames.QueryAssets => AiIntent.AssetQuery,
        AiToolNames.DriftStatus or AiToolNames.DriftHeatmap => AiIntent.DriftStatus,
        AiToolNames.GoldenImage => AiIntent.GoldenImage,
        AiToolNames.CompareVersions => AiIntent.CompareVersions,
        AiToolNames.ImageVulnerabilities => AiIntent.Vulnerabilities,
        AiToolNames.DrReadiness => AiIntent.DrReadiness,
        AiToolNames.SimulateFailover => AiIntent.FailoverSimulation,
        AiToolNames.CalculateRisk or AiToolNames.PlanRollout => AiIntent.RiskAssessment,
        AiToolNames.AuditQuery => AiIntent.AuditQuery,
        _ => AiIntent.Clarify,
    };

    private static AIFunctionDeclaration Declaration(AiToolDescriptor tool) =>
        AIFunctionFactory.CreateDeclaration(tool.Name, tool.Description, JsonSerializer.SerializeToElement(tool.JsonSchema(), QlrfJson.Options));

    private static Dictionary<string, JsonElement> Arguments(IDictionary<string, object?>? arguments)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in arguments ?? new Dictionary<string, object?>())
        {
            result[key] = value is JsonElement element ? element.Clone() : JsonSerializer.SerializeToElement(value, QlrfJson.Options);
        }

        return result;
    }
}
