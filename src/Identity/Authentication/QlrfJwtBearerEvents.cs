using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Qlrf.Json;
using Qlrf.Security;
using Qlrf.Tenancy;

namespace Qlrf.Identity.Authentication;

/// <summary>
/// Turns a validated token into our principal (organisation, subject and roles from the configured
/// claims) and names why a token was refused, without ever touching the token's text.
/// </summary>
internal sealed class QlrfJwtBearerEvents(IOptions<JwtOptions> jwt, ILogger<QlrfJwtBearerEvents> logger) : JwtBearerEvents
{
    public const int MaxSubjectLength = 256;

    public override Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = jwt.Value;
        var token = context.Principal!;
        var organisation = token.FindFirst(settings.OrganisationClaim)?.Value;
        var subject = token.FindFirst(settings.SubjectClaim)?.Value;
        if (!OrganisationId.IsValid(organisation))
        {
            return Refuse(context, SignInFailures.NoOrganisation);
        }

        if (string.IsNullOrEmpty(subject) || subject.Length > MaxSubjectLength || subject.Any(char.IsControl))
        {
            return Refuse(context, SignInFailures.NoSubject);
        }

        var grants = token.FindAll(settings.RolesClaim)
            .Select(c => EnumText<Role>.TryParse(c.Value, out var role) ? new RoleGrant(role, RoleScope.Organisation) : null)
            .OfType<RoleGrant>()
            .Distinct()
            .ToList();
        IdentityTelemetry.SignIns.Add(1, new("scheme", QlrfAuthentication.BearerScheme), new("outcome", "ok"));
        context.Principal = QlrfClaims.ToClaimsPrincipal(Principal.User(organisation, subject, grants), QlrfAuthentication.BearerScheme);
        return Task.CompletedTask;
    }

    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reason = context.Exception switch
        {
            SignInFailedException s => s.Reason,
            SecurityTokenExpiredException => SignInFailures.ExpiredToken,
            SecurityTokenNotYetValidException => SignInFailures.TokenNotYetValid,
            SecurityTokenInvalidAudienceException => SignInFailures.WrongAudience,
            SecurityTokenInvalidIssuerException => SignInFailures.WrongIssuer,
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => SignInFailures.InvalidSignature,
            SecurityTokenMalformedException or ArgumentException => SignInFailures.MalformedToken,
            InvalidOperationException => SignInFailures.IssuerUnavailable,
            _ => SignInFailures.InvalidToken,
        };
        if (reason == SignInFailures.IssuerUnavailable)
        {
            IdentityLogs.IssuerUnavailable(logger, context.Exception);
        }

        return Refuse(context, reason);
    }

    private Task Refuse(ResultContext<JwtBearerOptions> context, string reason)
    {
        IdentityTelemetry.SignIns.Add(1, new("scheme", QlrfAuthentication.BearerScheme), new("outcome", reason));
        IdentityLogs.SignInFailed(logger, QlrfAuthentication.BearerScheme, reason, null, null);
        context.Fail(new SignInFailedException(QlrfAuthentication.BearerScheme, reason));
        return Task.CompletedTask;
    }
}
