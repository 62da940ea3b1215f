using System.CommandLine;
using Qlrf.Cli.Config;
using Qlrf.Cli.Output;
using Spectre.Console;

namespace Qlrf.Cli.Commands;

/// <summary><c>qlrf login</c> and <c>qlrf whoami</c>.</summary>
internal static class LoginCommands
{
    private static readonly Option<bool> ApiKeyStdin = new("--api-key-stdin")
    {
        Description = "Read the API key from standard input (for scripts: `printenv KEY | qlrf login --api-key-stdin`). Never pass a key as an argument.",
    };

    public static Command Login(CliEnvironment environment)
    {
        var command = new Command("login", "Signs in to a QL-RF API with an API key (read from standard input or a hidden prompt, never from the command line) "
            + "and stores it in your profile (mode 600) for the key's organisation.").With(ApiKeyStdin);
        return command.Runs(environment, async (context, cancellationToken) =>
        {
            var profile = context.Profile.Read();
            var organisation = context.Organisation(profile);
            var known = organisation is not null ? profile.Organisations.GetValueOrDefault(organisation) : null;
            var url = context.Url(known);
            string? key;
            if (context.Value(ApiKeyStdin))
            {
                key = (await environment.Input.ReadLineAsync(cancellationToken))?.Trim();
            }
            else if (context.Interactive)
            {
                key = await new TextPrompt<string>($"API key for {Markup.Escape(url.ToString())}:").Secret().ShowAsync(context.Out.Console, cancellationToken);
            }
            else
            {
                throw new CliException(ExitCodes.Usage, "No terminal to prompt for the API key.", "Pipe it in: `printenv QLRF_KEY | qlrf login --api-key-stdin --url URL`.");
            }

            if (string.IsNullOrWhiteSpace(key))
            {
                throw new CliException(ExitCodes.Usage, "No API key was given.");
            }

            using var api = context.CreateApi(url, key.Trim());
            var me = await api.GetAsync("api/v1/rbac/me", cancellationToken);
            var signedIn = me.Text("organisation");
            if (context.Parse.GetValue(GlobalOptions.Org) is { } asked && asked != signedIn)
            {
                throw new CliException(ExitCodes.Auth, $"That key belongs to organisation '{signedIn}', not '{asked}'; nothing was stored.");
            }

            var entries = new Dictionary<string, ProfileEntry>(profile.Organisations, StringComparer.Ordinal)
            {
                [signedIn] = new ProfileEntry(url.ToString(), key.Trim(), me.Text("actor")),
            };
            context.Profile.Save(profile with { Current = signedIn, Organisations = entries });
            context.Out.Write(me, (o, m) => o.Line($"Signed in to {url} as {m.Text("actor")} (organisation {signedIn}); stored in {context.Profile.FilePath}."));
            return ExitCodes.Ok;
        });
    }

    public static Command WhoAmI(CliEnvironment environment) =>
        new Command("whoami", "Shows who the stored sign-in is: organisation, actor, roles and permissions.").Runs(environment, async (context, cancellationToken) =>
        {
            var me = await context.Api.GetAsync("api/v1/rbac/me", cancellationToken);
            context.Out.Write(me, (o, m) => o.Fields(m,
                "organisation",
                "actor",
                "kind",
                new Column("roles", e => string.Join(", ", e.Items("grants").Select(g => $"{g.Text("role")} ({g.Text("scope")})"))),
                new Column("api", _ => context.Api.BaseUrl.ToString()),
                "permissions"));
            return ExitCodes.Ok;
        });
}
