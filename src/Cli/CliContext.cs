using System.CommandLine;
using Qlrf.Cli.Api;
using Qlrf.Cli.Config;
using Qlrf.Cli.Output;

namespace Qlrf.Cli;

/// <summary>One command's run: its parsed global options, its output, its profile and (made on first use) its API client.</summary>
public sealed class CliContext(CliEnvironment environment, ParseResult parse) : IDisposable
{
    private ApiClient? api;

    public CliEnvironment Environment { get; } = environment;

    public ParseResult Parse { get; } = parse;

    public bool Verbose { get; } = parse.GetValue(GlobalOptions.Verbose);

    public bool Yes { get; } = parse.GetValue(GlobalOptions.Yes);

    /// <summary>Prompts, colours and live progress only on a terminal and without <c>--no-input</c>.</summary>
    public bool Interactive { get; } = environment.IsTerminal && !parse.GetValue(GlobalOptions.NoInput);

    public CliOutput Out { get; } = new(environment, parse.GetValue(GlobalOptions.Output), environment.IsTerminal && !parse.GetValue(GlobalOptions.NoInput));

    public CliProfile Profile { get; } = new(environment.ConfigDirectory);

    public T Value<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <summary>The organisation asked for: <c>--org</c>, else <c>QLRF_ORG</c>, else the profile's current one.</summary>
    public string? Organisation(ProfileFile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Parse.GetValue(GlobalOptions.Org) ?? Environment.Variable("QLRF_ORG") ?? profile.Current;
    }

    /// <summary>The URL: <c>--url</c>, else <c>QLRF_URL</c>, else the stored sign-in's, else the local host's.</summary>
    public Uri Url(ProfileEntry? entry) => ParseUrl(Parse.GetValue(GlobalOptions.Url) ?? Environment.Variable("QLRF_URL") ?? entry?.Url ?? GlobalOptions.DefaultUrl);

    /// <summary>The API client, signed in with <c>QLRF_API_KEY</c> or the stored key of the organisation asked for.</summary>
    public ApiClient Api => api ??= CreateApi();

    /// <summary>An API client with the given URL and key (for <c>login</c>, before anything is stored).</summary>
    public ApiClient CreateApi(Uri url, string? key)
    {
        var http = Environment.Handler is null ? new HttpClient() : new HttpClient(Environment.Handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromMinutes(10);
        return new ApiClient(http, url, key, Verbose ? Environment.Error : null);
    }

    public void Dispose() => api?.Dispose();

    public static Uri ParseUrl(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var withSlash = text.EndsWith('/') ? text : text + "/";
        return Uri.TryCreate(withSlash, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new CliException(ExitCodes.Usage, $"'{text}' is not an http or https URL.");
    }

    private ApiClient CreateApi()
    {
        var profile = Profile.Read();
        var organisation = Organisation(profile);
        ProfileEntry? entry = null;
        if (organisation is not null && !profile.Organisations.TryGetValue(organisation, out entry) && Parse.GetValue(GlobalOptions.Org) is not null
            && Environment.Variable("QLRF_API_KEY") is null)
        {
            throw new CliException(ExitCodes.Auth, $"There is no stored sign-in for organisation '{organisation}'.", $"Run `qlrf login --org {organisation}` with an API key of that organisation.");
        }

        var key = Environment.Variable("QLRF_API_KEY") is { Length: > 0 } fromEnvironment ? fromEnvironment : entry?.ApiKey;
        return CreateApi(Url(entry), key);
    }
}
