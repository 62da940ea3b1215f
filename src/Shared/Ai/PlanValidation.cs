namespace Qlrf.Ai;

/// <summary>Which check a plan failed.</summary>
public enum PlanCheck
{
    /// <summary>A tool that does not exist, or arguments its schema does not allow.</summary>
    Schema,

    /// <summary>The caller lacks the permission a tool needs (in an environment it touches).</summary>
    Permission,

    /// <summary>A rollout policy (the YAML policies) rejects a proposal.</summary>
    Policy,

    /// <summary>The scope names something outside the caller's organisation, or nothing at all.</summary>
    Scope,

    /// <summary>The autonomy mode does not allow the plan.</summary>
    Autonomy,

    /// <summary>The plan is a question or a refusal: nothing to approve.</summary>
    Plan,
}

/// <summary>One reason a plan fails: the check, the tool call at fault (its index), what is wrong, and the permission missing.</summary>
public sealed record PlanProblem(PlanCheck Check, string Message, int? ToolIndex = null, string? Permission = null);

/// <summary>The validation of a plan: passed when no problem was found. A plan that did not pass cannot be approved.</summary>
public sealed record PlanValidation(IReadOnlyList<PlanProblem> Problems)
{
    public bool Passed => Problems.Count == 0;
}
