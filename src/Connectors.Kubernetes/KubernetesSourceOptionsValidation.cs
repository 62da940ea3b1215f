namespace Qlrf.Connectors.Kubernetes;

/// <summary>Checks a <c>kubernetes</c> source's settings; each problem names its setting.</summary>
internal static class KubernetesSourceOptionsValidation
{
    public static IEnumerable<string> Validate(string path, KubernetesSourceOptions options)
    {
        foreach (var problem in options.ValidateCommon(path))
        {
            yield return problem;
        }

        if (options.Clusters.Count == 0)
        {
            yield return $"{path}:Clusters must list at least one cluster.";
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Clusters.Count; i++)
        {
            var cluster = options.Clusters[i];
            var at = $"{path}:Clusters:{i}";
            if (string.IsNullOrWhiteSpace(cluster.Name))
            {
                yield return $"{at}:Name is required.";
            }
            else if (!names.Add(cluster.Name))
            {
                yield return $"{at}:Name '{cluster.Name}' is used by another cluster.";
            }

            if (cluster.InCluster == (cluster.Kubeconfig is not null))
            {
                yield return $"{at}: give either Kubeconfig (a file path) or InCluster: true.";
            }
            else if (cluster.Kubeconfig is not null && !File.Exists(cluster.Kubeconfig))
            {
                yield return $"{at}:Kubeconfig '{cluster.Kubeconfig}' was not found.";
            }

            foreach (var problem in SourceSettings.ValidateUrl($"{at}:Server", cluster.Server, required: false))
            {
                yield return problem;
            }
        }

        if (options.PageSize is < 1 or > 5000)
        {
            yield return $"{path}:PageSize must be between 1 and 5000.";
        }

        if (options.RolloutPollInterval < TimeSpan.FromMilliseconds(100) || options.RolloutPollInterval > TimeSpan.FromMinutes(5))
        {
            yield return $"{path}:RolloutPollInterval must be between 00:00:00.1 and 00:05:00.";
        }

        if (options.RolloutTimeout < options.RolloutPollInterval || options.RolloutTimeout > TimeSpan.FromHours(6))
        {
            yield return $"{path}:RolloutTimeout must be at least RolloutPollInterval and at most 06:00:00.";
        }
    }
}
