using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Qlrf.Connectors.Azure;

/// <summary>
/// Azure.Core's retry step replaced by a Polly retry with the connectors' settings: throttling (429, 503) and
/// transient failures (408, 500, 502, 504, no answer) are retried with jittered exponential backoff, honouring
/// <c>retry-after-ms</c> and <c>Retry-After</c> (at most <see cref="ConnectorResilience.MaxRetryAfter"/>), and the
/// wait is on the injected <see cref="TimeProvider"/>. The message is sent again as it is (Azure.Core rewinds its content).
/// </summary>
internal sealed class ArmRetryPolicy : HttpPipelinePolicy
{
    private readonly ResiliencePipeline<int> retries;

    public ArmRetryPolicy(ConnectorHttpOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<int> { Name = "azure", TimeProvider = time };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<int>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                    ? ex is RequestFailedException or IOException or OperationCanceledException && !args.Context.CancellationToken.IsCancellationRequested
                    : args.Outcome.Result is 429 or 503 or 408 or 500 or 502 or 504),
                DelayGenerator = args => ValueTask.FromResult(Message(args.Context) is { HasResponse: true } message && args.Outcome.Exception is null ? RetryAfter(message.Response) : null),
                OnRetry = args =>
                {
                    var message = Message(args.Context)!;
                    var throttled = args.Outcome.Result is 429 or 503;
                    var reason = args.Outcome.Exception?.Message ?? $"HTTP {args.Outcome.Result}";
                    ConnectorTelemetry.Retries.Add(1, new("connector", "azure"), new("reason", throttled ? "throttled" : "transient"));
                    AzureLogs.Retrying(logger, message.Request.Method.Method, message.Request.Uri.Path, args.AttemptNumber + 1, reason, (long)args.RetryDelay.TotalMilliseconds);
                    if (message.HasResponse)
                    {
                        message.Response.ContentStream?.Dispose();
                    }

                    return default;
                },
            });
        }

        retries = builder.Build();
    }

    private static readonly ResiliencePropertyKey<HttpMessage> MessageKey = new("qlrf.arm.message");

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var context = ResilienceContextPool.Shared.Get(message.CancellationToken);
        context.Properties.Set(MessageKey, message);
        try
        {
            await retries.ExecuteAsync(
                static async (ctx, pipeline) =>
                {
                    var message = ctx.Properties.GetValue(MessageKey, null!);
                    await ProcessNextAsync(message, pipeline);
                    return message.HasResponse ? message.Response.Status : 0;
                },
                context,
                pipeline);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static HttpMessage? Message(ResilienceContext context) =>
        context.Properties.TryGetValue(MessageKey, out var message) ? message : null;

    private static TimeSpan? RetryAfter(Response response)
    {
        TimeSpan? wait = null;
        if (response.Headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
        {
            wait = TimeSpan.FromMilliseconds(milliseconds);
        }
        else if (response.Headers.TryGetValue("Retry-After", out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            wait = TimeSpan.FromSeconds(seconds);
        }

        return wait is not { } server || server <= TimeSpan.Zero ? null : server > ConnectorResilience.MaxRetryAfter ? ConnectorResilience.MaxRetryAfter : server;
    }
}
