namespace Qlrf.Connectors.Kubernetes.Dr;

/// <summary>A validation probe: GET the URL; a 2xx answer within the timeout passes.</summary>
internal static class KubernetesDrProbe
{
    /// <summary>Null when the probe passes, else why it failed.</summary>
    public static async Task<string?> RunAsync(HttpClient client, string url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"{url}: not an absolute http(s) URL";
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timer.Token);
            return response.IsSuccessStatusCode ? null : $"GET {url} answered HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return $"GET {url} failed: {ex.Message}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"GET {url} did not answer within {timeout}";
        }
    }
}
