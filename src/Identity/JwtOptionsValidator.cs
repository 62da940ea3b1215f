using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Qlrf.Identity;

/// <summary>Checks the JWT settings that depend on one another, naming each setting at fault.</summary>
internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    private const string S = JwtOptions.Section;

    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{S}:Audience is required when JWT sign-in is configured.");
        }

        var metadata = !string.IsNullOrWhiteSpace(options.Authority) || !string.IsNullOrWhiteSpace(options.MetadataAddress);
        if (!metadata && string.IsNullOrWhiteSpace(options.SigningKeys))
        {
            failures.Add($"{S}:Authority (or {S}:MetadataAddress, or {S}:SigningKeys) is required when JWT sign-in is configured.");
        }

        if (!metadata && !string.IsNullOrWhiteSpace(options.SigningKeys) && string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add($"{S}:Issuer is required when {S}:SigningKeys is given without an Authority.");
        }

        CheckUrl(failures, "Authority", options.Authority, options.RequireHttpsMetadata);
        CheckUrl(failures, "MetadataAddress", options.MetadataAddress, options.RequireHttpsMetadata);
        if (!string.IsNullOrWhiteSpace(options.SigningKeys) && !HasSigningKeys(options.SigningKeys))
        {
            failures.Add($"{S}:SigningKeys must be a JSON Web Key Set with at least one signing key.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static IList<SecurityKey> ReadSigningKeys(string jwks) => new JsonWebKeySet(jwks).GetSigningKeys();

    private static bool HasSigningKeys(string jwks)
    {
        try
        {
            return ReadSigningKeys(jwks).Count > 0;
        }
        catch (Exception ex) when (ex is ArgumentException or System.Text.Json.JsonException or FormatException)
        {
            return false;
        }
    }

    private static void CheckUrl(List<string> failures, string setting, string? value, bool requireHttps)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{S}:{setting} must be an absolute http(s) URL.");
        }
        else if (requireHttps && uri.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{S}:{setting} must use https (set {S}:RequireHttpsMetadata to false only for a loopback test issuer).");
        }
    }
}
