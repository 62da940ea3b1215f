using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Qlrf.Channels.Delivery;

namespace Qlrf.Channels.Teams;

/// <summary>
/// Checks the Bot Framework token on an activity sent to the bot, as the Bot Connector authentication
/// rules ask: <c>Authorization: Bearer</c>, RS256/384/512, issuer <see cref="TeamsOptions.Issuer"/>, audience
/// the bot's app id, within its lifetime (five minutes' skew), signed by a key from
/// <see cref="TeamsOptions.OpenIdMetadata"/> (cached, and read again when an unknown key appears) that is
/// endorsed for the activity's channel, and a <c>serviceurl</c> claim, when present, equal to the
/// activity's. The metadata may be plain HTTP only on a loopback address.
/// </summary>
public sealed class BotFrameworkTokenValidator : IDisposable
{
    private const string ServiceUrlClaim = "serviceurl";
    private const string EndorsementsProperty = "endorsements";

    private readonly IOptions<NotificationOptions> options;
    private readonly ILogger<BotFrameworkTokenValidator> logger;
    private readonly HttpClient metadataClient;
    private readonly Lazy<ConfigurationManager<OpenIdConnectConfiguration>> metadata;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public BotFrameworkTokenValidator(IOptions<NotificationOptions> options, ILogger<BotFrameworkTokenValidator> logger)
    {
        this.options = options;
        this.logger = logger;
        metadataClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(15) };
        metadata = new(() =>
        {
            var address = options.Value.Teams.OpenIdMetadata;
            var retriever = new HttpDocumentRetriever(metadataClient) { RequireHttps = !address.IsLoopback };
            return new ConfigurationManager<OpenIdConnectConfiguration>(address.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), retriever);
        });
    }

    public async Task<BotTokenCheck> ValidateAsync(string? authorization, string? serviceUrl, string? channelId, CancellationToken cancellationToken)
    {
        var settings = options.Value.Teams;
        if (string.IsNullOrEmpty(settings.AppId))
        {
            return BotTokenCheck.Refused("Teams callbacks are not configured (Qlrf:Notifications:Teams:AppId).");
        }

        var token = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        if (string.IsNullOrEmpty(token))
        {
            return BotTokenCheck.Refused("no bearer token");
        }

        for (var attempt = 0; ; attempt++)
        {
            OpenIdConnectConfiguration configuration;
            try
            {
                configuration = await metadata.Value.GetConfigurationAsync(cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                ChannelLogs.BotMetadataUnavailable(logger, ex);
                return BotTokenCheck.Unavailable;
            }

            var result = await handler.ValidateTokenAsync(token, Parameters(settings, configuration));
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException && attempt == 0)
            {
                // The keys roll over: read the metadata again (at most once per refresh interval) and retry.
                metadata.Value.RequestRefresh();
                continue;
            }

            if (!result.IsValid)
            {
                return BotTokenCheck.Refused(Reason(result.Exception));
            }

            if (result.Claims.TryGetValue(ServiceUrlClaim, out var claimed) && !string.Equals(claimed as string, serviceUrl, StringComparison.OrdinalIgnoreCase))
            {
                return BotTokenCheck.Refused("the token's serviceurl is not the activity's");
            }

            return string.IsNullOrEmpty(channelId) || Endorsements(configuration, (result.SecurityToken as JsonWebToken)?.Kid).Contains(channelId, StringComparer.OrdinalIgnoreCase)
                ? BotTokenCheck.Valid
                : BotTokenCheck.Refused($"the signing key is not endorsed for channel '{channelId}'");
        }
    }

    public void Dispose() => metadataClient.Dispose();

    private static TokenValidationParameters Parameters(TeamsOptions settings, OpenIdConnectConfiguration configuration) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = settings.Issuer,
        ValidateAudience = true,
        ValidAudience = settings.AppId,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = TimeSpan.FromMinutes(5),
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512],
    };

    /// <summary>The channels the key is endorsed for, from its <c>endorsements</c> in the key set.</summary>
    private static IEnumerable<string> Endorsements(OpenIdConnectConfiguration configuration, string? keyId)
    {
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == keyId);
        if (key is null || !key.AdditionalData.TryGetValue(EndorsementsProperty, out var value))
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
            IEnumerable<object> items => items.Select(i => i?.ToString() ?? string.Empty),
            _ => [],
        };
    }

    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "the token is from another issuer",
        SecurityTokenInvalidAlgorithmException => "the token's algorithm is not allowed",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the token's signature is not valid",
        SecurityTokenMalformedException or ArgumentException => "the token is malformed",
        _ => "the token is not valid",
    };
}
