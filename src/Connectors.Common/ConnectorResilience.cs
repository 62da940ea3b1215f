using System.Net;
using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Qlrf.Connectors;

/// <summary>
/// The retry pipeline of the connectors' HTTP calls (Microsoft.Extensions.Http.Resilience over Polly): throttling
/// and transient failures are retried up to <see cref="ConnectorHttpOptions.MaxAttempts"/> attempts with jittered
/// exponential backoff from <see cref="ConnectorHttpOptions.BaseDelay"/> to <see cref="ConnectorHttpOptions.MaxDelay"/>,
/// or after the server's <c>Retry-After</c> when it gives one (at most <see cref="MaxRetryAfter"/>). Waits are on the
/// injected <see cref="TimeProvider"/>. Used by <see cref="ResilientHttpClient"/> and, as a <c>ResilienceHandler</c>,
/// under SDK clients that send their own requests (KubernetesClient).
/// </summary>
public static class ConnectorResilience
{
    /// <summary>The longest <c>Retry-After</c> honoured.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>How much of an error body is kept to judge and describe it.</summary>
    internal const int ErrorBodyLimit = 4096;

    public static ResiliencePipeline<HttpResponseMessage> Pipeline(ConnectorHttpOptions options, ConnectorRetryRules rules, TimeProvider time, ILogger logger, string connector)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(time);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = connector, TimeProvider = time };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = async args => await JudgeAsync(args.Outcome, rules, args.Context.CancellationToken) is HttpVerdict.Throttled or HttpVerdict.Transient,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
                OnRetry = async args =>
                {
                    var verdict = await JudgeAsync(args.Outcome, rules, args.Context.CancellationToken);
                    var operation = Operation(args.Context);
                    var delayMs = (long)args.RetryDelay.TotalMilliseconds;
                    ConnectorTelemetry.Retries.Add(1, new("connector", connector), new("reason", verdict == HttpVerdict.Throttled ? "throttled" : "transient"));
                    if (verdict == HttpVerdict.Throttled)
                    {
                        ConnectorLogs.Throttled(logger, connector, operation, args.AttemptNumber + 1, delayMs);
                    }
                    else
                    {
                        var reason = Reason(args.Outcome);
                        ConnectorLogs.Transient(logger, connector, operation, args.AttemptNumber + 1, reason, delayMs);
                    }
                },
            });
        }

        return builder.Build();
    }

    /// <summary>What an attempt's outcome calls for; an error body is read only when the rules need it (then it must be buffered).</summary>
    internal static async ValueTask<HttpVerdict> JudgeAsync(Outcome<HttpResponseMessage> outcome, ConnectorRetryRules rules, CancellationToken cancellationToken)
    {
        if (outcome.Exception is { } exception)
        {
            return exception is HttpRequestException or IOException or TimeoutRejectedException ? HttpVerdict.Transient : HttpVerdict.Fail;
        }

        var response = outcome.Result!;
        if (response.IsSuccessStatusCode)
        {
            return HttpVerdict.Done;
        }

        var body = rules.ReadsBody ? await response.Content.ReadAsStringAsync(cancellationToken) : string.Empty;
        return rules.Judge(response.StatusCode, body);
    }

    /// <summary>Replaces an error answer's body by its first <see cref="ErrorBodyLimit"/> bytes, read now, so that it can be read again.</summary>
    internal static async Task<string> BufferErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[ErrorBodyLimit];
        var read = 0;
        await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken))
        {
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }
        }

        var headers = response.Content.Headers.ToList();
        response.Content.Dispose();
        response.Content = new ByteArrayContent(buffer, 0, read);
        foreach (var (name, values) in headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            response.Content.Headers.TryAddWithoutValidation(name, values);
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        var wait = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return wait is not { } server || server <= TimeSpan.Zero ? null : server > MaxRetryAfter ? MaxRetryAfter : server;
    }

    private static string Operation(ResilienceContext context) =>
        context.OperationKey
        ?? (context.GetRequestMessage() is { } request ? $"{request.Method} {request.RequestUri?.AbsolutePath}" : "call");

    private static string Reason(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception?.Message ?? $"HTTP {(int)outcome.Result!.StatusCode}";
}
