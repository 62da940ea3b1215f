using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Identity;
using Qlrf.Identity.Authentication;

namespace Qlrf.Api.Infrastructure;

/// <summary>
/// The rate limits of <see cref="RateLimitOptions"/> as ASP.NET Core's global limiter: a caller's window,
/// then its organisation's; without valid credentials, the client address's window. A refused request
/// gets 429 with <c>Retry-After</c> in seconds. Endpoints that authenticate callers themselves (chat
/// callbacks, approval links) take <see cref="ChannelPolicy"/> instead: a window per client address.
/// </summary>
internal sealed class ApiRateLimiting(IOptions<RateLimitOptions> limits) : IConfigureOptions<RateLimiterOptions>
{
    /// <summary>The policy of <see cref="SelfAuthenticated"/> endpoints.</summary>
    public const string ChannelPolicy = "approval-channels";

    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddSingleton<IConfigureOptions<RateLimiterOptions>, ApiRateLimiting>();
        return services;
    }

    public void Configure(RateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = limits.Value;
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => PerCaller(context, settings)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => PerOrganisation(context, settings)));
        options.AddPolicy(ChannelPolicy, context => Window(
            $"channel:{(context.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText}:{context.Connection.RemoteIpAddress}",
            settings.ChannelPermitLimit,
            settings.ChannelWindow));
        options.OnRejected = OnRejectedAsync;
    }

    private static RateLimitPartition<string> PerCaller(HttpContext context, RateLimitOptions settings)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<PublicEndpoint>() is not null)
        {
            return RateLimitPartition.GetNoLimiter("public");
        }

        return QlrfClaims.TryGetPrincipal(context.User, out var caller)
            ? Window($"caller:{caller.Organisation}/{caller.Actor}", settings.PerCallerPermitLimit, settings.PerCallerWindow)
            : Window($"address:{context.Connection.RemoteIpAddress}", settings.AnonymousPermitLimit, settings.AnonymousWindow);
    }

    private static RateLimitPartition<string> PerOrganisation(HttpContext context, RateLimitOptions settings) =>
        context.GetEndpoint()?.Metadata.GetMetadata<PublicEndpoint>() is null && QlrfClaims.TryGetPrincipal(context.User, out var caller)
            ? Window("organisation:" + caller.Organisation, settings.PerOrganisationPermitLimit, settings.PerOrganisationWindow)
            : RateLimitPartition.GetNoLimiter("none");

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var kind = QlrfClaims.TryGetPrincipal(context.User, out var caller) ? caller.Kind.ToString() : "anonymous";
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        IdentityTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("kind", kind));
        var logger = context.RequestServices.GetRequiredService<ILogger<ApiRateLimiting>>();
        AccessLogs.RateLimited(logger, kind, context.Request.Method, context.Request.Path);
        await ApiProblems.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "Too many requests.",
            $"This caller or its organisation has used its requests for now; retry after {seconds} s.");
    }
}
