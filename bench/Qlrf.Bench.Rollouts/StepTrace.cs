using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Qlrf.Bench.Rollouts;

/// <summary>
/// The benchmark's trace of one rollout after its approval: listens to the durable runtime's and the rollouts' spans
/// (raise event, orchestration step with its "executed" and "committed" events, each activity, rollout.apply) while
/// recording, and prints them on the approval's clock, so the time between approval and first change can be taken apart.
/// </summary>
internal sealed class StepTrace : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<Span> spans = new();
    private volatile string? watching;

    public StepTrace()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Qlrf.Durable" or "Qlrf.Rollouts",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => watching is null ? ActivitySamplingResult.None : ActivitySamplingResult.AllData,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Starts recording the spans of instances whose id contains <paramref name="rolloutId"/>.</summary>
    public void Watch(string rolloutId)
    {
        spans.Clear();
        watching = rolloutId;
    }

    /// <summary>Stops recording and prints the spans that started before <paramref name="until"/> (a timestamp), relative to <paramref name="origin"/>.</summary>
    public void Print(long origin, long until, TextWriter output)
    {
        watching = null;
        var ordered = spans.Where(s => s.Start <= until).OrderBy(s => s.Start).ToList();
        var applies = ordered.Count(s => s.Name.EndsWith("ApplyImageActivity", StringComparison.Ordinal));
        output.WriteLine(Invariant($"  trace from the approval POST (ms since sent; {ordered.Count} spans before the first change, {applies} of them ApplyImageActivity):"));
        var shownApplies = 0;
        foreach (var span in ordered)
        {
            if (span.Name.EndsWith("ApplyImageActivity", StringComparison.Ordinal) || span.Name == "rollout.apply")
            {
                if (++shownApplies > 4)
                {
                    continue;
                }
            }

            var events = string.Concat(span.Events.Select(e => Invariant($"; {e.Name} at {Ms(origin, e.At),7:F1}{e.Detail}")));
            output.WriteLine(Invariant($"    {Ms(origin, span.Start),8:F1} → {Ms(origin, span.End),8:F1}  {span.Name}{events}"));
        }
    }

    public void Dispose() => listener.Dispose();

    private void Record(Activity activity)
    {
        if (watching is not { } id)
        {
            return;
        }

        var instance = activity.GetTagItem("qlrf.durable.instance_id") as string ?? activity.GetTagItem("qlrf.rollout.id") as string;
        if (instance is null || !instance.Contains(id, StringComparison.Ordinal))
        {
            return;
        }

        var start = Stopwatch.GetTimestamp() - (long)(activity.Duration.TotalSeconds * Stopwatch.Frequency);
        var startUtc = activity.StartTimeUtc;
        var events = activity.Events.Select(e => (e.Name, start + (long)((e.Timestamp.UtcDateTime - startUtc).TotalSeconds * Stopwatch.Frequency),
            string.Concat(e.Tags.Select(t => Invariant($" {t.Key}={t.Value}")))));
        spans.Enqueue(new Span(activity.OperationName, start, Stopwatch.GetTimestamp(), [.. events.Select(e => new Mark(e.Name, e.Item2, e.Item3))]));
    }

    private static double Ms(long origin, long at) => Stopwatch.GetElapsedTime(origin, at).TotalMilliseconds;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Span(string Name, long Start, long End, IReadOnlyList<Mark> Events);

    private sealed record Mark(string Name, long At, string Detail);
}
