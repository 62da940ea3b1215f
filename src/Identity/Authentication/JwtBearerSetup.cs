using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Qlrf.Identity.Authentication;

/// <summary>Configures the JwtBearer scheme from <see cref="JwtOptions"/>.</summary>
internal sealed class JwtBearerSetup(IOptions<JwtOptions> jwt) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != QlrfAuthentication.BearerScheme)
        {
            return;
        }

        var settings = jwt.Value;
        options.EventsType = typeof(QlrfJwtBearerEvents);
        options.MapInboundClaims = false;
        options.SaveToken = false;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.Audience = settings.Audience;
        if (!string.IsNullOrWhiteSpace(settings.Authority))
        {
            options.Authority = settings.Authority;
        }

        if (!string.IsNullOrWhiteSpace(settings.MetadataAddress))
        {
            options.MetadataAddress = settings.MetadataAddress;
        }

        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = string.IsNullOrWhiteSpace(settings.Issuer) ? null : settings.Issuer,
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = settings.ClockSkew,
            NameClaimType = settings.SubjectClaim,
            RoleClaimType = settings.RolesClaim,
            IssuerSigningKeys = string.IsNullOrWhiteSpace(settings.SigningKeys) ? null : JwtOptionsValidator.ReadSigningKeys(settings.SigningKeys),
        };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
