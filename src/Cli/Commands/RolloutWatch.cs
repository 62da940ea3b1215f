using System.Text.Json;
using Qlrf.Cli.Output;
using Spectre.Console;

namespace Qlrf.Cli.Commands;

/// <summary>
/// Follows a rollout until it ends. On a terminal: a live progress bar per stage (canary, wave 1, …). Otherwise: one
/// line per change. With <c>--output json|yaml</c>: only the final rollout. Exit code 0 when it completed, 1 when it
/// ended otherwise, 5 when the wait ran out.
/// </summary>
internal static class RolloutWatch
{
    private static readonly string[] Final = ["completed", "rolled_back", "cancelled", "failed", "rejected", "expired"];

    public static async Task<int> RunAsync(CliContext context, string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = "api/v1/rollouts/" + Args.Segment(id);
        Task<JsonElement> Read() => context.Api.GetAsync(path, cancellationToken);
        static bool Done(JsonElement d) => Final.Contains(d.Text("rollout.status"));
        JsonElement final;
        if (context.Out.Format != OutputFormat.Table)
        {
            final = await Waiting.UntilAsync(context, $"rollout {id}", timeout, Read, Done, null, cancellationToken);
        }
        else if (context.Interactive)
        {
            final = default;
            await context.Out.Console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var header = progress.AddTask($"rollout {Markup.Escape(id)}", maxValue: 1);
                    var tasks = new Dictionary<int, ProgressTask>();
                    final = await Waiting.UntilAsync(context, $"rollout {id}", timeout, Read, Done, detail => Update(progress, header, tasks, detail), cancellationToken);
                    header.Value = header.MaxValue;
                });
        }
        else
        {
            final = await Waiting.UntilAsync(context, $"rollout {id}", timeout, Read, Done, detail => context.Out.Line(Line(detail)), cancellationToken);
        }

        context.Out.Write(final, (o, d) => o.Line($"Rollout {id} {d.Text("rollout.status")}: {RolloutViews.Progress(d.At("rollout"))}{Reason(d)}."));
        return final.Text("rollout.status") == "completed" ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>Each stage's assets finished (succeeded, failed, rolled back) and its size.</summary>
    public static IEnumerable<(int Number, string Name, int Finished, int Total)> Stages(JsonElement detail)
    {
        var finished = detail.Items("assets").Where(a => a.Text("status") != "pending").GroupBy(a => (int)a.Number("stage")).ToDictionary(g => g.Key, g => g.Count());
        return detail.Items("plan").Select(s => ((int)s.Number("number"), s.Text("name"), finished.GetValueOrDefault((int)s.Number("number")), (int)s.Number("assetCount")));
    }

    private static void Update(ProgressContext progress, ProgressTask header, Dictionary<int, ProgressTask> tasks, JsonElement detail)
    {
        header.Description = Markup.Escape($"rollout {detail.Text("rollout.id")}: {Status(detail)}");
        foreach (var (number, name, finished, total) in Stages(detail))
        {
            if (!tasks.TryGetValue(number, out var task))
            {
                task = tasks[number] = progress.AddTask(Markup.Escape(name), maxValue: Math.Max(1, total));
            }

            task.Description = Markup.Escape($"{name} {finished}/{total}");
            task.Value = total == 0 ? task.MaxValue : finished;
        }
    }

    private static string Line(JsonElement detail) =>
        $"{Status(detail)} | " + string.Join(" | ", Stages(detail).Select(s => $"{s.Name} {s.Finished}/{s.Total}"));

    private static string Status(JsonElement detail)
    {
        var status = detail.Text("rollout.status");
        var stage = detail.Text("rollout.progress.stage");
        return stage.Length > 0 && status == "running" ? $"{status} ({stage})" : status;
    }

    private static string Reason(JsonElement detail) =>
        detail.Text("rollout.statusReason") is { Length: > 0 } reason ? $" ({reason.TrimEnd('.')})" : string.Empty;
}
