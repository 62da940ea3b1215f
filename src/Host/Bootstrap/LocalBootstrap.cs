using Qlrf.Identity.ApiKeys;

namespace Qlrf.Host.Bootstrap;

/// <summary>
/// On start-up, after the store is open: creates the bootstrap admin key when the default organisation
/// has no admin (see <see cref="BootstrapAdminKey"/>) and prints it once on <see cref="BootstrapConsole"/>.
/// </summary>
internal sealed class LocalBootstrap(BootstrapAdminKey bootstrap, BootstrapConsole console, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await bootstrap.EnsureAsync(cancellationToken) is { } issued)
        {
            console.Print(issued, BaseUrl(configuration["urls"]));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The first listening URL, as a client on this machine would call it.</summary>
    internal static string BaseUrl(string? urls)
    {
        var first = (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? LocalHostExtensions.DefaultUrl;
        foreach (var any in new[] { "://+:", "://*:", "://0.0.0.0:", "://[::]:" })
        {
            first = first.Replace(any, "://localhost:", StringComparison.Ordinal);
        }

        return first.TrimEnd('/');
    }
}
