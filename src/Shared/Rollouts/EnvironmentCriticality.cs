namespace Qlrf.Rollouts;

/// <summary>How critical an environment is, from 0 (scratch) to 1 (production). Unknown environments count as staging.</summary>
public static class EnvironmentCriticality
{
    public static double Of(string environment) => environment switch
    {
        "prod" or "production" => 1.0,
        "dr" => 0.9,
        "staging" or "stage" or "preprod" or "uat" => 0.5,
        "test" or "qa" => 0.25,
        "dev" or "development" or "sandbox" => 0.1,
        _ => 0.5,
    };
}
