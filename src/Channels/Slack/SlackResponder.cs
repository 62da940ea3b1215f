using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Channels.Delivery;

namespace Qlrf.Channels.Slack;

/// <summary>
/// Posts answers to Slack interactions through their <c>response_url</c> after the callback has been
/// acknowledged (Slack wants the acknowledgement within three seconds): the message with its outcome, or
/// an ephemeral note to the person who pressed. Only URLs under <see cref="SlackOptions.ResponseUrlBase"/>
/// are posted to. A failed post is retried twice, then logged and dropped: the workflow's own outcome
/// notification updates the message too.
/// </summary>
public sealed class SlackResponder(IHttpClientFactory http, IOptions<NotificationOptions> options, TimeProvider time, ILogger<SlackResponder> logger) : BackgroundService
{
    private const int MaxAttempts = 3;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    private readonly Channel<SlackResponse> queue = Channel.CreateBounded<SlackResponse>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Queues a message for the interaction's response URL; false when the URL is missing or not Slack's, or the queue is full.</summary>
    public bool Enqueue(Uri? responseUrl, JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var allowed = options.Value.Slack.ResponseUrlBase.AbsoluteUri;
        if (responseUrl is null || !responseUrl.AbsoluteUri.StartsWith(allowed, StringComparison.OrdinalIgnoreCase))
        {
            ChannelLogs.SlackResponseUrlRefused(logger, responseUrl?.GetLeftPart(UriPartial.Authority) ?? "none");
            return false;
        }

        return queue.Writer.TryWrite(new SlackResponse(responseUrl, message));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                queue.Reader.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken },
                PostAsync);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is dropped; the workflow's outcome notification updates the message.
        }
    }

    private async ValueTask PostAsync(SlackResponse response, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            string error;
            try
            {
                using var client = http.CreateClient(SlackSender.Name);
                using var answer = await client.PostAsJsonAsync(response.Url, response.Message, cancellationToken);
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }

                error = $"Slack answered {(int)answer.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                error = ex.Message;
            }

            ChannelLogs.SlackResponseFailed(logger, attempt, attempt >= MaxAttempts, error);
            if (attempt >= MaxAttempts)
            {
                return;
            }

            await Task.Delay(FirstRetry * attempt, time, cancellationToken);
        }
    }

    private sealed record SlackResponse(Uri Url, JsonObject Message);
}
