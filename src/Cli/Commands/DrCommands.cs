using System.CommandLine;
using System.Text.Json;
using Qlrf.Cli.Output;

namespace Qlrf.Cli.Commands;

/// <summary><c>qlrf dr pairs|readiness|drill start|watch|report</c>.</summary>
internal static class DrCommands
{
    private static readonly string[] Final = ["passed", "failed", "rejected", "expired", "cancelled"];

    public static Command Dr(CliEnvironment environment)
    {
        var pairs = new Command("pairs", "Lists the DR pairs.").Runs(environment, async (context, cancellationToken) =>
        {
            var items = await Pages.ReadAsync(context.Api, "api/v1/dr/pairs", null, cancellationToken);
            context.Out.Write(items, (o, p) => o.Table(p.Items(), "id", "name", "primarySite", "recoverySite", "environment", "replication", "rtoTargetSeconds", "rpoTargetSeconds", "nextDrillAt"));
            return ExitCodes.Ok;
        });

        var pair = new Argument<string?>("pair") { Description = "One pair's id (all pairs when left out).", Arity = ArgumentArity.ZeroOrOne };
        var readiness = new Command("readiness", "DR readiness with RAG: each pair's health, replication lag and last drill.").With(pair).Runs(environment, async (context, cancellationToken) =>
        {
            var id = context.Value(pair);
            var result = await context.Api.GetAsync(id is null ? "api/v1/dr/readiness" : $"api/v1/dr/pairs/{Args.Segment(id)}/readiness", cancellationToken);
            var columns = new Column[] { "pairId", "pairName", "status", "replicationLagSeconds", new("lastDrill", r => r.Text("lastDrill.outcome")), new("reasons", r => string.Join("; ", r.Items("reasons").Select(x => x.Text("message")))) };
            context.Out.Write(result, (o, r) =>
            {
                if (id is null)
                {
                    o.Line($"Fleet: {r.Text("status")} (green {r.Text("green")}, amber {r.Text("amber")}, red {r.Text("red")})");
                    o.Table(r.Items("pairs"), columns);
                }
                else
                {
                    o.Table([r], columns);
                }
            });
            return ExitCodes.Ok;
        });

        return new Command("dr", "Disaster recovery: pairs, readiness and drills.").With(pairs, readiness, Drill(environment));
    }

    private static Command Drill(CliEnvironment environment)
    {
        var pair = Args.Id("pair", "The DR pair to drill.");
        var kind = new Option<string>("--kind") { Description = "test_failover (default) or planned_failover.", DefaultValueFactory = _ => "test_failover" };
        kind.AcceptOnlyFromAmong("test_failover", "planned_failover");
        var dryRun = new Option<bool>("--dry-run") { Description = "Pre-checks only: nothing fails over." };
        var wait = new Option<bool>("--wait") { Description = "Watch it until it ends; the exit code is then its outcome." };
        var timeout = Args.Timeout("the drill");
        var start = new Command("start", "Starts a drill of a pair.").With(pair, kind, dryRun, wait, timeout).Runs(environment, async (context, cancellationToken) =>
        {
            var drill = await context.Api.PostAsync("api/v1/dr/drills", new { pairId = context.Value(pair), kind = context.Value(kind), dryRun = context.Value(dryRun) }, cancellationToken);
            if (context.Value(wait))
            {
                return await WatchAsync(context, drill.Text("id"), context.Value(timeout), cancellationToken);
            }

            context.Out.Write(drill, (o, d) => o.Line($"Started drill {d.Text("id")} of {d.Text("pairId")} ({d.Text("status")}). Follow it with `qlrf dr drill watch {d.Text("id")}`."));
            return ExitCodes.Ok;
        });

        var id = Args.Id("id", "The drill's id.");
        var watchTimeout = Args.Timeout("the drill");
        var watch = new Command("watch", "Follows a drill until it ends; exit code 0 when it passed, 1 otherwise, 5 on timeout.").With(id, watchTimeout)
            .Runs(environment, (context, cancellationToken) => WatchAsync(context, context.Value(id), context.Value(watchTimeout), cancellationToken));

        var reportId = Args.Id("id", "The finished drill's id.");
        var markdown = new Option<bool>("--markdown") { Description = "The report as Markdown, for auditors." };
        var report = new Command("report", "A finished drill's report.").With(reportId, markdown).Runs(environment, async (context, cancellationToken) =>
        {
            var path = $"api/v1/dr/drills/{Args.Segment(context.Value(reportId))}/report";
            if (context.Value(markdown))
            {
                await context.Out.Writer.WriteAsync(await context.Api.GetTextAsync(path + "?format=markdown", "text/markdown", cancellationToken));
                return ExitCodes.Ok;
            }

            var result = await context.Api.GetAsync(path, cancellationToken);
            context.Out.Write(result, (o, r) => o.Fields(r, "drillId", "pairId", "kind", "outcome", "rtoSeconds", "rpoSeconds", "startedAt", "finishedAt", "summary"));
            return ExitCodes.Ok;
        });
        return new Command("drill", "DR drills: start, watch, report.").With(start, watch, report);
    }

    private static async Task<int> WatchAsync(CliContext context, string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var table = context.Out.Format == OutputFormat.Table;
        var drill = await Waiting.UntilAsync(context, $"drill {id}", timeout, () => context.Api.GetAsync("api/v1/dr/drills/" + Args.Segment(id), cancellationToken),
            d => Final.Contains(d.Text("status")),
            d =>
            {
                if (table)
                {
                    context.Out.Line($"{d.Text("status")} | phase {d.Text("phase")} | {Elapsed(d)}");
                }
            },
            cancellationToken);
        context.Out.Write(drill, (o, d) => o.Line($"Drill {id} {d.Text("status")}: {d.Text("summary")}"));
        return drill.Text("status") == "passed" ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static string Elapsed(JsonElement drill) =>
        drill.At("elapsedSeconds").ValueKind == JsonValueKind.Number ? Json.Invariant($"{drill.Number("elapsedSeconds"):0}s") : "-";
}
