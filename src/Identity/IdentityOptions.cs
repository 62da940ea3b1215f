using System.ComponentModel.DataAnnotations;

namespace Qlrf.Identity;

/// <summary>
/// Sign-in with bearer JWTs from an OIDC issuer (Entra ID in Azure), section <c>Qlrf:Identity:Jwt</c>.
/// Off unless configured; when on, <see cref="Audience"/> and a source of signing keys are required:
/// the issuer's metadata (<see cref="Authority"/> or <see cref="MetadataAddress"/>) or <see cref="SigningKeys"/>.
/// </summary>
public sealed class JwtOptions
{
    public const string Section = "Qlrf:Identity:Jwt";

    /// <summary>The issuer's URL; its metadata is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The metadata document's URL, when it is not under <see cref="Authority"/>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>The issuer tokens must name (<c>iss</c>). Taken from the metadata when not set; required with <see cref="SigningKeys"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience tokens must name (<c>aud</c>): this API's application id URI or client id.</summary>
    public string? Audience { get; set; }

    /// <summary>A JSON Web Key Set (public keys) to verify tokens with, instead of the issuer's metadata.</summary>
    public string? SigningKeys { get; set; }

    /// <summary>Refuse metadata over plain HTTP. Default true; turn off only for a loopback test issuer.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim holding the caller's organisation id. Default <c>org</c>.</summary>
    [Required(ErrorMessage = "Qlrf:Identity:Jwt:OrganisationClaim must name a claim.")]
    public string OrganisationClaim { get; set; } = "org";

    /// <summary>The claim holding the caller's roles (<c>viewer</c>, <c>operator</c>, <c>engineer</c>, <c>admin</c>). Default <c>roles</c>, as Entra ID app roles are sent.</summary>
    [Required(ErrorMessage = "Qlrf:Identity:Jwt:RolesClaim must name a claim.")]
    public string RolesClaim { get; set; } = "roles";

    /// <summary>The claim that identifies the user, and that role bindings name. Default <c>sub</c>; <c>oid</c> is the stable one in Entra ID.</summary>
    [Required(ErrorMessage = "Qlrf:Identity:Jwt:SubjectClaim must name a claim.")]
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>Tolerance for clock differences when checking expiry. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Qlrf:Identity:Jwt:ClockSkew must be between 00:00:00 and 00:10:00.")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether JWT sign-in is configured at all.</summary>
    public bool Enabled =>
        !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(MetadataAddress) || !string.IsNullOrWhiteSpace(SigningKeys)
        || !string.IsNullOrWhiteSpace(Audience) || !string.IsNullOrWhiteSpace(Issuer);
}

/// <summary>API keys, section <c>Qlrf:Identity:ApiKeys</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Qlrf:Identity:ApiKeys";

    /// <summary>How long a key lives when its creator names no expiry. Default 90 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00", ErrorMessage = "Qlrf:Identity:ApiKeys:DefaultLifetime must be between 00:01:00 and 3650.00:00:00.")]
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The longest a key may live. Default 365 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00", ErrorMessage = "Qlrf:Identity:ApiKeys:MaxLifetime must be between 00:01:00 and 3650.00:00:00.")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(365);
}

/// <summary>The local host's bootstrap admin key, section <c>Qlrf:Identity:Bootstrap</c>.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Qlrf:Identity:Bootstrap";

    /// <summary>Create an admin key for the default organisation at start-up when it has no admin. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Create one even though an admin exists: the way back in after losing every admin key. Turn it off again after use. Default false.</summary>
    public bool Reissue { get; set; }

    /// <summary>How long the bootstrap key lives. Default 30 days; once no admin key is left, the next start creates another.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00", ErrorMessage = "Qlrf:Identity:Bootstrap:Lifetime must be between 00:01:00 and 365.00:00:00.")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);
}
