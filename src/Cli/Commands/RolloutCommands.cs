using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using Qlrf.Cli.Output;
using Spectre.Console;

namespace Qlrf.Cli.Commands;

/// <summary><c>qlrf rollout plan|explain|start|watch|approve|reject|pause|resume|cancel|list|show</c>.</summary>
internal static class RolloutCommands
{
    public static Command Rollout(CliEnvironment environment) =>
        new Command("rollout", "Rollouts of image versions and patch sets: dry run, explanation, start, watch, decisions and control.").With(
            Plan(environment), Explain(environment), Start(environment), Watch(environment), List(environment), Show(environment),
            Decision(environment, "approve", "Approves the rollout's open approval."),
            Decision(environment, "reject", "Rejects the rollout's open approval: nothing (more) runs."),
            Control(environment, "pause", "Pauses the rollout at its next checkpoint."),
            Control(environment, "resume", "Resumes a paused rollout."),
            Cancel(environment));

    private static Command Plan(CliEnvironment environment)
    {
        var request = new RolloutRequestOptions();
        return new Command("plan", "Dry run: the plan a rollout would get now (waves, batches, risk factors, policy verdicts) with no side effects. Exit code 1 when a policy would refuse it.")
            .With([.. request.All])
            .Runs(environment, async (context, cancellationToken) =>
            {
                var preview = await context.Api.PostAsync("api/v1/rollouts/plan", request.Body(context), cancellationToken);
                context.Out.Write(preview, (o, p) =>
                {
                    o.Line($"Dry run of {p.Text("target")}: {p.Text("assetCount")} assets, {p.Text("policy.alreadyOnTarget")} already on target; nothing was started.");
                    RolloutViews.Plan(o, p.Items("plan"));
                    RolloutViews.Risk(o, p.At("explanation.risk"));
                    RolloutViews.Policies(o, p.At("explanation"));
                    o.Line($"Approvals needed: {p.Text("approvalRequirement.requiredApprovals")} (open for {p.Text("approvalRequirement.timeout")}).");
                });
                return preview.Items("policy.violations").Any() ? ExitCodes.Failed : ExitCodes.Ok;
            });
    }

    private static Command Explain(CliEnvironment environment)
    {
        var id = Args.Id("id", "The rollout's id.");
        return new Command("explain", "Why each asset is in its wave, why this risk, and which policies applied.").With(id).Runs(environment, async (context, cancellationToken) =>
        {
            var explanation = await context.Api.GetAsync($"api/v1/rollouts/{Args.Segment(context.Value(id))}/explanation", cancellationToken);
            context.Out.Write(explanation, (o, e) =>
            {
                o.Line($"Rollout {e.Text("rolloutId")} of {e.Text("target")} ({e.Text("status")}).");
                if (e.At("planned").ValueKind == JsonValueKind.False)
                {
                    o.Line("It has not been planned yet.");
                    return;
                }

                o.Heading("Assets");
                o.Table(e.Items("explanation.assets"), "assetId", "stageName", "batch", "rank", new Column("why", a => string.Join("; ", a.Items("reasons").Select(Json.Text))));
                RolloutViews.Risk(o, e.At("explanation.risk"));
                RolloutViews.Policies(o, e.At("explanation"));
            });
            return ExitCodes.Ok;
        });
    }

    private static Command Start(CliEnvironment environment)
    {
        var request = new RolloutRequestOptions();
        var wait = new Option<bool>("--wait") { Description = "Watch it until it ends; the exit code is then its outcome." };
        var timeout = Args.Timeout("the rollout");
        var key = Args.Text("--idempotency-key", "Makes a retried start return the same rollout.");
        return new Command("start", "Starts a rollout: planned, judged by the policies, approved as its autonomy asks, then run canary first.")
            .With([.. request.All, wait, timeout, key])
            .Runs(environment, async (context, cancellationToken) =>
            {
                var body = request.Body(context);
                JsonElement started;
                if (context.Value(key) is { } idempotencyKey)
                {
                    started = await context.Api.SendAsync(HttpMethod.Post, "api/v1/rollouts", body, cancellationToken, ("Idempotency-Key", idempotencyKey));
                }
                else
                {
                    started = await context.Api.PostAsync("api/v1/rollouts", body, cancellationToken);
                }

                var id = started.Text("id");
                if (!context.Value(wait))
                {
                    context.Out.Write(started, (o, s) => o.Line($"Started rollout {id} of {s.Text("target")} ({s.Text("status")}). Follow it with `qlrf rollout watch {id}`."));
                    return ExitCodes.Ok;
                }

                context.Out.Note($"Started rollout {id}.");
                return await RolloutWatch.RunAsync(context, id, context.Value(timeout), cancellationToken);
            });
    }

    private static Command Watch(CliEnvironment environment)
    {
        var id = Args.Id("id", "The rollout's id.");
        var timeout = Args.Timeout("the rollout");
        return new Command("watch", "Follows a rollout's waves and batches until it ends; exit code 0 when it completed, 1 when it did not, 5 on timeout.")
            .With(id, timeout)
            .Runs(environment, (context, cancellationToken) => RolloutWatch.RunAsync(context, context.Value(id), context.Value(timeout), cancellationToken));
    }

