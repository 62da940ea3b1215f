using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Azure;

/// <summary>
/// Azure.Core's retry step replaced by the connectors' own: throttling (429, 503) and transient failures
/// (408, 500, 502, 504, no answer) are retried with <see cref="Backoff"/>, honouring <c>Retry-After</c>, and
/// the wait is on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ArmRetryPolicy(ConnectorHttpOptions options, TimeProvider time, ILogger logger) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            TimeSpan? retryAfter = null;
            var throttled = false;
            try
            {
                await ProcessNextAsync(message, pipeline);
                var status = message.HasResponse ? message.Response.Status : 0;
                throttled = status is 429 or 503;
                if (!throttled && status is not (408 or 500 or 502 or 504))
                {
                    return;
                }

                reason = $"HTTP {status}";
                retryAfter = RetryAfter(message.Response);
            }
            catch (Exception ex) when (ex is RequestFailedException or IOException or OperationCanceledException && !message.CancellationToken.IsCancellationRequested)
            {
                if (attempt >= options.MaxAttempts)
                {
                    throw;
                }

                reason = ex.Message;
            }

            if (attempt >= options.MaxAttempts)
            {
                return;
            }

            var delay = Backoff.Delay(options, attempt, retryAfter);
            ConnectorTelemetry.Retries.Add(1, new("connector", "azure"), new("reason", throttled ? "throttled" : "transient"));
            var request = message.Request;
            var method = request.Method.Method;
            var path = request.Uri.Path;
            AzureLogs.Retrying(logger, method, path, attempt, reason, (long)delay.TotalMilliseconds);
            if (message.HasResponse)
            {
                message.Response.ContentStream?.Dispose();
            }

            await Task.Delay(delay, time, message.CancellationToken);
        }
    }

    private static TimeSpan? RetryAfter(Response response)
    {
        if (response.Headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return response.Headers.TryGetValue("Retry-After", out var value) && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
