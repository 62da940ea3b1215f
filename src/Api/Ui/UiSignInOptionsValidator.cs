using Microsoft.Extensions.Options;
using Qlrf.Identity;

namespace Qlrf.Api.Ui;

/// <summary>
/// Checks that the UI's OIDC sign-in can work: an issuer to sign in with, and JWT sign-in on in the API (else every
/// token the UI gets would be refused), naming each setting at fault.
/// </summary>
internal sealed class UiSignInOptionsValidator(IOptions<JwtOptions> jwt) : IValidateOptions<UiSignInOptions>
{
    private const string S = UiSignInOptions.Section;

    public ValidateOptionsResult Validate(string? name, UiSignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!jwt.Value.Enabled)
        {
            failures.Add($"{S}:ClientId is set, but JWT sign-in ({JwtOptions.Section}) is not configured, so the API would refuse the UI's tokens.");
        }

        var authority = Authority(options, jwt.Value);
        if (authority is null)
        {
            failures.Add($"{S}:Authority (or {JwtOptions.Section}:Authority) is required when {S}:ClientId is set.");
        }
        else if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            failures.Add($"{S}:Authority must be an absolute https URL (http only for a loopback test issuer).");
        }

        if (string.IsNullOrWhiteSpace(options.Scopes) || !options.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
        {
            failures.Add($"{S}:Scopes must include openid.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The issuer the UI signs in with: its own setting, else the API's.</summary>
    internal static string? Authority(UiSignInOptions options, JwtOptions jwt) =>
        !string.IsNullOrWhiteSpace(options.Authority) ? options.Authority
        : !string.IsNullOrWhiteSpace(jwt.Authority) ? jwt.Authority
        : null;
}