    private static Command List(CliEnvironment environment)
    {
        var status = Args.Text("--status", "Only rollouts in this status.");
        var limit = new Option<int?>("--limit") { Description = "At most this many." };
        return new Command("list", "Lists rollouts, newest first.").With(status, limit).Runs(environment, async (context, cancellationToken) =>
        {
            var items = await Pages.ReadAsync(context.Api, "api/v1/rollouts" + Args.Query(("status", context.Value(status))), context.Value(limit) ?? 50, cancellationToken);
            context.Out.Write(items, (o, r) => o.Table(r.Items(), "id", "target", "status", "riskLevel", new Column("progress", RolloutViews.Progress), "requestedBy", "createdAt"));
            return ExitCodes.Ok;
        });
    }

    private static Command Show(CliEnvironment environment)
    {
        var id = Args.Id("id", "The rollout's id.");
        return new Command("show", "Shows a rollout: status, plan, risk, policy verdict, approvals and progress.").With(id).Runs(environment, async (context, cancellationToken) =>
        {
            var detail = await context.Api.GetAsync("api/v1/rollouts/" + Args.Segment(context.Value(id)), cancellationToken);
            context.Out.Write(detail, (o, d) =>
            {
                o.Fields(d.At("rollout"), "id", "target", "status", "statusReason", "requestedBy", "riskLevel", "riskScore", new Column("progress", RolloutViews.Progress));
                RolloutViews.Plan(o, d.Items("plan"));
                o.Heading("Approvals");
                o.Table(d.Items("approvals"), "id", "status", "requiredApprovals", new Column("decisions", a => string.Join("; ", a.Items("decisions").Select(x => $"{x.Text("actor")}: {x.Text("decision")}"))));
            });
            return ExitCodes.Ok;
        });
    }

    private static Command Decision(CliEnvironment environment, string verb, string description)
    {
        var id = Args.Id("id", "The rollout's id.");
        var comment = Args.Text("--comment", "Why (required; prompted for on a terminal).");
        return new Command(verb, description).With(id, comment).Runs(environment, async (context, cancellationToken) =>
        {
            var text = context.Value(comment);
            if (string.IsNullOrWhiteSpace(text))
            {
                text = context.Interactive
                    ? await new TextPrompt<string>("Comment:").ShowAsync(context.Out.Console, cancellationToken)
                    : throw new CliException(ExitCodes.Usage, $"`rollout {verb}` needs --comment.");
            }

            if (verb == "reject")
            {
                Confirm(context, $"Reject rollout {context.Value(id)}?");
            }

            var result = await context.Api.PostAsync($"api/v1/rollouts/{Args.Segment(context.Value(id))}/{verb}", new { comment = text }, cancellationToken);
            context.Out.Write(result, (o, r) => o.Line($"{(verb == "approve" ? "Approved" : "Rejected")} rollout {context.Value(id)}: approval {r.Text("status")}."));
            return ExitCodes.Ok;
        });
    }

    private static Command Control(CliEnvironment environment, string verb, string description)
    {
        var id = Args.Id("id", "The rollout's id.");
        var reason = Args.Text("--reason", "Why (recorded with the change).");
        return new Command(verb, description).With(id, reason).Runs(environment, async (context, cancellationToken) =>
        {
            var result = await context.Api.PostAsync($"api/v1/rollouts/{Args.Segment(context.Value(id))}/{verb}", new { reason = context.Value(reason) }, cancellationToken);
            context.Out.Write(result, (o, r) => o.Line($"Rollout {r.Text("id")}: {verb} requested ({r.Text("status")})."));
            return ExitCodes.Ok;
        });
    }

    private static Command Cancel(CliEnvironment environment)
    {
        var id = Args.Id("id", "The rollout's id.");
        var rollback = new Option<bool>("--rollback") { Description = "First move back every asset it changed." };
        var reason = Args.Text("--reason", "Why (recorded with the change).");
        return new Command("cancel", "Cancels the rollout at its next checkpoint (asks first; --yes to skip).").With(id, rollback, reason).Runs(environment, async (context, cancellationToken) =>
        {
            Confirm(context, $"Cancel rollout {context.Value(id)}{(context.Value(rollback) ? " and roll back what it changed" : string.Empty)}?");
            var result = await context.Api.PostAsync($"api/v1/rollouts/{Args.Segment(context.Value(id))}/cancel", new { rollback = context.Value(rollback), reason = context.Value(reason) }, cancellationToken);
            context.Out.Write(result, (o, r) => o.Line($"Rollout {r.Text("id")}: cancel requested ({r.Text("status")})."));
            return ExitCodes.Ok;
        });
    }

    /// <summary>Asks on a terminal; without one, needs <c>--yes</c>. Declining refuses (exit 1).</summary>
    internal static void Confirm(CliContext context, string question)
    {
        if (context.Yes)
        {
            return;
        }

        if (!context.Interactive)
        {
            throw new CliException(ExitCodes.Usage, $"{question} Give --yes to confirm without a terminal.");
        }

        if (!context.Out.Console.Confirm(Markup.Escape(question), defaultValue: false))
        {
            throw new CliException(ExitCodes.Failed, "Not confirmed; nothing was done.");
        }
    }
}
