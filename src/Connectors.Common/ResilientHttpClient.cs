using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors;

/// <summary>
/// Sends a connector's API calls: each attempt under <see cref="ConnectorHttpOptions.Timeout"/>, throttling
/// and transient failures retried with <see cref="Backoff"/> (waiting on the injected
/// <see cref="TimeProvider"/>), and an answer that does not parse reported as malformed, not retried.
/// A request is built afresh for every attempt, so that it can be signed with the attempt's time.
/// </summary>
public sealed class ResilientHttpClient(HttpClient http, ConnectorHttpOptions options, TimeProvider time, ILogger logger, string connector)
{
    private const int ErrorBodyLimit = 4096;

    /// <summary>Tells whether an error answer means "slow down" beyond 429 and 503 (EC2's RequestLimitExceeded, GCP's rateLimitExceeded).</summary>
    public Func<HttpStatusCode, string, bool> IsThrottled { get; init; } = static (_, _) => false;

    /// <summary>Tells whether an error answer must not be retried even though its status is usually transient (vCenter's too_many_matches comes as a 500).</summary>
    public Func<HttpStatusCode, string, bool> IsPermanent { get; init; } = static (_, _) => false;

    /// <summary>Turns an error answer's body into a short description (the platform's error code and message).</summary>
    public Func<string, string> DescribeError { get; init; } = Collapse;

    public HttpClient Http => http;

    public async Task<T> SendAsync<T>(
        string operation,
        Func<CancellationToken, ValueTask<HttpRequestMessage>> createRequest,
        Func<HttpResponseMessage, CancellationToken, Task<T>> readResponse,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createRequest);
        ArgumentNullException.ThrowIfNull(readResponse);
        using var activity = ConnectorTelemetry.ActivitySource.StartActivity(connector + " " + operation, ActivityKind.Client);
        for (var attempt = 1; ; attempt++)
        {
            var failure = await AttemptAsync(operation, createRequest, readResponse, cancellationToken);
            if (failure.Done)
            {
                activity?.SetTag("qlrf.attempts", attempt);
                return failure.Value!;
            }

            if (attempt >= options.MaxAttempts)
            {
                activity?.SetStatus(ActivityStatusCode.Error, failure.Reason);
                throw ConnectorHttpException.GaveUp(operation, failure.Status, attempt, failure.Reason);
            }

            var delay = Backoff.Delay(options, attempt, failure.RetryAfter);
            ConnectorTelemetry.Retries.Add(1, new("connector", connector), new("reason", failure.Throttled ? "throttled" : "transient"));
            if (failure.Throttled)
            {
                ConnectorLogs.Throttled(logger, connector, operation, attempt, (long)delay.TotalMilliseconds);
            }
            else
            {
                ConnectorLogs.Transient(logger, connector, operation, attempt, failure.Reason, (long)delay.TotalMilliseconds);
            }

            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private async Task<Attempt<T>> AttemptAsync<T>(
        string operation,
        Func<CancellationToken, ValueTask<HttpRequestMessage>> createRequest,
        Func<HttpResponseMessage, CancellationToken, Task<T>> readResponse,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var started = time.GetTimestamp();
        var outcome = "ok";
        try
        {
            using var request = await createRequest(timeout.Token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return Attempt<T>.Success(await readResponse(response, timeout.Token));
                }
                catch (Exception ex) when (ex is JsonException or XmlException or FormatException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
                {
                    outcome = "malformed";
                    throw new MalformedResponseException(operation, ex.Message, ex);
                }
            }

            var body = await ReadErrorBodyAsync(response, timeout.Token);
            var status = response.StatusCode;
            var permanent = IsPermanent(status, body);
            var throttled = !permanent && (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable || IsThrottled(status, body));
            var transient = !permanent && status is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;
            if (!throttled && !transient)
            {
                outcome = "error";
                throw new ConnectorHttpException(operation, status, DescribeError(body));
            }

            outcome = throttled ? "throttled" : "transient";
            return Attempt<T>.Retry(status, $"HTTP {(int)status} {DescribeError(body)}".TrimEnd(), throttled, RetryAfter(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = "transient";
            return Attempt<T>.Retry(null, $"no answer within {options.Timeout}", false, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            outcome = "transient";
            return Attempt<T>.Retry(null, ex.Message, false, null);
        }
        finally
        {
            ConnectorTelemetry.Calls.Add(1, new("connector", connector), new("operation", operation), new("outcome", outcome));
            ConnectorTelemetry.CallDuration.Record(time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("connector", connector));
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        if (header.Delta is { } delta)
        {
            return delta;
        }

        return header.Date is { } date ? date - time.GetUtcNow() : null;
    }

    private static async Task<string> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ErrorBodyLimit];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>An error body on one line, at most 300 characters.</summary>
    public static string Collapse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 300 ? string.Concat(text.AsSpan(0, 300), "…") : text;
    }

    private readonly record struct Attempt<TValue>(bool Done, TValue? Value, HttpStatusCode? Status, string Reason, bool Throttled, TimeSpan? RetryAfter)
    {
        public static Attempt<TValue> Success(TValue value) => new(true, value, null, string.Empty, false, null);

        public static Attempt<TValue> Retry(HttpStatusCode? status, string reason, bool throttled, TimeSpan? retryAfter) =>
            new(false, default, status, reason, throttled, retryAfter);
    }
}
