using System.CommandLine;
using System.Text.Json;
using Qlrf.Cli.Output;

namespace Qlrf.Cli.Commands;

/// <summary><c>qlrf ai ask|list|show|approve|reject|tools|usage</c>: the copilot.</summary>
internal static class AiCommands
{
    public static Command Ai(CliEnvironment environment)
    {
        var prompt = new Argument<string>("prompt") { Description = "The request, in plain words (quote it)." };
        var autonomy = Args.Text("--autonomy", "plan_only, approve_all (default), canary_only or risk_based.");
        var ask = new Command("ask", "Asks the copilot: shows the plan, its validation and the read-only results; proposals wait for `qlrf ai approve`.").With(prompt, autonomy).Runs(environment, async (context, cancellationToken) =>
        {
            var task = await context.Api.PostAsync("api/v1/ai/tasks", new { prompt = context.Value(prompt), autonomy = context.Value(autonomy) }, cancellationToken);
            context.Out.Write(task, Show);
            return task.Text("status") is "invalid" or "refused" or "failed" ? ExitCodes.Failed : ExitCodes.Ok;
        });

        var limit = new Option<int?>("--limit") { Description = "At most this many tasks (default 20)." };
        var list = new Command("list", "AI tasks, newest first.").With(limit).Runs(environment, async (context, cancellationToken) =>
        {
            var items = await Pages.ReadAsync(context.Api, "api/v1/ai/tasks", context.Value(limit) ?? 20, cancellationToken);
            context.Out.Write(items, (o, e) => o.Table(e.Items(), "id", "status", "intent", "risk", "requestedBy", "prompt"));
            return ExitCodes.Ok;
        });

        var id = Args.Id("id", "The AI task's id.");
        var show = new Command("show", "An AI task: plan, validation, results, proposed workflows, status.").With(id).Runs(environment, async (context, cancellationToken) =>
        {
            context.Out.Write(await context.Api.GetAsync($"api/v1/ai/tasks/{Args.Segment(context.Value(id))}", cancellationToken), Show);
            return ExitCodes.Ok;
        });

        var tools = new Command("tools", "The copilot's tools: risk and the permission each needs.").Runs(environment, async (context, cancellationToken) =>
        {
            var result = await context.Api.GetAsync("api/v1/ai/tools", cancellationToken);
            context.Out.Write(result, (o, r) => o.Table(r.EnumerateArray(), "name", "risk", "permission", "description"));
            return ExitCodes.Ok;
        });

        var usage = new Command("usage", "Model tokens used by the organisation per day (last 30 days).").Runs(environment, async (context, cancellationToken) =>
        {
            var result = await context.Api.GetAsync("api/v1/ai/usage", cancellationToken);
            context.Out.Write(result, (o, r) =>
            {
                o.Table(r.Items("days"), "day", "inputTokens", "outputTokens", "calls");
                o.Line($"total: {r.Text("inputTokens")} in, {r.Text("outputTokens")} out, {r.Text("calls")} calls");
            });
            return ExitCodes.Ok;
        });

        return new Command("ai", "The AI copilot: plain-words requests to validated plans, approved by a person.")
            .With(ask, list, show, Decision(environment, "approve", "Approves the task's plan: its rollouts and drills are created, each waiting for its own approval."),
                Decision(environment, "reject", "Rejects the task's plan: nothing is proposed."), tools, usage);
    }

    private static Command Decision(CliEnvironment environment, string verb, string description)
    {
        var id = Args.Id("id", "The AI task's id.");
        var comment = Args.Text("--comment", "Why (recorded with the decision).");
        return new Command(verb, description).With(id, comment).Runs(environment, async (context, cancellationToken) =>
        {
            var result = await context.Api.PostAsync($"api/v1/ai/tasks/{Args.Segment(context.Value(id))}/{verb}", new { comment = context.Value(comment) ?? string.Empty }, cancellationToken);
            context.Out.Write(result, (o, r) => o.Line($"{(verb == "approve" ? "Approved" : "Rejected")} AI task {r.Text("id")}: {r.Text("status")}."));
            return ExitCodes.Ok;
        });
    }

    private static void Show(CliOutput o, JsonElement task)
    {
        o.Heading($"{task.Text("id")}: {task.Text("status")} ({task.Text("plan.intent")}, risk {task.Text("plan.risk")}, planner {task.Text("planner")})");
        o.Line(task.Text("plan.explanation"));
        foreach (var question in task.Items("plan.questions"))
        {
            o.Line("? " + Json.Text(question));
        }

        o.Table(task.Items("plan.toolCalls"), "tool", Column.Of("arguments"));
        foreach (var problem in task.Items("validation.problems"))
        {
            o.Line($"✗ {problem.Text("check")}: {problem.Text("message")}");
        }

        foreach (var result in task.Items("results"))
        {
            o.Line($"{result.Text("tool")}: {(result.At("error").ValueKind == JsonValueKind.String ? "failed: " + result.Text("error") : result.Text("summary"))}");
        }

        foreach (var proposal in task.Items("proposals"))
        {
            o.Line($"→ {proposal.Text("kind")} {proposal.Text("id")}: {proposal.Text("status")}");
        }

        if (task.At("summary").ValueKind == JsonValueKind.String)
        {
            o.Line(task.Text("summary"));
        }
    }
}
