namespace Qlrf.Bench.Drift;

/// <summary>Prints the figures, each against its target where it has one.</summary>
internal static class BenchReport
{
    public static void Line(string text) => Console.WriteLine(text);

    public static void Rate(string what, long count, TimeSpan elapsed, double? target = null)
    {
        var rate = count / elapsed.TotalSeconds;
        var verdict = target is { } t ? $" (target >= {t:N0}/s) {(rate >= t ? "OK" : "MISSED")}" : string.Empty;
        Line($"{what}: {count:N0} in {elapsed.TotalSeconds:F2} s = {rate:N0}/s{verdict}");
    }

    public static void Duration(string what, TimeSpan elapsed, double? targetMs = null)
    {
        var verdict = targetMs is { } t ? $" (target < {t:N0} ms) {(elapsed.TotalMilliseconds < t ? "OK" : "MISSED")}" : string.Empty;
        Line($"{what}: {elapsed.TotalMilliseconds:N0} ms{verdict}");
    }
}
