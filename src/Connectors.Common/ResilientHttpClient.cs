using System.Diagnostics;
using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Qlrf.Connectors;

/// <summary>
/// Sends a connector's API calls through the <see cref="ConnectorResilience"/> pipeline: each attempt under
/// <see cref="ConnectorHttpOptions.Timeout"/> (body included), throttling and transient failures retried as the
/// pipeline decides, and an answer that does not parse reported as malformed, not retried. A request is built
/// afresh for every attempt, so that it carries the attempt's credentials (a refreshed token, a new signature).
/// </summary>
public sealed class ResilientHttpClient
{
    private readonly HttpClient http;
    private readonly ConnectorHttpOptions options;
    private readonly TimeProvider time;
    private readonly string connector;
    private readonly ConnectorRetryRules rules;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public ResilientHttpClient(HttpClient http, ConnectorHttpOptions options, TimeProvider time, ILogger logger, string connector, ConnectorRetryRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        this.options = options;
        this.time = time;
        this.connector = connector;
        this.rules = rules ?? ConnectorRetryRules.StatusOnly;
        pipeline = ConnectorResilience.Pipeline(options, this.rules, time, logger, connector);
    }

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
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(
                async ctx =>
                {
                    attempts++;
                    return await AttemptAsync(operation, createRequest, ctx.CancellationToken);
                },
                context);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutRejectedException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw ConnectorHttpException.GaveUp(operation, null, attempts, ex.Message);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        activity?.SetTag("qlrf.attempts", attempts);
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return await readResponse(response, cancellationToken);
                }
                catch (Exception ex) when (ex is JsonException or XmlException or FormatException or InvalidDataException or KeyNotFoundException or InvalidOperationException)
                {
                    throw new MalformedResponseException(operation, ex.Message, ex);
                }
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = response.StatusCode;
            if (rules.Judge(status, body) is HttpVerdict.Throttled or HttpVerdict.Transient)
            {
                var reason = $"HTTP {(int)status} {DescribeError(body)}".TrimEnd();
                activity?.SetStatus(ActivityStatusCode.Error, reason);
                throw ConnectorHttpException.GaveUp(operation, status, attempts, reason);
            }

            throw new ConnectorHttpException(operation, status, DescribeError(body));
        }
    }

    /// <summary>
    /// One attempt: the answer comes back with its body read (an error body's first 4 KB), so that the pipeline can
    /// judge it and a body that breaks off is retried like any transient failure. No answer in time is a <see cref="TimeoutRejectedException"/>.
    /// </summary>
    private async Task<HttpResponseMessage> AttemptAsync(string operation, Func<CancellationToken, ValueTask<HttpRequestMessage>> createRequest, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var started = time.GetTimestamp();
        var outcome = "error";
        try
        {
            using var request = await createRequest(timeout.Token);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            try
            {
                if (response.IsSuccessStatusCode)
                {
                    await response.Content.LoadIntoBufferAsync(timeout.Token);
                    outcome = "ok";
                    return response;
                }

                var body = await ConnectorResilience.BufferErrorBodyAsync(response, timeout.Token);
                outcome = rules.Judge(response.StatusCode, body) switch
                {
                    HttpVerdict.Throttled => "throttled",
                    HttpVerdict.Transient => "transient",
                    _ => "error",
                };
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            outcome = "transient";
            throw;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = "transient";
            throw new TimeoutRejectedException($"no answer within {options.Timeout}", options.Timeout, ex);
        }
        finally
        {
            ConnectorTelemetry.Calls.Add(1, new("connector", connector), new("operation", operation), new("outcome", outcome));
            ConnectorTelemetry.CallDuration.Record(time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("connector", connector));
        }
    }

    /// <summary>An error body on one line, at most 300 characters.</summary>
    public static string Collapse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 300 ? string.Concat(text.AsSpan(0, 300), "…") : text;
    }
}
