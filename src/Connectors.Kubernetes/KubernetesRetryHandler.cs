using System.Net;
using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// Retries a Kubernetes API call on throttling (429, 503) and transient errors (408, 500, 502, 504, no answer),
/// with the connectors' backoff and the server's <c>Retry-After</c>; KubernetesClient itself does not retry.
/// The last answer goes back to the client, which turns an error into its <c>HttpOperationException</c>.
/// </summary>
internal sealed class KubernetesRetryHandler(ConnectorHttpOptions options, TimeProvider time, ILogger logger, string cluster) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var operation = $"{request.Method} {request.RequestUri?.AbsolutePath} ({cluster})";
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (attempt < options.MaxAttempts)
            {
                var wait = Backoff.Delay(options, attempt, null);
                KubernetesLogs.Retrying(logger, operation, attempt, ex.Message, (long)wait.TotalMilliseconds);
                await Task.Delay(wait, time, cancellationToken);
                continue;
            }

            var throttled = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
            var transient = response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;
            if ((!throttled && !transient) || attempt >= options.MaxAttempts)
            {
                return response;
            }

            var delay = Backoff.Delay(options, attempt, RetryAfter(response));
            if (throttled)
            {
                KubernetesLogs.Retrying(logger, operation, attempt, "throttled", (long)delay.TotalMilliseconds);
            }
            else
            {
                KubernetesLogs.Retrying(logger, operation, attempt, $"HTTP {(int)response.StatusCode}", (long)delay.TotalMilliseconds);
            }

            response.Dispose();
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };
}
