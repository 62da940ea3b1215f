using System.Diagnostics;
using System.Globalization;
using Qlrf.Ai;
using Qlrf.Ai.Planning;
using Qlrf.Json;

// The copilot's evaluation set through the rule-based planner: accuracy per intent, state changes where none was
// expected, and planning time. Run with: dotnet run -c Release --project bench/Qlrf.Bench.Ai [-- path/to/samples]
var samples = args.Length > 0 ? args[0] : FindSamples();
var cases = AiEvaluation.ReadCases(Path.Combine(samples, "ai-eval.jsonl"));
var vocabulary = AiEvaluation.ReadVocabulary(Path.Combine(samples, "ai-eval-vocabulary.json"));
Console.WriteLine($"AI planner evaluation: {cases.Count} requests, rule-based planner; {Environment.ProcessorCount} cores");
if (File.Exists("/proc/loadavg"))
{
    Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
}

var planner = new RuleBasedPlanner();
var watch = Stopwatch.StartNew();
var outcomes = await AiEvaluation.RunAsync(planner, cases, vocabulary, CancellationToken.None);
watch.Stop();

Console.WriteLine();
Console.WriteLine($"{"intent",-20} {"cases",5} {"intent",8} {"+scope",8} {"tools",8}");
foreach (var score in AiEvaluation.Score(outcomes))
{
    Console.WriteLine($"{EnumText<AiIntent>.Of(score.Intent),-20} {score.Cases,5} {Percent(score.IntentRight, score.Cases),8} {Percent(score.IntentAndScopeRight, score.Cases),8} {Percent(score.ToolsRight, score.Cases),8}");
}

Console.WriteLine($"{"all",-20} {outcomes.Count,5} {Percent(outcomes.Count(o => o.IntentRight), outcomes.Count),8} {Percent(outcomes.Count(o => o.ScopeRight), outcomes.Count),8} {Percent(outcomes.Count(o => o.ToolsRight), outcomes.Count),8}");
var holdout = outcomes.Where(o => o.Case.IsHoldout).ToList();
Console.WriteLine($"{"holdout only",-20} {holdout.Count,5} {Percent(holdout.Count(o => o.IntentRight), holdout.Count),8} {Percent(holdout.Count(o => o.ScopeRight), holdout.Count),8} {Percent(holdout.Count(o => o.ToolsRight), holdout.Count),8}");
Console.WriteLine();
Console.WriteLine($"state changes proposed where none was expected: {outcomes.Count(o => o.UnwantedStateChange)}");
Console.WriteLine($"refused requests: {outcomes.Count(o => o.Case.Intent == AiIntent.Refuse)}, planned with a tool: {outcomes.Count(o => o.Case.Intent == AiIntent.Refuse && o.Plan.ToolCalls.Count > 0)}");
foreach (var miss in outcomes.Where(o => !o.ScopeRight || !o.ToolsRight))
{
    Console.WriteLine($"  miss: \"{miss.Case.Request}\" → {EnumText<AiIntent>.Of(miss.Plan.Intent)} {miss.Plan.Scope.Canonical()} [{string.Join(", ", miss.Plan.ToolCalls.Select(t => t.Tool))}]");
}

// Planning time, repeated so that the figure is not one cold call.
const int Rounds = 200;
watch.Restart();
for (var i = 0; i < Rounds; i++)
{
    foreach (var c in cases)
    {
        RuleBasedPlanner.Plan(c.Request, vocabulary);
    }
}

watch.Stop();
Console.WriteLine();
Console.WriteLine($"planning: {(watch.Elapsed.TotalMicroseconds / (Rounds * cases.Count)).ToString("0.0", CultureInfo.InvariantCulture)} µs per request ({Rounds} rounds of the set)");
if (File.Exists("/proc/loadavg"))
{
    Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
}

static string Percent(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

static string FindSamples()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "samples", "ai-eval.jsonl")))
    {
        dir = dir.Parent;
    }

    return Path.Combine(dir?.FullName ?? throw new FileNotFoundException("samples/ai-eval.jsonl"), "samples");
}
