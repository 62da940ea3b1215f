using System.Text.Json;

namespace Qlrf.Cli.Commands;

/// <summary>Polls a resource until a condition holds, or gives up with exit code 5.</summary>
internal static class Waiting
{
    public static async Task<JsonElement> UntilAsync(
        CliContext context, string what, TimeSpan timeout, Func<Task<JsonElement>> read, Func<JsonElement, bool> done, Action<JsonElement>? changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var time = context.Environment.Time;
        var deadline = time.GetUtcNow() + timeout;
        string? last = null;
        while (true)
        {
            var current = await read();
            var text = current.GetRawText();
            if (text != last)
            {
                changed?.Invoke(current);
                last = text;
            }

            if (done(current))
            {
                return current;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new CliException(ExitCodes.TimedOut, $"Timed out after {timeout} waiting for {what}.", "It goes on without you; look again with the same command.");
            }

            await Task.Delay(context.Environment.PollInterval, time, cancellationToken);
        }
    }
}
