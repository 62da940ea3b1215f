using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Azure.Execution;

/// <summary>One configured <c>azure</c> source as the executor uses it: its ARM client, the subscriptions it reads, its image names.</summary>
internal sealed class AzureExecutorSource(string name, AzureSourceOptions options, string settingPath, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly Lazy<ArmConnection> connection = new(() => new ArmConnection(options, settingPath, time, logger));

    public string Name => name;

    public ImageNamePattern ImageNames { get; } = new(options.ImageNamePattern);

    public ArmConnection Connection => connection.Value;

    /// <summary>Whether the source reads the subscription (a source listing none reads every one its identity sees).</summary>
    public bool Covers(string subscription) =>
        options.Subscriptions.Count == 0 || options.Subscriptions.Contains(subscription, StringComparer.OrdinalIgnoreCase);

    public bool ListsSubscriptions => options.Subscriptions.Count > 0;

    public void Dispose()
    {
        if (connection.IsValueCreated)
        {
            connection.Value.Dispose();
        }
    }
}
