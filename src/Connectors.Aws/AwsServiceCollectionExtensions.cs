using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Aws;

public static class AwsServiceCollectionExtensions
{
    /// <summary>Registers asset sources of kind <c>aws</c>: EC2 instances and their AMIs, across regions and accounts.</summary>
    public static IHostApplicationBuilder AddAwsConnector(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IAssetSourceFactory, AwsAssetSourceFactory>();
        return builder;
    }
}
