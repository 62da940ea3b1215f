namespace Qlrf.Ai.Planning;

/// <summary>
/// The local default planner: keyword rules over the prompt and the organisation's own vocabulary, deterministic, no
/// model. It handles the common intents (patch or image rollout, risk and dry runs, drift and inventory questions, golden
/// images, version comparisons, vulnerabilities, DR readiness, failover simulations and drills, the audit log, certificate
/// expiry, usage and rotation). It never
/// guesses a state change: a rollout needs a target and a scope named in the prompt, a drill a pair, a rotation one certificate; otherwise it asks
/// back, and what it does not understand it says so. Destructive or approval-bypassing requests are refused.
/// </summary>
public sealed partial class RuleBasedPlanner : IAiPlanner
{
    public const string Name = "rules";

    public Task<AiPlanningResult> PlanAsync(AiPlanningRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new AiPlanningResult(Plan(request.Prompt, request.Vocabulary), Name, AiUsage.None));
    }

    public static TaskSpec Plan(string prompt, AiVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var text = new PromptText(prompt);
        if (text.Tokens.Count == 0)
        {
            return TaskSpec.Clarify("The request is empty.", "What would you like to know or change?");
        }

        if (Refusal(text) is { } refusal)
        {
            return TaskSpec.Refuse(refusal);
        }

        var scope = Scope(text, vocabulary);
        if (CertificateIntentOf(text, scope) is { } certificateIntent)
        {
            return Certificates(certificateIntent, text, scope);
        }

        scope = scope with { Certificate = null };
        var intent = IntentOf(text);
        return intent is null
            ? TaskSpec.Clarify(
                "I could not tell what this asks for.",
                "Try: 'which prod servers are behind on ubuntu-2204-base?', 'patch staging web servers to the golden ubuntu-2204-base, canary first', 'how ready is DR?', 'run a test failover drill of orders-db-aws'.")
            : Build(intent.Value, text, scope);
    }

    /// <summary>Why the request is refused, or null; every planner checks this before it plans.</summary>
    public static string? RefusalOf(string prompt) => Refusal(new PromptText(prompt ?? string.Empty));

    private static string? Refusal(PromptText text)
    {
        if (text.Has("ignore previous instructions", "ignore all previous instructions", "ignore your instructions", "system prompt", "jailbreak"))
        {
            return "The request tries to change the copilot's instructions; it is refused.";
        }

        if (text.HasStem("secret", "password", "credential", "token", "api-key") || text.Has("api key", "api keys", "private key", "connection string"))
        {
            return "The copilot never reads or reveals secrets, keys or credentials.";
        }

        if (text.Has("another organisation", "other organisation", "another organization", "other organization", "another tenant", "other tenant", "other tenants", "all tenants", "all organisations", "all organizations"))
        {
            return "The copilot only works in your organisation.";
        }

        if (text.Has("approve", "approve it", "reject", "self-approve", "auto-approve", "auto approve", "skip approval", "skip the approval", "bypass", "without approval", "no approval", "override the policy", "override policy", "disable the policy", "ignore the policy", "ignore policies"))
        {
            return "Approvals and policies are people's decisions: the copilot never approves, rejects or bypasses them. Approve in the rollout or drill itself.";
        }

        if (text.HasStem("delete", "destroy", "revok", "terminate", "wipe", "erase", "purge", "drop", "decommission", "shutdown", "reboot", "restart", "kill", "format", "disable", "deregister")
            || text.Has("shut down", "turn off", "power off", "stop all", "cancel", "pause", "resume", "roll back", "rollback", "fail back", "failback"))
        {
            return "The copilot only proposes rollouts, DR drills and certificate rotations; it does not delete, stop, restart, cancel or roll back anything. Use the rollouts and drills API for those.";
        }

        return null;
    }

    private static AiIntent? IntentOf(PromptText text)
    {
        if (text.HasStem("audit") || text.Has("who approved", "who started", "who changed", "who did", "who ran", "who rejected", "who created", "who deleted", "who requested"))
        {
            return AiIntent.AuditQuery;
        }

        var failover = text.HasStem("failover") || text.Has("fail over", "failed over");
        if (text.HasStem("simulat") || failover && (text.Has("what would", "what happens", "what would happen", "what if") || text.IsQuestion && !text.HasStem("drill")))
        {
            return AiIntent.FailoverSimulation;
        }

        if (text.HasStem("drill") || failover)
        {
            return AiIntent.DrDrill;
        }

        if (text.HasStem("readiness", "recoverab", "replication") || text.Has("dr ready", "ready for dr", "dr status", "disaster recovery", "rpo", "rto", "ready for a disaster", "is dr", "dr"))
        {
            return AiIntent.DrReadiness;
        }

        if (text.HasStem("compar", "diff") || text.Has("what changed", "changed between", "difference between", "differences between"))
        {
            return AiIntent.CompareVersions;
        }

        if (text.HasStem("vulnerab", "cve", "vuln") || text.Has("security findings", "security issues"))
        {
            return AiIntent.Vulnerabilities;
        }

        var rolloutVerb = text.HasStem("patch", "upgrad", "rollout", "deploy", "updat", "remediat") || text.Has("roll out", "bring up to date", "move to", "apply");
        if (rolloutVerb && (text.HasStem("risk") || text.Has("dry run", "dry-run", "what would", "preview", "plan a", "plan the", "plan for", "how many waves", "simulate")))
        {
            return AiIntent.RiskAssessment;
        }

        if (rolloutVerb && !text.IsQuestion)
        {
            return AiIntent.Rollout;
        }

        if (text.HasStem("drift", "behind", "outdated", "compliant", "compliance", "heatmap", "stale") || text.Has("out of date", "up to date", "not on the golden", "need patching", "needs patching", "need patches", "need updating", "need an update"))
        {
            return AiIntent.DriftStatus;
        }

        if (text.HasStem("risk"))
        {
            return AiIntent.RiskAssessment;
        }

        if (text.HasStem("golden") || text.Has("latest version", "current version", "which version", "what version", "versions of", "newest version", "image versions"))
        {
            return AiIntent.GoldenImage;
        }

        if (text.HasWord("server") || text.HasWord("asset") || text.HasWord("instance") || text.HasWord("vm") || text.HasWord("machine") || text.HasWord("node")
            || text.HasWord("host") || text.HasWord("workload") || text.Has("how many", "inventory"))
        {
            return AiIntent.AssetQuery;
        }

        return null;
    }
}
