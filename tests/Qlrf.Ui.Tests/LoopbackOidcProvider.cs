using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Qlrf.Ui.Tests;

/// <summary>
/// An OpenID Connect issuer on a loopback port, for the Control Tower's sign-in: its discovery document, its JWKS (an
/// ES256 key made per instance), an authorize endpoint that signs in <see cref="Subject"/> at once and redirects back
/// with a code, and a token endpoint that redeems the code only for the client, redirect URI and PKCE verifier it was
/// issued to, answering with an access token for <see cref="Audience"/> (organisation and roles as claims) signed by
/// its key. Browsers reach it from another origin, so it answers CORS.
/// </summary>
public sealed class LoopbackOidcProvider : IAsyncDisposable
{
    public const string ClientId = "qlrf-control-tower";
    public const string Audience = "api://qlrf-ui-test";
    public const string ApiScope = Audience + "/access_as_user";

    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ConcurrentDictionary<string, Grant> codes = new(StringComparer.Ordinal);
    private WebApplication app = null!;

    private LoopbackOidcProvider()
    {
    }

    /// <summary>The issuer's URL (no trailing slash), also its <c>iss</c>.</summary>
    public string Issuer { get; private set; } = null!;

    public string Subject { get; init; } = "alice@example.test";

    public string Organisation { get; init; } = "default";

    public IReadOnlyList<string> Roles { get; init; } = ["engineer"];

    /// <summary>Each token request and how it ended: <c>issued</c>, or why it was refused.</summary>
    public ConcurrentQueue<string> TokenRequests { get; } = new();

    /// <summary>Each authorize request's PKCE method (<c>S256</c>, or none).</summary>
    public ConcurrentQueue<string> AuthorizeRequests { get; } = new();

    public static async Task<LoopbackOidcProvider> StartAsync(string subject, string organisation, IReadOnlyList<string> roles)
    {
        var provider = new LoopbackOidcProvider { Subject = subject, Organisation = organisation, Roles = roles };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        provider.app = builder.Build();
        provider.Map(provider.app);
        await provider.app.StartAsync();
        var address = provider.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/');
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        key.Dispose();
    }

    private void Map(WebApplication web)
    {
        web.Use(async (context, next) =>
        {
            // The UI reads discovery and redeems the code from its own origin.
            context.Response.Headers.AccessControlAllowOrigin = "*";
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.Headers.AccessControlAllowMethods = "GET, POST";
                context.Response.Headers.AccessControlAllowHeaders = context.Request.Headers.AccessControlRequestHeaders.ToString();
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            await next(context);
        });
        web.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["grant_types_supported"] = new[] { "authorization_code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "none" },
            ["scopes_supported"] = new[] { "openid", "profile", ApiScope },
        }));
        web.MapGet("/jwks", () => Results.Text(Jwks(), "application/json"));
        web.MapGet("/authorize", Authorize);
        web.MapPost("/token", RedeemAsync);
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        AuthorizeRequests.Enqueue(q["code_challenge_method"].ToString() is { Length: > 0 } m ? m : "none");
        if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(q["code_challenge"]) || !Uri.TryCreate(q["redirect_uri"], UriKind.Absolute, out var redirect)
            || !(q["scope"].ToString() ?? "").Split(' ').Contains("openid"))
        {
            return Results.BadRequest("invalid_request");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        codes[code] = new Grant(ClientId, redirect.ToString(), q["code_challenge"]!, q["nonce"], q["scope"]!);
        var back = $"{redirect}{(redirect.Query.Length > 0 ? "&" : "?")}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"].ToString())}";
        return Results.Redirect(back);
    }

    private async Task<IResult> RedeemAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        Grant? g = null;
        var refusal = form["grant_type"] != "authorization_code" ? "unsupported_grant_type"
            : !codes.TryRemove(form["code"].ToString(), out g) ? "unknown_or_used_code"
            : form["client_id"] != g.ClientId ? "wrong_client"
            : form["redirect_uri"] != g.RedirectUri ? "wrong_redirect_uri"
            : Challenge(form["code_verifier"].ToString()) != g.CodeChallenge ? "wrong_code_verifier"
            : null;
        TokenRequests.Enqueue(refusal ?? "issued");
        if (refusal is not null || g is null)
        {
            return Results.Json(new { error = "invalid_grant", error_description = refusal }, statusCode: StatusCodes.Status400BadRequest);
        }

        var access = Sign(Audience, new Dictionary<string, object>
        {
            ["sub"] = Subject,
            ["org"] = Organisation,
            ["roles"] = Roles.ToArray(),
            ["scp"] = "access_as_user",
            ["azp"] = ClientId,
        });
        var idClaims = new Dictionary<string, object> { ["sub"] = Subject, ["name"] = Subject };
        if (!string.IsNullOrEmpty(g.Nonce))
        {
            idClaims["nonce"] = g.Nonce;
        }

        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = access,
            ["id_token"] = Sign(ClientId, idClaims),
            ["token_type"] = "Bearer",
            ["expires_in"] = 600,
            ["scope"] = g.Scope,
        });
    }

    private static string Challenge(string verifier) =>
        Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private string Sign(string audience, Dictionary<string, object> claims)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(10),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = "loopback-1" }, SecurityAlgorithms.EcdsaSha256),
        });
    }

    private string Jwks()
    {
        var p = key.ExportParameters(includePrivateParameters: false);
        return $$"""{"keys":[{"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":"loopback-1","x":"{{Base64UrlEncoder.Encode(p.Q.X)}}","y":"{{Base64UrlEncoder.Encode(p.Q.Y)}}"}]}""";
    }

    private sealed record Grant(string ClientId, string RedirectUri, string CodeChallenge, string? Nonce, string Scope);
}
