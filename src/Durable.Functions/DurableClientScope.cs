using Microsoft.DurableTask.Client;

namespace Qlrf.Durable.Functions;

/// <summary>
/// The <c>[DurableClient]</c> binding of the function now running, for <see cref="DurableOrchestrationClient"/>. A
/// forwarder binds the client and opens a scope around the call; the scope flows with the async call.
/// </summary>
public static class DurableClientScope
{
    private static readonly AsyncLocal<DurableTaskClient?> Current = new();

    /// <summary>The bound client; throws when the running function binds none.</summary>
    public static DurableTaskClient Client =>
        Current.Value ?? throw new InvalidOperationException(
            "This function has no [DurableClient] binding; bind one in its Azure glue and open a DurableClientScope.");

    public static IDisposable Use(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var previous = Current.Value;
        Current.Value = client;
        return new Restore(previous);
    }

    private sealed class Restore(DurableTaskClient? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
