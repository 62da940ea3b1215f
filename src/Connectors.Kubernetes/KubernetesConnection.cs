using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// Builds a KubernetesClient for one cluster: from a kubeconfig context (token, token file, client certificate,
/// or an exec plugin such as the EKS, GKE and AKS ones) or from the pod's service account (token re-read as it
/// rotates). Calls are retried on throttling and transient errors by the connectors <see cref="ConnectorResilience"/>
/// pipeline, as a <c>ResilienceHandler</c> under the client (which does not retry itself).
/// </summary>
internal static class KubernetesConnection
{
    public static KubernetesClientConfiguration Configuration(KubernetesClusterOptions cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.InCluster ? InCluster(cluster) : FromKubeconfig(cluster.Kubeconfig!, cluster.Context);
    }

    public static k8s.Kubernetes Create(KubernetesClusterOptions cluster, ConnectorHttpOptions http, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        var configuration = Configuration(cluster);
        configuration.HttpClientTimeout = http.Timeout;
        var retries = new ResilienceHandler(ConnectorResilience.Pipeline(http, ConnectorRetryRules.StatusOnly, time, logger, "kubernetes " + (cluster.Name ?? "cluster")));
        return new k8s.Kubernetes(configuration, retries);
    }

    private static KubernetesClientConfiguration FromKubeconfig(string path, string? context)
    {
        KubernetesClientConfiguration configuration;
        try
        {
            var kubeconfig = KubernetesClientConfiguration.LoadKubeConfig(path);
            var tokenFile = KubeconfigTokenFile.Find(path, kubeconfig, context);
            if (tokenFile is not null)
            {
                // KubernetesClient's model has no tokenFile: stand a token in for the check, then read the file instead.
                kubeconfig.Users.First(u => u.Name == kubeconfig.Contexts.First(c => c.Name == (context ?? kubeconfig.CurrentContext)).ContextDetails.User)
                    .UserCredentials.Token = "token-file";
            }

            configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig, currentContext: context);
            if (tokenFile is not null)
            {
                configuration.AccessToken = null;
                configuration.TokenProvider = new TokenFileAuth(tokenFile);
            }
        }
        catch (Exception ex) when (ex is KubeConfigException or YamlDotNet.Core.YamlException or IOException)
        {
            throw new ConnectorException($"The kubeconfig '{path}' cannot be used: {ex.Message}", ex);
        }

        return configuration.SkipTlsVerify
            ? throw new ConnectorException($"The cluster of context '{configuration.CurrentContext}' in '{path}' asks to skip TLS verification, which QL-RF does not do; give its certificate-authority instead.")
            : configuration;
    }

    /// <summary>The in-cluster connection, from <see cref="KubernetesClusterOptions.ServiceAccountDirectory"/> (the standard one by default).</summary>
    private static KubernetesClientConfiguration InCluster(KubernetesClusterOptions cluster)
    {
        var server = cluster.Server;
        if (server is null)
        {
            var host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
            var port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT") ?? "443";
            server = string.IsNullOrEmpty(host)
                ? throw new ConnectorException("KUBERNETES_SERVICE_HOST is not set: QL-RF is not running in a cluster; give the cluster's Kubeconfig instead.")
                : $"https://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";
        }

        var tokenFile = Path.Combine(cluster.ServiceAccountDirectory, "token");
        if (!File.Exists(tokenFile))
        {
            throw new ConnectorException($"The service account token '{tokenFile}' does not exist; is the token mounted (automountServiceAccountToken)?");
        }

        var caFile = Path.Combine(cluster.ServiceAccountDirectory, "ca.crt");
        var configuration = new KubernetesClientConfiguration
        {
            Host = server,
            TokenProvider = new TokenFileAuth(tokenFile),
        };
        if (File.Exists(caFile))
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caFile);
            configuration.SslCaCerts = authorities;
        }

        return configuration;
    }
}
