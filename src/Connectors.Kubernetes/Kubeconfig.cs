using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// Reads the connection of one context of a kubeconfig file: server, CA (inline or file), and a token,
/// token file or client certificate (inline or files). Exec and auth-provider plugins are not run.
/// </summary>
internal static class Kubeconfig
{
    public static ClusterConnection Load(string path, string? context)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
            ?? throw new ConnectorException($"The kubeconfig '{path}' is not a mapping.");
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var contextName = context ?? Scalar(root, "current-context")
            ?? throw new ConnectorException($"The kubeconfig '{path}' has no current-context; name one in the Context setting.");
        var ctx = Named(root, "contexts", contextName, "context", path);
        var cluster = Named(root, "clusters", Scalar(ctx, "cluster") ?? throw new ConnectorException($"Context '{contextName}' of '{path}' names no cluster."), "cluster", path);
        var userName = Scalar(ctx, "user");
        var user = userName is null ? null : Named(root, "users", userName, "user", path);
        if (user is not null && (Child(user, "exec") is not null || Child(user, "auth-provider") is not null))
        {
            throw new ConnectorException($"User '{userName}' of '{path}' authenticates through an exec or auth-provider plugin, which QL-RF does not run; give it a token, a token file or a client certificate.");
        }

        var server = Scalar(cluster, "server") ?? throw new ConnectorException($"The cluster of context '{contextName}' in '{path}' has no server.");
        if (Scalar(cluster, "insecure-skip-tls-verify") is "true")
        {
            throw new ConnectorException($"The cluster of context '{contextName}' in '{path}' asks to skip TLS verification, which QL-RF does not do; give its certificate-authority instead.");
        }

        return new ClusterConnection
        {
            Server = new Uri(server),
            CertificateAuthority = Pem(cluster, "certificate-authority-data", "certificate-authority", baseDirectory) is { } ca
                ? X509Certificate2.CreateFromPem(ca)
                : null,
            Token = user is null ? null : Scalar(user, "token"),
            TokenFile = user is null || Scalar(user, "tokenFile") is not { } tokenFile ? null : Path.Combine(baseDirectory, tokenFile),
            ClientCertificate = user is not null
                && Pem(user, "client-certificate-data", "client-certificate", baseDirectory) is { } certificate
                && Pem(user, "client-key-data", "client-key", baseDirectory) is { } key
                ? X509Certificate2.CreateFromPem(certificate, key)
                : null,
        };
    }

    /// <summary>The in-cluster connection: the pod's service account token (re-read on every call, as it rotates) and CA.</summary>
    public static ClusterConnection InCluster(KubernetesClusterOptions cluster)
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

        var caFile = Path.Combine(cluster.ServiceAccountDirectory, "ca.crt");
        return new ClusterConnection
        {
            Server = new Uri(server),
            CertificateAuthority = File.Exists(caFile) ? X509Certificate2.CreateFromPem(File.ReadAllText(caFile)) : null,
            TokenFile = Path.Combine(cluster.ServiceAccountDirectory, "token"),
        };
    }

    private static YamlMappingNode Named(YamlMappingNode root, string list, string name, string field, string path) =>
        (Child(root, list) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>()
            .Where(n => Scalar(n, "name") == name)
            .Select(n => Child(n, field) as YamlMappingNode)
            .FirstOrDefault() is { } found
            ? found
            : throw new ConnectorException($"The kubeconfig '{path}' has no {field} named '{name}'.");

    private static string? Pem(YamlMappingNode node, string dataKey, string fileKey, string baseDirectory)
    {
        if (Scalar(node, dataKey) is { } data)
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(data));
        }

        return Scalar(node, fileKey) is { } file ? File.ReadAllText(Path.Combine(baseDirectory, file)) : null;
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) =>
        Child(node, key) is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;
}
