using System.Text.Json;
using Qlrf.Cli.Output;

namespace Qlrf.Cli.Commands;

/// <summary>How a rollout's plan, risk and policy verdicts print as tables.</summary>
internal static class RolloutViews
{
    public static void Plan(CliOutput o, IEnumerable<JsonElement> stages)
    {
        o.Heading("Plan");
        o.Table(stages, "name", "assetCount", new Column("batches", s => s.Items("batches").Count().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Column("assets", s => Shorten(s.Items("batches").SelectMany(b => b.EnumerateArray()).Select(Json.Text).ToList())));
    }

    public static void Risk(CliOutput o, JsonElement risk)
    {
        if (risk.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        o.Heading($"Risk {risk.Text("score")} ({risk.Text("level")}; {risk.Text("band")}); recommends batches of {risk.Text("recommendedBatchSize")}, {risk.Text("recommendedWait")} between waves");
        o.Table(risk.Items("factors"), "factor", "points", "value", "weight", "reason");
    }

    public static void Policies(CliOutput o, JsonElement explanation)
    {
        o.Heading($"Policies (version {explanation.Text("policyVersion")})");
        o.Table(explanation.Items("policies"), "ruleId", "kind", new Column("applies", p => p.Text("applies")),
            new Column("verdict", p => p.At("passed").ValueKind == JsonValueKind.True ? "passed" : "VIOLATED"),
            new Column("why", p => string.Join("; ", p.Items("violations").Select(Json.Text))));
    }

    public static string Progress(JsonElement summary) =>
        $"{summary.Text("progress.done")}/{summary.Text("progress.total")} done, {summary.Text("progress.failed")} failed";

    private static string Shorten(List<string> ids) => ids.Count <= 3 ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(3))} and {ids.Count - 3} more";
}
