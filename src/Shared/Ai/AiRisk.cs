namespace Qlrf.Ai;

/// <summary>
/// What a tool may do, least to most: read (<c>read_only</c>), plan without storing (<c>plan_only</c>), or propose a
/// change outside production (<c>state_change_nonprod</c>) or in it (<c>state_change_prod</c>). A plan's risk is its
/// riskiest tool call's.
/// </summary>
public enum AiRisk
{
    ReadOnly,
    PlanOnly,
    StateChangeNonprod,
    StateChangeProd,
}

public static class AiRiskExtensions
{
    public static bool IsStateChange(this AiRisk risk) => risk >= AiRisk.StateChangeNonprod;
}
