using System.Text.Json;
using Azure;
using Azure.ResourceManager;
using Qlrf.Execution;

namespace Qlrf.Connectors.Azure.Execution;

/// <summary>
/// ARM calls as the executor makes them: an error becomes an <see cref="ExecutorException"/> naming the asset, the
/// operation and Azure's error code and message; a long-running operation is started and then polled through the SDK to its end, its progress reported.
/// </summary>
internal static class AzureCalls
{
    public static async Task<T> RunAsync<T>(string assetId, string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException ex)
        {
            throw Failed(assetId, operation, ex);
        }
    }

    /// <summary>
    /// Starts a long-running operation (<see cref="WaitUntil.Started"/>) and polls it through the SDK to its end, reporting
    /// ARM's status of it (<c>InProgress</c>, <c>Succeeded</c>) after each poll.
    /// </summary>
    public static async Task<T> WaitAsync<T>(
        string assetId, string operation, TimeSpan pollInterval, IExecutorProgress? progress, Func<Task<ArmOperation<T>>> start, CancellationToken cancellationToken)
        where T : notnull
    {
        var started = await RunAsync(assetId, operation, start);
        await PollAsync(assetId, operation, pollInterval, progress, started, cancellationToken);
        return await RunAsync(assetId, operation, async () => (await started.WaitForCompletionAsync(pollInterval, cancellationToken)).Value);
    }

    /// <inheritdoc cref="WaitAsync{T}"/>
    public static async Task WaitAsync(
        string assetId, string operation, TimeSpan pollInterval, IExecutorProgress? progress, Func<Task<ArmOperation>> start, CancellationToken cancellationToken)
    {
        var started = await RunAsync(assetId, operation, start);
        await PollAsync(assetId, operation, pollInterval, progress, started, cancellationToken);
        await RunAsync(assetId, operation, () => started.WaitForCompletionResponseAsync(pollInterval, cancellationToken).AsTask());
    }

    private static async Task PollAsync(string assetId, string operation, TimeSpan pollInterval, IExecutorProgress? progress, Operation started, CancellationToken cancellationToken)
    {
        while (true)
        {
            await progress.ReportAsync($"Azure {operation}", State(started), cancellationToken);
            if (started.HasCompleted)
            {
                return;
            }

            await Task.Delay(pollInterval, cancellationToken);
            await RunAsync(assetId, operation, () => started.UpdateStatusAsync(cancellationToken).AsTask());
        }
    }

    /// <summary>ARM's status of an operation from its last answer: the async operation's <c>status</c>, else the resource's provisioning state.</summary>
    internal static string State(Operation operation)
    {
        var done = operation.HasCompleted ? "Succeeded" : "InProgress";
        try
        {
            var content = operation.GetRawResponse().Content;
            if (content is null || content.ToMemory().IsEmpty)
            {
                return done;
            }

            using var document = JsonDocument.Parse(content.ToMemory());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return done;
            }

            return Text(root, "status")
                ?? (root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object ? Text(properties, "provisioningState") : null)
                ?? done;
        }
        catch (JsonException)
        {
            return done;
        }
    }

    public static ExecutorException Failed(string assetId, string operation, RequestFailedException ex) =>
        new($"Azure {operation} for '{assetId}' failed: {Describe(ex)}", ex);

    /// <summary>"HTTP 409 OperationNotAllowed: message", from ARM's error body when it has one, without the SDK's dump of headers.</summary>
    internal static string Describe(RequestFailedException ex)
    {
        var (code, message) = ErrorOf(ex);
        code ??= ex.ErrorCode;
        message ??= ex.Message.Split('\n', 2)[0].Trim();
        return code is null ? $"HTTP {ex.Status}: {message}" : $"HTTP {ex.Status} {code}: {message}";
    }

    private static (string? Code, string? Message) ErrorOf(RequestFailedException ex)
    {
        try
        {
            var content = ex.GetRawResponse()?.Content;
            if (content is null || content.ToMemory().IsEmpty)
            {
                return (null, null);
            }

            using var document = JsonDocument.Parse(content.ToMemory());
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                ? (Text(error, "code"), Text(error, "message"))
                : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
