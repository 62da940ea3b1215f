using System.Diagnostics;
using System.Globalization;

namespace Qlrf.Bench.Api;

/// <summary>
/// An open-loop load: requests go out on a fixed schedule whatever the answers do, and each latency runs from the
/// request's scheduled time (so a stall counts against every request it delays, not only the one it hit).
/// </summary>
internal sealed class LoadRun(HttpClient client, IReadOnlyList<string> paths, int perSecond)
{
    private readonly Dictionary<string, List<double>> latencies = paths.Distinct().ToDictionary(p => p, _ => new List<double>(), StringComparer.Ordinal);
    private readonly Dictionary<string, int> errors = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public async Task<LoadResult> RunAsync(TimeSpan duration)
    {
        var count = (int)(duration.TotalSeconds * perSecond);
        var sent = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        var tick = Stopwatch.Frequency / (double)perSecond;
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * tick);
            while (Stopwatch.GetTimestamp() < due)
            {
                var ahead = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
                if (ahead > 2)
                {
                    await Task.Delay(1);
                }
                else
                {
                    Thread.SpinWait(50);
                }
            }

            sent.Add(SendAsync(paths[i % paths.Count], due));
        }

        var lateness = (Stopwatch.GetTimestamp() - (start + (long)(count * tick))) * 1000.0 / Stopwatch.Frequency;
        await Task.WhenAll(sent);
        return new LoadResult(latencies, errors, Stopwatch.GetElapsedTime(start), lateness);
    }

    private async Task SendAsync(string path, long due)
    {
        string? error = null;
        try
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
            if (!response.IsSuccessStatusCode)
            {
                error = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            error = ex.GetType().Name;
        }

        var elapsed = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
        lock (gate)
        {
            latencies[path].Add(elapsed);
            if (error is not null)
            {
                errors[error] = errors.GetValueOrDefault(error) + 1;
            }
        }
    }
}

/// <summary>Latencies (ms, by path) and errors (by status or exception) of a <see cref="LoadRun"/>.</summary>
internal sealed record LoadResult(IReadOnlyDictionary<string, List<double>> Latencies, IReadOnlyDictionary<string, int> Errors, TimeSpan Elapsed, double SenderLateMs)
{
    public int Requests => Latencies.Values.Sum(l => l.Count);

    public int ErrorCount => Errors.Values.Sum();

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
