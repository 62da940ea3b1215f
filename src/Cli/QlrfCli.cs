using System.CommandLine;
using Qlrf.Cli.Api;
using Qlrf.Cli.Commands;

namespace Qlrf.Cli;

/// <summary>The <c>qlrf</c> command tree, and one run of it with exit codes a pipeline can rely on.</summary>
public static class QlrfCli
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var root = Build(environment);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error.Message}");
            }

            await environment.Error.WriteLineAsync("Run with --help to see the commands and options.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = environment.Output, Error = environment.Error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    public static RootCommand Build(CliEnvironment environment)
    {
        var root = new RootCommand("qlrf: the QL-RF command line for operators and pipelines (the public /api/v1 API).\n"
            + "Exit codes: 0 ok, 1 failed or refused, 2 usage, 3 auth, 4 not found, 5 timed out waiting.");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(LoginCommands.Login(environment));
        root.Subcommands.Add(LoginCommands.WhoAmI(environment));
        root.Subcommands.Add(InventoryCommands.Assets(environment));
        root.Subcommands.Add(InventoryCommands.Sites(environment));
        root.Subcommands.Add(InventoryCommands.Sweep(environment));
        root.Subcommands.Add(DriftCommands.Drift(environment));
        root.Subcommands.Add(ImageCommands.Images(environment));
        root.Subcommands.Add(RolloutCommands.Rollout(environment));
        root.Subcommands.Add(DrCommands.Dr(environment));
        root.Subcommands.Add(AuditCommands.Audit(environment));
        root.Subcommands.Add(ComplianceCommands.Compliance(environment));
        root.Subcommands.Add(AiCommands.Ai(environment));
        root.Subcommands.Add(CompletionCommand.Completion());
        return root;
    }

    /// <summary>Sets a command's action: runs it with a <see cref="CliContext"/> and turns expected failures into a message and an exit code.</summary>
    public static Command Runs(this Command command, CliEnvironment environment, Func<CliContext, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var context = new CliContext(environment, parse);
            try
            {
                return await run(context, cancellationToken);
            }
            catch (ApiProblemException e)
            {
                return Report(context, e);
            }
            catch (CliException e)
            {
                await environment.Error.WriteLineAsync($"error: {e.Message}");
                if (e.Detail is not null)
                {
                    await environment.Error.WriteLineAsync($"  {e.Detail}");
                }

                return e.ExitCode;
            }
        });
        return command;
    }

    private static int Report(CliContext context, ApiProblemException e)
    {
        var error = context.Environment.Error;
        error.WriteLine($"error: {e.Title} ({(int)e.Status})");
        if (!string.IsNullOrWhiteSpace(e.Detail))
        {
            error.WriteLine($"  {e.Detail}");
        }

        foreach (var field in e.Errors)
        {
            error.WriteLine($"  {field}");
        }

        if (e.Status == System.Net.HttpStatusCode.Unauthorized)
        {
            error.WriteLine($"  Sign in with `qlrf login --url {context.Api.BaseUrl}` (scripts: `... | qlrf login --api-key-stdin`), or set QLRF_API_KEY.");
        }

        if (context.Verbose)
        {
            error.WriteLine($"  request id: {e.RequestId}");
        }

        return e.ExitCode;
    }
}
