using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Qlrf.IntegrationTests.Support;

/// <summary>An OIDC issuer on a loopback port: its metadata document and the JWKS of <see cref="TestTokens"/>.</summary>
public sealed class LoopbackIssuer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackIssuer(WebApplication app) => this.app = app;

    /// <summary>The issuer URL (<c>iss</c>), also where its metadata is found.</summary>
    public string Authority { get; private set; } = string.Empty;

    /// <summary>Requests for the metadata document and the key set.</summary>
    public int Requests { get; private set; }

    public static async Task<LoopbackIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var issuer = new LoopbackIssuer(app);
        app.MapGet("/.well-known/openid-configuration", () =>
        {
            issuer.Requests++;
            return Results.Json(new Dictionary<string, string> { ["issuer"] = issuer.Authority, ["jwks_uri"] = issuer.Authority + "/jwks" });
        });
        app.MapGet("/jwks", () =>
        {
            issuer.Requests++;
            return Results.Text(TestTokens.Jwks, "application/json");
        });
        await app.StartAsync();
        issuer.Authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return issuer;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
