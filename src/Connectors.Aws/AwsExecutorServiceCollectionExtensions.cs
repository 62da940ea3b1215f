using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Connectors.Aws.Execution;
using Qlrf.Execution;

namespace Qlrf.Connectors.Aws;

public static class AwsExecutorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the AWS executor: it changes the EC2 instances of the host's <c>aws</c> sources (root-volume replacement
    /// from the target AMI, patch sets through SSM), with settings from <c>Qlrf:Executors:Aws</c>.
    /// </summary>
    public static IHostApplicationBuilder AddAwsExecutor(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<AwsExecutorOptions>().BindConfiguration("Qlrf:Executors:Aws");
        builder.Services.AddSingleton<AwsExecutor>();
        builder.Services.AddSingleton<IPlatformExecutor>(sp => sp.GetRequiredService<AwsExecutor>());
        return builder;
    }
}
