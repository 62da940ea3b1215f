using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Qlrf.Host.ControlTower;

/// <summary>
/// Serves the Control Tower (the built single-page app of <c>ui/control-tower</c>) at <c>/</c>, same origin as
/// the API: its files, and <c>index.html</c> for every other page path (the app routes in the browser). Paths of
/// the API (<c>/api</c>, <c>/openapi</c>, <c>/healthz</c>, <c>/readyz</c>) are never served from here, and nothing
/// here is an endpoint, so no API route is opened or shadowed. Without a built UI, <c>/</c> says how to get it.
/// </summary>
public static class ControlTowerUi
{
    /// <summary>The setting naming the directory of the built UI (the one holding <c>index.html</c>).</summary>
    public const string PathSetting = "Qlrf:Ui:Path";

    /// <summary>Where the build puts the UI, relative to the repository root.</summary>
    public const string BuildOutput = "ui/control-tower/dist";

    private static readonly string[] ApiPrefixes = ["/api", "/openapi", "/healthz", "/readyz"];

    public static WebApplication UseControlTower(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ControlTowerUi));
        var root = Find(app.Configuration[PathSetting]);
        if (root is null)
        {
            HostLogs.UiNotBuilt(logger, BuildOutput);
        }
        else
        {
            HostLogs.UiServed(logger, root);
        }

        var files = root is null ? null : new PhysicalFileProvider(root);
        var staticFiles = new StaticFileOptions
        {
            FileProvider = files ?? (IFileProvider)new NullFileProvider(),
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = c =>
            {
                // Vite names bundles by content hash: they never change; index.html must always be fetched afresh.
                c.Context.Response.Headers.CacheControl = c.Context.Request.Path.StartsWithSegments("/static", StringComparison.Ordinal)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        };
        app.UseWhen(IsPage, branch =>
        {
            if (files is not null)
            {
                branch.UseStaticFiles(staticFiles);
            }

            branch.Run(context => files is null ? NotBuiltAsync(context) : IndexAsync(context, files));
        });
        return app;
    }

    /// <summary>A GET or HEAD that routing gave no endpoint, outside the API's paths: a page of the app or one of its files.</summary>
    private static bool IsPage(HttpContext context) =>
        context.GetEndpoint() is null
        && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && !ApiPrefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private static async Task IndexAsync(HttpContext context, PhysicalFileProvider files)
    {
        // A missing bundle file is a 404, not the app's page (a stale tab asking for an old chunk must fail plainly);
        // any other path is a page of the app (ids in pages hold dots: /images/ubuntu-2204-base@2026.10.1).
        if (context.Request.Path.StartsWithSegments("/static", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.SendFileAsync(files.GetFileInfo("index.html"), context.RequestAborted);
    }

    private static async Task NotBuiltAsync(HttpContext context)
    {
        if (context.Request.Path != "/")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        await context.Response.WriteAsync(NotBuiltPage, context.RequestAborted);
    }

    /// <summary>
    /// The built UI: the setting if given, else <see cref="BuildOutput"/> in the working directory or one above it
    /// (so <c>dotnet run --project src/Host</c> from the repository serves the fresh build), else the copy in the app's
    /// own directory (<c>ui/</c>, as published).
    /// </summary>
    public static string? Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "index.html")) ? Path.GetFullPath(configured) : null;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, BuildOutput);
            if (File.Exists(Path.Combine(candidate, "index.html")))
            {
                return candidate;
            }
        }

        var published = Path.Combine(AppContext.BaseDirectory, "ui");
        return File.Exists(Path.Combine(published, "index.html")) ? published : null;
    }

    private const string NotBuiltPage = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>QL-RF</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
        <h1>QL-RF is running</h1>
        <p>The API is served here (<a href="/openapi/v1.json">OpenAPI document</a>, <a href="/readyz">/readyz</a>),
        but the Control Tower web UI has not been built.</p>
        <p>Install Node.js (LTS, with npm) and start the host again with <code>dotnet run --project src/Host</code>:
        the build runs <code>npm ci</code> and <code>npm run build</code> in <code>ui/control-tower</code> when the UI is out of date.
        Or build it yourself there and restart.</p>
        </body></html>
        """;
}
