using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>
/// A kubeconfig user's <c>tokenFile</c> (as kubectl reads it, relative to the kubeconfig's folder), which
/// KubernetesClient's model does not hold: such a user would otherwise be refused as having no credentials.
/// </summary>
internal static class KubeconfigTokenFile
{
    /// <summary>The token file of the context's user when it has no other credential; null otherwise.</summary>
    public static string? Find(string path, K8SConfiguration configuration, string? context)
    {
        var contextName = context ?? configuration.CurrentContext;
        var userName = configuration.Contexts?.FirstOrDefault(c => c.Name == contextName)?.ContextDetails?.User;
        var credentials = configuration.Users?.FirstOrDefault(u => u.Name == userName)?.UserCredentials;
        if (userName is null || credentials is null || HasOtherCredential(credentials) || Read(path, userName) is not { Length: > 0 } file)
        {
            return null;
        }

        return Path.GetFullPath(file, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    private static bool HasOtherCredential(UserCredentials user) =>
        !string.IsNullOrEmpty(user.Token) || !string.IsNullOrEmpty(user.ClientCertificateData) || !string.IsNullOrEmpty(user.ClientCertificate)
        || user.ExternalExecution is not null || user.AuthProvider is not null || !string.IsNullOrEmpty(user.UserName);

    private static string? Read(string path, string userName)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        if (stream.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("users"), out var users) || users is not YamlSequenceNode list)
        {
            return null;
        }

        foreach (var entry in list.Children.OfType<YamlMappingNode>())
        {
            if (entry.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode { Value: var n } && n == userName
                && entry.Children.TryGetValue(new YamlScalarNode("user"), out var user) && user is YamlMappingNode details
                && details.Children.TryGetValue(new YamlScalarNode("tokenFile"), out var file) && file is YamlScalarNode { Value: var value })
            {
                return value;
            }
        }

        return null;
    }
}
