using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Qlrf.IntegrationTests.Support;

/// <summary>
/// The Bot Framework's token issuer on a loopback port: OpenID metadata whose key set holds an RSA key
/// endorsed for <c>msteams</c>, as the Bot Connector service publishes it, and tokens signed with that key
/// (or, to forge one, with another).
/// </summary>
public sealed class BotFrameworkIssuer : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "8a4f3c2e-0000-4b6e-9d7c-5f1e2a3b4c5d";
    public const string KeyId = "bf-test-1";
    public const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    private readonly WebApplication app;
    private readonly RSA signer = RSA.Create(2048);
    private int requests;

    private BotFrameworkIssuer(WebApplication app) => this.app = app;

    /// <summary>Where the host reads the metadata (<c>Qlrf:Notifications:Teams:OpenIdMetadata</c>).</summary>
    public Uri MetadataUrl { get; private set; } = null!;

    /// <summary>A key nobody trusts, for forged tokens.</summary>
    public static RSA Forger { get; } = RSA.Create(2048);

    /// <summary>Requests for the metadata document and the key set.</summary>
    public int Requests => Volatile.Read(ref requests);

    public static async Task<BotFrameworkIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var issuer = new BotFrameworkIssuer(builder.Build());
        var app = issuer.app;
        app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref issuer.requests);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = new Uri(issuer.MetadataUrl, "/v1/.well-known/keys").ToString(),
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        app.MapGet("/v1/.well-known/keys", () =>
        {
            Interlocked.Increment(ref issuer.requests);
            var p = issuer.signer.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["kid"] = KeyId,
                        ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                        ["endorsements"] = new[] { "msteams", "webchat" },
                    },
                },
            });
        });
        await app.StartAsync();
        issuer.MetadataUrl = new Uri(app.Urls.First() + "/v1/.well-known/openidconfiguration");
        return issuer;
    }

    /// <summary>A token as the Bot Connector sends it with an activity.</summary>
    public string Token(
        string audience = AppId,
        string issuer = Issuer,
        string? serviceUrl = ServiceUrl,
        TimeSpan? expiresIn = null,
        RSA? signedWith = null,
        string keyId = KeyId)
    {
        var claims = new Dictionary<string, object>();
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        return TestTokens.Sign(issuer, audience, expiresIn ?? TimeSpan.FromMinutes(5), claims, new SigningCredentials(new RsaSecurityKey(signedWith ?? signer) { KeyId = keyId }, SecurityAlgorithms.RsaSha256));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        signer.Dispose();
    }
}
